// web/date_picker.h — a date field: typed ISO dates plus a month-grid calendar popup that works
// with mouse and keyboard (arrows, Page Up/Down, Home/End, Enter, Escape) and does not depend on
// the browser's locale. Dear ImGui has no date widget.
#pragma once

#include <string>

#include "ftblock/date.h"
#include "ftblock/text.h"

namespace ftblock::web {

int weekday_monday0(Date date);  // 0 = Monday … 6 = Sunday
Date add_days(Date date, int days);
Date add_months(Date date, int months);  // day clamped to the month's length

// Draws the field; returns true when `text` changed. `label` is an ImGui id ("##target_date").
// The rectangles of the text box and of the calendar button come back for the page's handle.
bool date_field(const char* label, std::string& text, Lang lang, Date today, float width, float* text_rect,
                float* button_rect);

}  // namespace ftblock::web
