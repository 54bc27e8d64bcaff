#include "i18n.h"

namespace ftblock::web {

namespace {

struct Entry {
    Str id;
    const char* en;
    const char* zh;
};

const Entry kStrings[] = {
    {Str::AppTitle, "FastTrack Blocked status", "FastTrack 受阻状态"},
    {Str::Language, "Language", "语言"},
    {Str::Drafts, "Drafts", "草稿"},
    {Str::NewAssignment, "+ Assignment", "+ 分配"},
    {Str::NewDelivery, "+ Delivery", "+ 交付"},
    {Str::Duplicate, "Duplicate", "创建副本"},
    {Str::Delete, "Delete", "删除"},
    {Str::DeleteConfirm, "Delete this draft? It is not in any backup you have not downloaded.",
     "删除此草稿？未下载备份的内容将无法恢复。"},
    {Str::Cancel, "Cancel", "取消"},
    {Str::Import, "Import…", "导入…"},
    {Str::Backup, "Download backup", "下载备份"},
    {Str::FilterAll, "All", "全部"},
    {Str::FilterValid, "Valid", "有效"},
    {Str::FilterInvalid, "Invalid", "无效"},
    {Str::Search, "Search", "搜索"},
    {Str::Untitled, "(untitled)", "（未命名）"},
    {Str::Valid, "valid", "有效"},
    {Str::Invalid, "{0} problem(s)", "{0} 个问题"},
    {Str::NoDrafts, "No drafts match.", "没有符合条件的草稿。"},
    {Str::Scenario, "Scenario", "场景"},
    {Str::Locked, "locked", "已锁定"},
    {Str::LockedWhy, "Set by the playbook's scenario table: {0}", "由行动手册的场景表规定：{0}"},
    {Str::FixedByPlaybook, "fixed by the playbook", "由行动手册规定"},
    {Str::L3ComingSoon, "L3 coming soon", "L3 即将推出"},
    {Str::NotApplicable, "N/A in this scenario", "此场景不适用"},
    {Str::EmptyMeansToday, "empty = today ({0})", "为空表示今天（{0}）"},
    {Str::Pick, "Pick a date", "选择日期"},
    {Str::Today, "Today", "今天"},
    {Str::Clear, "Clear", "清除"},
    {Str::CharsOf, "{0} / {1}", "{0} / {1}"},
    {Str::PreviousValueFrom,
     "Locked to the previous value (上一值) of this entitlement, from the latest earlier record (a draft, or one the "
     "page gave) of the same customer and workload.",
     "已锁定为此权益的上一值：取自同一客户和工作负载的最近一份更早的记录（草稿或页面提供的记录）。"},
    {Str::NoPrevious, "No earlier record of this entitlement: choose the value.", "没有此权益更早的记录：请选择。"},
    {Str::Problems, "Problems", "问题"},
    {Str::NoProblems, "No problems: this record can be handed over.", "没有问题：可以移交此记录。"},
    {Str::ExportJson, "Export JSON", "导出 JSON"},
    {Str::ExportCsv, "Export CSV", "导出 CSV"},
    {Str::CopyJson, "Copy JSON", "复制 JSON"},
    {Str::Submit, "Submit", "提交"},
    {Str::ReadOnly, "Read-only", "只读"},
    {Str::Copied, "Copied to the clipboard.", "已复制到剪贴板。"},
    {Str::OnlyValid, "Hand-over is possible once the record has no errors.", "记录没有错误后才能移交。"},
    {Str::SwitchedScenario, "Switched to {0}: {1}", "已切换为{0}：{1}"},
    {Str::Undo, "Undo", "撤销"},
    {Str::Dismiss, "OK", "知道了"},
    {Str::StorageUnavailable,
     "This browser does not let the form store drafts (private mode or a sandboxed frame). Download a backup before "
     "you leave.",
     "此浏览器不允许保存草稿（隐私模式或受限框架）。离开前请下载备份。"},
    {Str::NotSaved, "Not saved in this browser: {0}. Your drafts are still here; download a backup.",
     "未能保存到此浏览器：{0}。草稿仍在页面中，请下载备份。"},
    {Str::SavedAt, "Saved in this browser", "已保存到此浏览器"},
    {Str::RecoveredNotice, "Stored drafts could not be read ({0}); the form kept the data for download.",
     "无法读取已保存的草稿（{0}）；数据已保留，可下载。"},
    {Str::DownloadUnreadable, "Download unreadable data", "下载无法读取的数据"},
    {Str::ImportTooBig, "{0} is over {1} MB: too large to import in the browser; nothing was imported.",
     "{0} 超过 {1} MB，无法在浏览器中导入；未导入任何内容。"},
    {Str::ImportBroken, "{0}:{1}:{2}: {3} — nothing was imported.", "{0}:{1}:{2}：{3}——未导入任何内容。"},
    {Str::ImportBrokenRecord, "{0}, line {1}: {2} — nothing was imported.", "{0} 第 {1} 行：{2}——未导入任何内容。"},
    {Str::ImportDone, "Imported {0} record(s) from {1}; {2} already present were skipped.",
     "已从 {1} 导入 {0} 条记录；跳过 {2} 条已存在的记录。"},
    {Str::ChooseValue, "(choose)", "（请选择）"},
    {Str::Definition, "Definition", "定义"},
    {Str::Constraint, "Constraint", "约束"},
    {Str::TranslatedNote, "(English translation of the playbook's Chinese text)", "（英文为行动手册中文的译文）"},
    {Str::TooLongPaste, "Pasted text is longer than {0} characters; it is kept whole — shorten it.",
     "粘贴的文本超过 {0} 个字符；已完整保留，请缩短。"},
    {Str::Monday, "Mo", "一"},
    {Str::Errors, "{0} error(s)", "{0} 个错误"},
    {Str::Warnings, "{0} warning(s)", "{0} 个警告"},
    {Str::Required, "required", "必填"},
    {Str::Optional, "optional", "可选"},
    {Str::GoToField, "Go to field", "转到字段"},
    {Str::ScenarioWillChange, "Switching the scenario changes:", "切换场景将更改："},
    {Str::Saving, "Saving…", "正在保存…"},
    {Str::Persistent, "kept until you delete them", "保留至您删除"},
    {Str::BestEffort, "the browser may clear them when space is short", "空间不足时浏览器可能清除"},
    {Str::StorageFailed,
     "This browser cannot store drafts now ({0}). Your drafts stay in this page; download a backup before you "
     "leave.",
     "此浏览器现在无法保存草稿（{0}）。草稿仍在此页面中，离开前请下载备份。"},
    {Str::ImportReading, "Reading {0}: {1} of {2} MB", "正在读取 {0}：{1} / {2} MB"},
    {Str::ImportAdding, "Checking {0}: {1} of {2} records", "正在检查 {0}：{1} / {2} 条记录"},
    {Str::ImportSaving, "Saving {0} record(s) from {1} in this browser…", "正在将 {1} 的 {0} 条记录保存到此浏览器…"},
    {Str::ImportCancelled, "Import of {0} cancelled; nothing was imported.", "已取消导入 {0}；未导入任何内容。"},
    {Str::ImportBusy, "{0} was not imported: another import is still running.", "未导入 {0}：另一个导入仍在进行。"},
    {Str::ImportNoSpace,
     "{0} needs about {1} MB of browser storage but only {2} MB is free; nothing was imported. Free some space or "
     "import a smaller file.",
     "{0} 约需 {1} MB 浏览器存储空间，但仅剩 {2} MB；未导入任何内容。请释放空间或导入较小的文件。"},
    {Str::UsePrevious, "Use the previous value: {0}", "使用上一值：{0}"},
    {Str::UsedPrevious, "Engagement scenario set to the previous value: {0} → {1}",
     "服务接洽场景已设为上一值：{0} → {1}"},
    {Str::DiffersFromPrevious, "Differs from the previous record's value ({0}); kept as it was given.",
     "与上一条记录的值（{0}）不同；已按原样保留。"},
    {Str::NextProblem, "Next problem ▸", "下一个问题 ▸"},
    {Str::NoMoreProblems, "No draft has an error.", "没有草稿有错误。"},
    {Str::ExportValidJson, "Export {0} valid (JSON)", "导出 {0} 条有效记录（JSON）"},
    {Str::ExportValidCsv, "Export {0} valid (CSV)", "导出 {0} 条有效记录（CSV）"},
    {Str::DeleteShown, "Delete {0} shown…", "删除显示的 {0} 条…"},
    {Str::DeleteShownConfirm, "Delete the {0} draft(s) shown in the list?", "删除列表中显示的 {0} 条草稿？"},
    {Str::Deleted, "Deleted {0} draft(s).", "已删除 {0} 条草稿。"},
    {Str::DownloadBackup, "Download backup", "下载备份"},
    {Str::DateHint, "Date as YYYY-MM-DD; Alt+Down opens a calendar.", "日期格式 YYYY-MM-DD；Alt+↓ 打开日历。"},
    {Str::NewAssignmentName, "New assignment draft", "新建分配草稿"},
    {Str::NewDeliveryName, "New delivery draft", "新建交付草稿"},
    {Str::FilterGroup, "Show drafts", "显示草稿"},
    {Str::SavedAgain, "Saved to this browser again.", "已重新保存到此浏览器。"},
    {Str::LanguageSwitched, "Language: {0}", "语言：{0}"},
};

std::string format(std::string_view pattern, std::initializer_list<std::string_view> args) {
    std::string out;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}' && pattern[i + 1] >= '0' &&
            pattern[i + 1] <= '9') {
            std::size_t n = static_cast<std::size_t>(pattern[i + 1] - '0');
            if (n < args.size()) out += *(args.begin() + n);
            i += 2;
            continue;
        }
        out += pattern[i];
    }
    return out;
}

}  // namespace

std::string tr(Lang lang, Str id, std::initializer_list<std::string_view> args) {
    for (const Entry& e : kStrings)
        if (e.id == id) return format(lang == Lang::ZhCN ? e.zh : e.en, args);
    return "?";
}

const char* weekday_short(Lang lang, int index) {
    static const char* en[] = {"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"};
    static const char* zh[] = {"一", "二", "三", "四", "五", "六", "日"};
    const char* const* names = lang == Lang::ZhCN ? zh : en;  // (not `(c ? a : b)[i]`: GCC 12's UBSan misreads it)
    return names[((index % 7) + 7) % 7];
}

}  // namespace ftblock::web
