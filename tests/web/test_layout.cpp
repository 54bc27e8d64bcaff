// The layout at the window sizes partners use (docs/layout.md): a desktop, a laptop split next
// to FTOP, a phone, the narrowest window WCAG 1.4.10 asks for, a short landscape window — in
// both languages. Every control lies within the window's width, can be brought into view by
// moving the focus to it (what Tab does), and is at least 24 × 24 CSS px (44 × 44 on a touch
// screen). Text wraps by construction (labels, read-only values, problems, hints); the drafts
// list's titles end in "…" and are whole in the tooltip and the mirror.
#include "ui_harness.h"

using namespace ftblock;
using namespace ftblock::test;
using nlohmann::json;

namespace {

struct Size {
    float width, height;
};
const Size kSizes[] = {{1280, 800}, {800, 600}, {390, 844}, {320, 640}, {640, 400}};

// A record with long values everywhere a value can be long.
const char* kLongRecord =
    R"j({"id":"FT-2026-000124","customer":"深圳市鑫淼科技有限公司华南区域数字化转型与基础设施现代化联合项目组 (Shenzhen Xinmiao)",)j"
    R"j("workload":"teams","scenario":"delivery","updated_by":"delivery_fm","l1":"blocked",)j"
    R"j("l2":"customer_it_infrastructure","l3":null,"service_state":"not_applicable",)j"
    R"j("engagement_scenario":"customer_led_ftp_assist","target_date":"2026-12-20","owner":"account_team",)j"
    R"j("notes":"客户的 VPN 设备与服务不兼容，需要先升级固件后才能部署。The customer's VPN devices are not compatible.",)j"
    R"j("next_action_date":"2026-12-01","next_action":"Upgrade the VPN firmware at every branch office, then retest sign-in.",)j"
    R"j("updated_at":null})j";

json tree(FakeHost& host) { return mirror_tree(host); }

bool focusable(const json& n) { return n["role"] != "text" && n["role"] != "option"; }

// Every control within the window's width; each one, focused, comes into view.
void check_layout(Ui& ui, FakeHost& host, Size size, float target, const std::string& where) {
    INFO(where);
    const json t = tree(host);
    std::vector<std::string> ids;
    for (const json& n : t["nodes"]) {
        const std::string id = n["id"];
        const float x = n["rect"][0], w = n["rect"][2], h = n["rect"][3];
        INFO(id << " at x " << x << ", width " << w);
        if (n["role"] != "option") {
            CHECK(x >= -0.5f);
            CHECK(x + w <= size.width + 0.5f);
        }
        if (n["role"] == "button" || n["role"] == "textbox" || n["role"] == "select" || n["role"] == "radio") {
            CHECK(h >= target - 0.5f);
            CHECK(w >= target - 0.5f);
        }
        if (focusable(n) && !n.contains("disabled")) ids.push_back(id);
    }
    for (const std::string& id : ids) {
        ui.app().a11y_focus(id);
        for (int i = 0; i < 4; ++i) ui.frame();
        const json now = tree(host);
        for (const json& n : now["nodes"]) {
            if (n["id"] != id) continue;
            const float y = n["rect"][1], h = n["rect"][3];
            INFO(id << " focused: y " << y << ", height " << h);
            CHECK(y >= -0.5f);
            CHECK(y + std::min(h, size.height * 0.5f) <= size.height + 0.5f);
        }
    }
    ui.app().a11y_blur();
    ui.frame();
}

}  // namespace

TEST_CASE("every control fits the window's width and comes into view, at every size and in both languages") {
    for (Lang lang : {Lang::En, Lang::ZhCN}) {
        for (const Size size : kSizes) {
            FakeHost host;
            Ui ui(lang, &host);
            ui.resize(size.width, size.height);
            ui.app().import_file("long.jsonl", kLongRecord);
            for (int i = 0; i < 6; ++i) ui.frame();
            const std::string where = std::string(lang == Lang::En ? "en " : "zh-CN ") +
                                      std::to_string(static_cast<int>(size.width)) + "x" +
                                      std::to_string(static_cast<int>(size.height));
            check_layout(ui, host, size, 24.0f, where + ", a long delivery");
            // A new draft whose problems are all shown.
            ui.app().a11y_activate("new_assignment");
            for (int i = 0; i < 4; ++i) ui.frame();
            ui.app().a11y_focus("field_customer");
            for (int i = 0; i < 3; ++i) ui.frame();
            check_layout(ui, host, size, 24.0f, where + ", a new assignment with problems");
        }
    }
}

TEST_CASE("narrow windows show one column: the drafts list is a panel opened from the toolbar") {
    FakeHost host;
    Ui ui(Lang::En, &host);
    ui.resize(390, 844);
    json t = tree(host);
    auto has = [&](const char* id) {
        for (const json& n : t["nodes"])
            if (n["id"] == id) return true;
        return false;
    };
    CHECK(has("drafts_toggle"));
    CHECK_FALSE(has("drafts"));
    CHECK(has("field_customer"));
    // labels above their fields: the field starts at the left edge, below its label
    const ImVec4 customer = ui.rect("field_customer");
    CHECK(customer.x < 40);
    CHECK(customer.z > 300);
    ui.app().a11y_activate("drafts_toggle");
    for (int i = 0; i < 3; ++i) ui.frame();
    t = tree(host);
    CHECK(has("drafts"));
    CHECK_FALSE(has("field_customer"));
    ui.app().a11y_activate("draft_1");  // chosen: the record comes back
    for (int i = 0; i < 3; ++i) ui.frame();
    t = tree(host);
    CHECK_FALSE(has("drafts"));
    CHECK(has("field_customer"));

    ui.resize(1280, 800);  // wide again: the list beside the record
    t = tree(host);
    CHECK(has("drafts"));
    CHECK_FALSE(has("drafts_toggle"));
}

TEST_CASE("on a touch screen every target is 44 x 44 CSS px") {
    FakeHost host;
    host.touch = true;
    Ui ui(Lang::ZhCN, &host);
    ui.resize(390, 844);
    check_layout(ui, host, Size{390, 844}, 44.0f, "touch 390x844");
}

TEST_CASE("an on-screen keyboard covering the lower half brings the field typed into into view") {
    FakeHost host;
    Ui ui(Lang::En, &host);
    ui.resize(390, 844);
    ui.app().a11y_focus("field_next_action_date");
    for (int i = 0; i < 4; ++i) ui.frame();
    ui.app().set_visible_height(400);
    for (int i = 0; i < 3; ++i) ui.frame();
    const ImVec4 r = ui.rect("field_next_action_date");
    CHECK(r.y + r.w <= 400.5f);
    CHECK(r.y >= 0);
}
