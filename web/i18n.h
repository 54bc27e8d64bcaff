// web/i18n.h — the form's own words: the rows of domain "form" of the message catalog
// (core/include/ftblock/catalog.def). The playbook's words come from its data.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include "ftblock/messages.h"
#include "ftblock/text.h"

namespace ftblock::web {

enum class Str : unsigned short {  // the catalog's rows of domain "form", in catalog order
#define FTB_MSG(domain, id, en, zh) FTB_MSG_IN_form_##domain(id)
#include "ftblock/catalog.def"
#undef FTB_MSG
    Count_
};

std::string tr(Lang lang, Str id, std::initializer_list<std::string_view> args = {});
const char* tr_pattern(Lang lang, Str id);        // the row's text, placeholders unfilled
const char* weekday_short(Lang lang, int index);  // 0 = Monday … 6 = Sunday

}  // namespace ftblock::web
