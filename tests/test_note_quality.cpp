// note_quality: the playbook's note guidance as warnings on `notes` (core/src/note_quality.cpp, the
// word lists in assets/playbook/playbook.json $.note_guidance). Each kind fires with its exact
// message in both languages; the playbook's Blocked templates filled with a concrete blocker, and
// the playbook's labelled example sentences, fire nothing.
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "ftblock/note_quality.h"
#include "scenario_fixtures.h"

using namespace ftblock;
using namespace ftblock::test;

namespace {

std::string json_string(const std::string& text) { return nlohmann::json(text).dump(); }

// The note_quality messages of the delivery fixture with these notes, in one language.
std::vector<std::string> hints(const std::string& notes, Lang lang = Lang::En) {
    std::vector<std::string> out;
    for (const Diagnostic& d : diagnose(with(kDelivery, "notes", json_string(notes)), lang)) {
        if (d.code != Code::NoteQuality) continue;
        CHECK(d.field == "notes");
        CHECK(d.severity == Severity::Warning);
        out.push_back(d.message);
    }
    return out;
}

std::vector<NoteIssue> issues(const std::string& notes) {
    std::vector<NoteIssue> out;
    for (const NoteFinding& f : assess_note(builtin_playbook()->note_guidance, notes)) out.push_back(f.issue);
    return out;
}

std::vector<std::string> vague_words(const std::string& notes) {
    for (const NoteFinding& f : assess_note(builtin_playbook()->note_guidance, notes))
        if (f.issue == NoteIssue::VagueTime) return f.words;
    return {};
}

using Issues = std::vector<NoteIssue>;
using Words = std::vector<std::string>;

const char* kVagueEn =
    "The note uses the vague time word \"for now\", which will be wrong next week: write what the block waits "
    "for (\"until …\") or a date instead";

}  // namespace

TEST_CASE("note_quality: vague time words are named, in English and Chinese") {
    const std::string note = "Customer cannot deploy Teams for now because the VPN concentrator is overloaded.";
    CHECK(hints(note) == Words{kVagueEn});
    CHECK(hints(note, Lang::ZhCN) ==
          Words{"笔记使用了 1 个模糊的时间词 “for now”，下周就会过时：请改为写明受阻在等待什么（“直到……”）或具体日期"});
    const std::string zh = "由于代理服务器不支持 TLS 1.2，客户暂时无法部署，目前也尚未找到替代方案。";
    CHECK(hints(zh, Lang::ZhCN) ==
          Words{"笔记使用了 3 个模糊的时间词 “暂时”、“目前”、“尚未”，下周就会过时：请改为写明受阻在等待什么（“直到……”）"
                "或具体日期"});
    CHECK(hints(zh) ==
          Words{"The note uses the vague time words \"暂时\", \"目前\", \"尚未\", which will be wrong next "
                "week: write what the block waits for (\"until …\") or a date instead"});
}

TEST_CASE("note_quality: 'currently' counts when it hedges the status and nothing says what the block waits for") {
    CHECK(vague_words("Customer is currently blocked by the proxy's lack of TLS 1.2 support.") == Words{"currently"});
    CHECK(vague_words("Currently the customer is unable to deploy because the proxy lacks TLS 1.2.") ==
          Words{"Currently"});
    CHECK(vague_words("客户目前无法部署，因为代理服务器不支持 TLS 1.2。") == Words{"目前"});
    // A fact about what is in place, or a note that says what the block waits for: not vague.
    CHECK(vague_words("Service does not work with the hardware architecture currently in place.") == Words{});
    CHECK(vague_words("Customer needs a function which is currently unavailable.") == Words{});
    CHECK(vague_words("Customer is currently unable to deploy until the proxy supports TLS 1.2.") == Words{});
    CHECK(vague_words("Customer is currently blocked by the proxy; the upgrade is planned for 2026-03-31.") == Words{});
    CHECK(vague_words("客户目前正在进行合并或收购，需要以某种方式编辑租户") == Words{});
    CHECK(vague_words("客户目前无法部署，直到新的代理服务器上线。") == Words{});
    // The status word must be close and in the same sentence.
    CHECK(vague_words("The firewall currently in place drops media traffic. Deployment is blocked.") == Words{});
}

