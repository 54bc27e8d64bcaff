#include <doctest/doctest.h>

#include "ftblock/date.h"

using namespace ftblock;

TEST_CASE("dates must be exactly YYYY-MM-DD and a real day of the Gregorian calendar") {
    CHECK(parse_date("2026-11-24") == Date{2026, 11, 24});
    CHECK(parse_date("2024-02-29").has_value());
    CHECK(parse_date("2000-02-29").has_value());
    CHECK_FALSE(parse_date("1900-02-29").has_value());
    CHECK_FALSE(parse_date("2026-04-31").has_value());
    CHECK_FALSE(parse_date("2026-13-01").has_value());
    CHECK_FALSE(parse_date("2026-00-10").has_value());
    CHECK_FALSE(parse_date("0000-01-01").has_value());
    CHECK(parse_date("0001-01-01").has_value());
    CHECK(parse_date("9999-12-31").has_value());
    CHECK_FALSE(parse_date("2026-11-24 ").has_value());
    CHECK_FALSE(parse_date("2026-1-24").has_value());
    CHECK_FALSE(parse_date("２０２６-11-24").has_value());
    CHECK_FALSE(parse_date("+026-11-24").has_value());
    CHECK_FALSE(parse_date("").has_value());
}

TEST_CASE("dates format back to the same text and order like the calendar") {
    CHECK(format_date(Date{7, 3, 9}) == "0007-03-09");
    CHECK(Date{2026, 11, 30} < Date{2026, 12, 1});
    CHECK(Date{2025, 12, 31} < Date{2026, 1, 1});
    CHECK(days_in_month(2026, 2) == 28);
    CHECK(days_in_month(2028, 2) == 29);
}
