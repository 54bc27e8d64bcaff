// The catalog's form rows as a table (core/include/ftblock/catalog.def); sentences are filled in
// by the core's one formatter, render_message.
#include "i18n.h"

namespace ftblock::web {

namespace {

struct Row {
    const char* en;
    const char* zh;
};

#define FTB_MSG_ROW_core(en, zh)
#define FTB_MSG_ROW_form(en, zh) {en, zh},
const Row kRows[] = {
#define FTB_MSG(domain, id, en, zh) FTB_MSG_ROW_##domain(en, zh)
#include "ftblock/catalog.def"
#undef FTB_MSG
};
static_assert(sizeof kRows / sizeof kRows[0] == static_cast<std::size_t>(Str::Count_), "one row per Str id");

}  // namespace

const char* tr_pattern(Lang lang, Str id) {
    const Row& row = kRows[static_cast<std::size_t>(id)];
    return lang == Lang::ZhCN ? row.zh : row.en;
}

std::string tr(Lang lang, Str id, std::initializer_list<std::string_view> args) {
    return render_message(tr_pattern(lang, id), args);
}

const char* weekday_short(Lang lang, int index) {
    static const Str kDays[] = {Str::WeekdayMon, Str::WeekdayTue, Str::WeekdayWed, Str::WeekdayThu,
                                Str::WeekdayFri, Str::WeekdaySat, Str::WeekdaySun};
    return tr_pattern(lang, kDays[((index % 7) + 7) % 7]);
}

}  // namespace ftblock::web