TEST_CASE("note_quality: word boundaries, negations and quoted names") {
    CHECK(vague_words("Customer cannot run both VPN clients concurrently.") == Words{});
    CHECK(vague_words("The Yeti add-in is not compatible with the new Outlook.") == Words{});
    CHECK(vague_words("The customer wants Teams, yet the firewall cannot pass media traffic.") == Words{});
    CHECK(vague_words("The firewall change for Teams media is not yet approved, so the customer cannot deploy.") ==
          Words{"yet"});
    CHECK(vague_words("Licences have not been assigned yet; the customer cannot sign in.") == Words{"yet"});
    // A quoted name is not the note's own wording.
    CHECK(vague_words("The \"Currently Blocked\" report add-in is not compatible with the new Outlook.") == Words{});
    CHECK(vague_words("The Currently Blocked report add-in is not compatible with the new Outlook.") ==
          Words{"Currently"});
    CHECK(vague_words("“Temporarily Blocked” 报表插件与新版 Outlook 不兼容。") == Words{});
    CHECK(vague_words("「暂时停用」插件与新版 Outlook 不兼容。") == Words{});
    CHECK(vague_words("“Temporarily Blocked 报表插件与新版 Outlook 不兼容。") == Words{"Temporarily"});  // not closed
    CHECK(vague_words("到目前为止，客户的 AD 复杂问题仍未解决，无法部署。") == Words{});
    CHECK(vague_words("问题出现在 VPN 设备上，客户无法部署。") == Words{});
    CHECK(vague_words("For now") == Words{"For now"});
}

TEST_CASE("note_quality: a note that only restates the status or a usage figure") {
    const char* en =
        "The note only restates the status or a usage figure: say the customer's situation and why they are blocked "
        "(the primary blocker and its technical detail)";
    const char* zh = "笔记只重复了状态或使用率：请写明客户的情况以及受阻的原因（主要障碍及其技术细节）";
    for (const char* note : {"Customer is blocked.", "blocked", "Usage 0.0%", "usage: 0%", "受阻", "客户受阻。",
                             "使用率 0%", "Blocked - usage 0.0%"}) {
        CAPTURE(note);
        CHECK(hints(note) == Words{en});
        CHECK(hints(note, Lang::ZhCN) == Words{zh});
    }
    // Restated status with a vague word: both are named.
    CHECK(issues("Customer is currently blocked.") == Issues{NoteIssue::StatusOnly, NoteIssue::VagueTime});
    CHECK(issues("客户尚未部署。") == Issues{NoteIssue::StatusOnly, NoteIssue::VagueTime});
    // Anything more (a workload, a blocker) is not only the status.
    CHECK(issues("Customer is blocked and will not deploy Teams.") == Issues{NoteIssue::NoWhy});
}

TEST_CASE("note_quality: engagement chatter instead of the customer's situation") {
    CHECK(
        hints("Scheduling the kickoff meeting to gather intent.") ==
        Words{"The note is about the engagement (\"Scheduling\", \"kickoff\", \"meeting\", \"gather intent\"), not the "
              "customer's situation: say what blocks the customer and why; meetings and follow-ups belong in the next "
              "action"});
    CHECK(hints("正在安排启动会议，跟进客户意向。", Lang::ZhCN) ==
          Words{"笔记写的是接洽活动（“安排”、“启动会”、“跟进”、“意向”），而不是客户的情况：请写明阻碍客户的问题及原因；"
                "会议和跟进请写在下一行动中"});
    CHECK(issues("Sent a follow-up email; waiting for the customer to reply.") == Issues{NoteIssue::Engagement});
    // With a blocker stated, a meeting may be mentioned.
    CHECK(issues("Customer cannot deploy Teams because the proxy lacks TLS 1.2; a call with the network team is "
                 "booked.") == Issues{});
    CHECK(issues("由于代理服务器不支持 TLS 1.2 无法部署，已安排与网络团队开会。") == Issues{});
}

TEST_CASE("note_quality: no why — no cause or blocker stated") {
    const char* en =
        "The note does not say why the customer is blocked: name the primary blocker and why it blocks, e.g. \"Unable "
        "to deploy because of …\"";
    const char* zh = "笔记没有说明客户为何受阻：请写明主要障碍及其原因，例如“由于……无法部署”";
    for (const char* note : {"Customer has decided not to deploy Teams.", "客户决定不部署 Teams。", "Network.",
                             "Customer is evaluating options.", "客户 will not deploy Teams"}) {
        CAPTURE(note);
        CHECK(hints(note) == Words{en});
        CHECK(hints(note, Lang::ZhCN) == Words{zh});
    }
    // What the block waits for is a reason too.
    CHECK(issues("End users are not trained; the rollout waits for training.") == Issues{});
    CHECK(issues("Deployment resumes once the new domain controllers arrive.") == Issues{});
}

