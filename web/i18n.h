// web/i18n.h — the form's own words in zh-CN and en (the playbook's words come from its data).
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include "ftblock/text.h"

namespace ftblock::web {

enum class Str {
    AppTitle,
    Language,
    Drafts,
    NewAssignment,
    NewDelivery,
    Duplicate,
    Delete,
    DeleteConfirm,
    Cancel,
    Import,
    Backup,
    FilterAll,
    FilterValid,
    FilterInvalid,
    Search,
    Untitled,
    Valid,
    Invalid,
    NoDrafts,
    Scenario,
    Locked,
    LockedWhy,
    FixedByPlaybook,
    L3ComingSoon,
    NotApplicable,
    EmptyMeansToday,
    Pick,
    Today,
    Clear,
    CharsOf,
    PreviousValueFrom,
    NoPrevious,
    Problems,
    NoProblems,
    ExportJson,
    ExportCsv,
    CopyJson,
    Copied,
    OnlyValid,
    SwitchedScenario,
    Undo,
    Dismiss,
    StorageUnavailable,
    NotSaved,
    SavedAt,
    RecoveredNotice,
    DownloadUnreadable,
    ImportTooBig,
    ImportBroken,
    ImportBrokenRecord,
    ImportDone,
    ChooseValue,
    Definition,
    Constraint,
    TranslatedNote,
    TooLongPaste,
    Monday,
    Errors,
    Warnings,
    Required,
    Optional,
    GoToField,
    ScenarioWillChange,
    Submit,
    ReadOnly,
};

std::string tr(Lang lang, Str id, std::initializer_list<std::string_view> args = {});
const char* weekday_short(Lang lang, int index);  // 0 = Monday … 6 = Sunday

}  // namespace ftblock::web
