#include "options.h"

namespace ftblock::cli {

std::string usage(Lang lang) { return say(lang, Msg::CliUsage); }

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
    auto error = [&](Msg id, std::string_view arg = {}) {
        r.error = say(o.lang, id, {arg});
        return r;
    };
    if (args.empty()) return error(Msg::CliNoCommand);
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
    else if (cmd == "suggest")
        o.command = Command::Suggest;
    else
        return error(Msg::CliUnknownCommand, cmd);
    bool only_files = false;
    for (i = 1; i < args.size(); ++i) {
        std::string a = args[i];
        if (only_files || a == "-" || a.empty() || a[0] != '-') {
            if (o.command == Command::Schema) return error(Msg::CliSchemaNoFiles);
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
        if (a.rfind("-j", 0) == 0 && a.size() > 2) {  // -jN, as make's
            name = "-j";
            value = a.substr(2);
            has_value = true;
        } else if (std::size_t eq = a.find('='); eq != std::string::npos) {
            name = a.substr(0, eq);
            value = a.substr(eq + 1);
            has_value = true;
        }
        static const char* valued[] = {"--format",   "--lang", "--input-format", "--previous", "--today",
                                       "--playbook", "--top",  "--jobs",         "-j"};
        bool known = false;
        for (const char* v : valued) known = known || name == v;
        if (!known) return error(Msg::CliUnknownOption, name);
        if (o.command == Command::Schema && name != "--playbook" && name != "--lang")
            return error(Msg::CliSchemaOnlyPlaybook);
        if (o.command == Command::Suggest && name != "--lang" && name != "--format" && name != "--top")
            return error(Msg::CliSuggestOptions);
        if (o.command != Command::Suggest && name == "--top") return error(Msg::CliUnknownOption, name);
        if (!has_value) {
            if (i + 1 >= args.size()) return error(Msg::CliNeedsValue, name);
            value = args[++i];
        }
        if (name == "-j") name = "--jobs";
        if (name == "--format") {
            if (value == "text")
                o.format = ReportFormat::Text;
            else if (value == "json")
                o.format = ReportFormat::Json;
            else
                return error(Msg::CliBadFormat, value);
        } else if (name == "--lang") {
            if (!parse_lang(value, o.lang)) return error(Msg::CliBadLang, value);
        } else if (name == "--input-format") {
            if (!parse_input_format(value, o.input_format)) return error(Msg::CliBadInputFormat, value);
        } else if (name == "--previous") {
            o.previous.push_back(value);
        } else if (name == "--today") {
            o.today = parse_date(value);
            if (!o.today) return error(Msg::CliBadToday, value);
        } else if (name == "--playbook") {
            o.playbook = value;
        } else if (name == "--top") {
            if (value.size() != 1 || value[0] < '1' || value[0] > '8') return error(Msg::CliBadTop, value);
            o.top = value[0] - '0';
        } else if (name == "--jobs") {
            int n = 0;
            for (char c : value) n = c >= '0' && c <= '9' && n <= 256 ? n * 10 + (c - '0') : 1000;
            if (value.empty() || n < 1 || n > 256) return error(Msg::CliBadJobs, value);
            o.jobs = n;
        }
    }
    if (o.command == Command::Check && o.files.empty()) return error(Msg::CliNeedsFile);
    if (o.command == Command::Suggest && o.files.empty()) return error(Msg::CliSuggestNeedsText);
    return r;
}

}  // namespace ftblock::cli