TEST_CASE("note_quality: far longer than the guidance, with the length") {
    const std::string sentence = "The proxy cannot inspect TLS 1.2 traffic, so Teams sign-in fails. ";
    std::string four;
    for (int i = 0; i < 4; ++i) four += sentence;
    CHECK(count_code_points(four) == 264);
    CHECK(hints(four) == Words{"The note is 263 characters in 4 sentences, far longer than the guidance's one or two "
                               "concise sentences: keep the primary blocker and why, and leave out the history"});
    CHECK(hints(four, Lang::ZhCN) ==
          Words{"笔记有 263 个字符、4 句，远超指南要求的一两句简洁的话：请保留主要障碍及原因，删去经过和细节"});
    // Four short sentences (200 characters or fewer) are still concise.
    CHECK(issues("Unable to deploy. The proxy lacks TLS 1.2. Teams sign-in fails. The vendor has no fix.") == Issues{});
    // Three sentences are fine; so are 400 characters, but not 401.
    CHECK(hints(sentence + sentence + sentence) == Words{});
    std::string long_one = "Unable to deploy because the proxy cannot inspect TLS 1.2 traffic";
    while (count_code_points(long_one) < 399) long_one += " and more";
    long_one = long_one.substr(0, 399) + ".";
    CHECK(issues(long_one) == Issues{});
    CHECK(issues(long_one + "x") == Issues{NoteIssue::TooLong});
    // An ideograph weighs 3: 133 Chinese characters are within the limit, 134 are not.
    std::string zh = "由于";
    while (count_code_points(zh) < 133) zh += "网";
    CHECK(issues(zh) == Issues{});
    CHECK(issues(zh + "网") == Issues{NoteIssue::TooLong});
    // One-letter abbreviations, decimal points and a full stop before lower case do not end sentences.
    const std::string three =
        "Customer cannot deploy until feature X (e.g. Multi-Geo) is added. Usage is 0.5 percent. The vendor, i.e. "
        "Contoso Inc. also waits.";
    CHECK(issues(three) == Issues{});
    const std::string fourth = "\nA fourth line that makes the note long enough for its sentences to count, past 200.";
    std::vector<NoteFinding> f = assess_note(builtin_playbook()->note_guidance, three + fourth);
    REQUIRE(f.size() == 1);
    CHECK(f[0].sentences == 4);
}

TEST_CASE("note_quality: a very long poor note gives bounded messages") {
    std::string note;
    for (int i = 0; i < 40; ++i)
        note += "Not yet for now; at the moment temporarily soon shortly 暂时 尚未 暂且 还没 the meeting. ";
    note += std::string(200, 'm');
    REQUIRE(count_code_points(note) < 4000);
    std::vector<std::string> h = hints(note);
    REQUIRE(h.size() == 3);  // engagement, vague, too long
    for (const std::string& m : h) CHECK(m.size() < 400);
    CHECK(h[1] ==
          "The note uses the vague time words \"yet\", \"for now\", \"at the moment\", \"temporarily\", \"soon\", … "
          "and 5 "
          "more, which will be wrong next week: write what the block waits for (\"until …\") or a date instead");
    // A long prefix-matched word is cut.
    std::string chatter = "meeting" + std::string(300, 's');
    std::vector<std::string> c = hints(chatter);
    REQUIRE(c.size() == 1);
    CHECK(c[0].size() < 400);
}

TEST_CASE("note_quality: mixed-language notes are read with both languages' words") {
    CHECK(issues("客户 cannot deploy Teams，因为 VPN bandwidth 不足。") == Issues{});
    CHECK(vague_words("客户 currently 无法部署 Teams，因为 VPN 带宽不足。") == Words{"currently"});
    CHECK(vague_words("Customer 暂时 cannot deploy because of the VPN.") == Words{"暂时"});
    CHECK(issues("安排 kickoff meeting") == Issues{NoteIssue::Engagement});
}

