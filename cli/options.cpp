#include "options.h"

namespace ftblock::cli {

std::string usage(Lang lang) {
    if (lang == Lang::ZhCN) {
        return "用法：\n"
               "  ftblock check [--format text|json] [--lang zh-CN|en] [--input-format json|jsonl|csv]\n"
               "                [--previous 文件]... [--today YYYY-MM-DD] [--playbook 文件] 文件...\n"
               "  ftblock schema [--playbook 文件]   输出记录的 JSON Schema (draft 2020-12)\n"
               "  ftblock --help | --version\n\n"
               "按 FastTrack 合作伙伴行动手册《受阻》的场景表检查受阻 (Blocked) 状态记录。\n"
               "文件为 JSON（记录数组或单个对象）、JSON Lines 或 CSV；\"-\" 表示标准输入。\n"
               "  --format        报告格式：text（默认，每个问题一行）或 json\n"
               "  --lang          消息语言；默认由环境变量 LANG 决定（以 zh 开头为 zh-CN）\n"
               "  --input-format  文件格式；默认按扩展名（.json/.jsonl/.ndjson/.csv），否则按内容\n"
               "  --previous      此前状态的记录文件，用于交付场景“服务接洽场景”的上一值规则（可多次）\n"
               "  --today         今天的日期（updated_at 为空时使用）；默认为本机日期\n"
               "  --playbook      使用较新的行动手册数据文件代替内置数据\n\n"
               "退出状态：0 全部有效；1 有无效记录；2 文件错误或用法错误。\n";
    }
    return "Usage:\n"
           "  ftblock check [--format text|json] [--lang zh-CN|en] [--input-format json|jsonl|csv]\n"
           "                [--previous FILE]... [--today YYYY-MM-DD] [--playbook FILE] FILE...\n"
           "  ftblock schema [--playbook FILE]   print the record's JSON Schema (draft 2020-12)\n"
           "  ftblock --help | --version\n\n"
           "Checks FastTrack \"Blocked\" status records against the partner playbook's scenario table.\n"
           "FILEs are JSON (an array of records or one record), JSON Lines or CSV; \"-\" is standard input.\n"
           "  --format        report as text (default; one line per problem) or json\n"
           "  --lang          message language; default from LANG (zh... means zh-CN, else en)\n"
           "  --input-format  format of the FILEs; default by extension (.json .jsonl .ndjson .csv), else by content\n"
           "  --previous      records of the earlier state, for the delivery row's previous-value rule (repeatable)\n"
           "  --today         today's date, used when updated_at is empty; default: this machine's local date\n"
           "  --playbook      use a newer playbook data file instead of the built-in one\n\n"
           "Exit status: 0 all records valid; 1 some record invalid; 2 a file error or bad usage.\n";
}

ParseResult parse_options(const std::vector<std::string>& args, const char* env_lang) {
    ParseResult r;
    Options& o = r.options;
    if (env_lang && env_lang[0] == 'z' && env_lang[1] == 'h') o.lang = Lang::ZhCN;
    // --lang may come after the error it should describe: look for it first.
    for (std::size_t i = 0; i < args.size(); ++i) {
        Lang l;
        if (args[i] == "--lang" && i + 1 < args.size() && parse_lang(args[i + 1], l)) o.lang = l;
        if (args[i].rfind("--lang=", 0) == 0 && parse_lang(args[i].substr(7), l)) o.lang = l;
    }
    auto error = [&](const std::string& en, const std::string& zh) {
        r.error = o.lang == Lang::ZhCN ? zh : en;
        return r;
    };
    if (args.empty()) return error("no command given", "没有给出命令");
    std::size_t i = 0;
    const std::string& cmd = args[0];
    if (cmd == "--help" || cmd == "-h" || cmd == "help") {
        o.command = Command::Help;
        return r;
    }
    if (cmd == "--version" || cmd == "-V") {
        o.command = Command::Version;
        return r;
    }
    if (cmd == "check")
        o.command = Command::Check;
    else if (cmd == "schema")
        o.command = Command::Schema;
    else
        return error("unknown command \"" + cmd + "\"", "未知的命令“" + cmd + "”");
    bool only_files = false;
    for (i = 1; i < args.size(); ++i) {
        std::string a = args[i];
        if (only_files || a == "-" || a.empty() || a[0] != '-') {
            if (o.command == Command::Schema) return error("schema takes no files", "schema 命令不接受文件参数");
            o.files.push_back(a);
            continue;
        }
        if (a == "--") {
            only_files = true;
            continue;
        }
        if (a == "--help" || a == "-h") {
            o.command = Command::Help;
            return r;
        }
        std::string name = a, value;
        bool has_value = false;
        if (std::size_t eq = a.find('='); eq != std::string::npos) {
            name = a.substr(0, eq);
            value = a.substr(eq + 1);
            has_value = true;
        }
        static const char* valued[] = {"--format", "--lang", "--input-format", "--previous", "--today", "--playbook"};
        bool known = false;
        for (const char* v : valued) known = known || name == v;
        if (!known) return error("unknown option \"" + name + "\"", "未知的选项“" + name + "”");
        if (o.command == Command::Schema && name != "--playbook" && name != "--lang")
            return error("schema takes only --playbook", "schema 命令只接受 --playbook");
        if (!has_value) {
            if (i + 1 >= args.size()) return error(name + " needs a value", name + " 需要一个值");
            value = args[++i];
        }
        if (name == "--format") {
            if (value == "text")
                o.format = ReportFormat::Text;
            else if (value == "json")
                o.format = ReportFormat::Json;
            else
                return error("--format must be text or json, not \"" + value + "\"",
                             "--format 必须是 text 或 json，而不是“" + value + "”");
        } else if (name == "--lang") {
            if (!parse_lang(value, o.lang))
                return error("--lang must be zh-CN or en, not \"" + value + "\"",
                             "--lang 必须是 zh-CN 或 en，而不是“" + value + "”");
        } else if (name == "--input-format") {
            if (!parse_input_format(value, o.input_format))
                return error("--input-format must be json, jsonl or csv, not \"" + value + "\"",
                             "--input-format 必须是 json、jsonl 或 csv，而不是“" + value + "”");
        } else if (name == "--previous") {
            o.previous.push_back(value);
        } else if (name == "--today") {
            o.today = parse_date(value);
            if (!o.today)
                return error("--today must be a real date written YYYY-MM-DD, not \"" + value + "\"",
                             "--today 必须是格式为 YYYY-MM-DD 的真实日期，而不是“" + value + "”");
        } else if (name == "--playbook") {
            o.playbook = value;
        }
    }
    if (o.command == Command::Check && o.files.empty())
        return error("check needs at least one FILE (\"-\" for standard input)",
                     "check 至少需要一个文件（\"-\" 表示标准输入）");
    return r;
}

}  // namespace ftblock::cli
