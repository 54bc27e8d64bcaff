// ftblock/date.h — ISO calendar dates (YYYY-MM-DD, years 0001–9999) as the record format
// defines them. The core has no clock: "today" is always passed in as a Date.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ftblock {

struct Date {
    int year = 1, month = 1, day = 1;
    int serial() const { return year * 10000 + month * 100 + day; }  // orders like the calendar
    friend bool operator==(Date a, Date b) { return a.serial() == b.serial(); }
    friend bool operator!=(Date a, Date b) { return !(a == b); }
    friend bool operator<(Date a, Date b) { return a.serial() < b.serial(); }
    friend bool operator<=(Date a, Date b) { return a.serial() <= b.serial(); }
};

std::optional<Date> parse_date(std::string_view text);  // exactly YYYY-MM-DD and a real day, else nullopt
std::string format_date(Date date);                     // YYYY-MM-DD
int days_in_month(int year, int month);                 // proleptic Gregorian

}  // namespace ftblock