TEST_CASE("note_quality: the playbook's Blocked templates, filled with a concrete blocker, fire nothing") {
    for (
        const char* note : {
            "Customer will not deploy Teams due to network bandwidth surrounding VPN routing, 10 Mbps links at the "
            "branch offices, no QoS on the WAN and a firewall that cannot tell media traffic apart.",
            "Customer will not deploy Exchange Online due to mailbox size surrounding the journaling archive, the "
            "archive vendor's lack of an EWS connector and a legal hold on 40 TB of mail.",
            "Unable to deploy because of an incompatible VPN appliance and forced tunnelling of all traffic due to the "
            "security team's policy of inspecting every connection.",
            "Unable to deploy because of AD complexities and three untrusted forests due to a merger that left "
            "duplicate UPNs.",
            "Customer blocked because of the proxy's lack of TLS 1.2 support until the new proxy servers are "
            "implemented.",
            "Customer blocked because of duplicate user attributes in Active Directory until the identity clean-up "
            "is implemented.",
            "由于 VPN 路由相关的网络带宽问题，客户不会部署 Teams：分支机构只有 10 Mbps 线路，WAN 上没有 QoS，而且防火墙"
            "无法区分媒体流量。",
            "由于 VPN 设备不兼容以及所有流量被强制隧道传输，无法部署，原因是安全团队要求检查每个连接。",
            "客户因代理服务器不支持 TLS 1.2 而受阻，直到新的代理服务器部署完成。",
            "客户因 Active Directory 中存在重复的用户属性而受阻，直到身份清理完成。",
        }) {
        CAPTURE(note);
        CHECK(hints(note) == Words{});
    }
}

TEST_CASE("note_quality: the playbook's labelled example sentences fire nothing") {
    std::ifstream in(std::string(FTBLOCK_SOURCE_DIR) + "/assets/l2/source/l2_examples_train.json");
    REQUIRE(in);
    std::stringstream text;
    text << in.rdbuf();
    const nlohmann::json examples = nlohmann::json::parse(text.str());
    REQUIRE(examples.size() == 76);
    std::size_t fired = 0;
    for (const nlohmann::json& e : examples) {
        const std::string note = e.at("text").get<std::string>();
        CAPTURE(note);
        const std::vector<std::string> h = hints(note);
        CHECK(h == Words{});
        fired += h.empty() ? 0 : 1;
    }
    MESSAGE("labelled examples with a note_quality warning: " << fired << " of " << examples.size());
}

TEST_CASE("note_quality: only on a valid, non-blank notes field; never an error") {
    CHECK(check(with(kDelivery, "notes", "\"Customer is blocked.\"")) == Findings{warning("notes", "note_quality")});
    CHECK(check(with(kDelivery, "notes", "\"\u3000\"")) == Findings{error("notes", "required")});
    CHECK(check(with(kDelivery, "notes", "\"blocked\\u0007\"")) == Findings{error("notes", "control_char")});
    CHECK(check(with(kDelivery, "notes", "42")) == Findings{error("notes", "wrong_type")});
    // A playbook without note guidance says nothing about notes.
    std::string data(builtin_playbook_text());
    const std::size_t at = data.find(",\n  \"note_guidance\"");
    REQUIRE(at != std::string::npos);
    data = data.substr(0, at) + "\n}\n";
    PlaybookResult loaded = load_playbook(data);
    REQUIRE(loaded.playbook);
    CHECK(loaded.playbook->note_guidance.field == -1);
    Record record = parse_record(with(kDelivery, "notes", "\"blocked\""));
    CHECK(validate(*loaded.playbook, record, ValidationContext{Lang::En, kToday, nullptr}).empty());
}

TEST_CASE("note_quality: the data's word lists are checked when the playbook is loaded") {
    std::string data(builtin_playbook_text());
    auto load_with = [&](const std::string& from, const std::string& to) {
        std::string changed = data;
        const std::size_t at = changed.find(from);
        REQUIRE(at != std::string::npos);
        changed.replace(at, from.size(), to);
        return load_playbook(changed).error;
    };
    CHECK(load_with("\"field\": \"notes\"", "\"field\": \"target_date\"") ==
          "$.note_guidance.field: expected a text field");
    CHECK(load_with("\"en\": [\"for now\"", "\"en\": [\"For now\"") ==
          "$.note_guidance.vague_time.en[0]: expected lowercase words separated by single spaces, the last one may "
          "end in *");
    CHECK(load_with("\"zh-CN\": [\"暂时\"", "\"zh-CN\": [\"暂时 \"") ==
          "$.note_guidance.vague_time.zh-CN[0]: expected Chinese characters (and # for a number)");
    CHECK(load_with("\"sentences\": 3", "\"sentences\": -3") ==
          "$.note_guidance.longer_than.sentences: expected a whole number");
    CHECK(load_with("\"vague_time\": {", "\"vague_times\": {") ==
          "$.note_guidance.vague_times: unknown hint (field, longer_than, vague_time, vague_time_before_status, "
          "status_after_vague_time, vague_time_except, why, why_except, waits_for, status, engagement)");
}
