// Thousands of drafts, through the form: the per-draft store (a keystroke writes one draft;
// "saved" waits for the store; failures keep the drafts and say so), the migration from the
// localStorage form, imports in slices with Cancel, drafts that keep their given values, and the
// bulk hand-over (next problem, export all valid, delete shown with undo).
#include <doctest/doctest.h>

#include <cctype>
#include <set>

#include <imgui_internal.h>

#include "ui_harness.h"

using namespace ftblock;
using namespace ftblock::test;

namespace {

std::string delivery(const std::string& id, const std::string& customer, const std::string& day,
                     const std::string& engagement) {
    return R"({"id":")" + id + R"(","customer":")" + customer +
           R"(","workload":"teams","scenario":"delivery","updated_by":"delivery_fm","l1":"blocked",)"
           R"("l2":"customer_it_infrastructure","l3":null,"service_state":"not_applicable","engagement_scenario":")" +
           engagement +
           R"(","target_date":"2026-12-20","owner":"account_team","notes":"客户的 VPN 设备与服务不兼容。",)"
           R"("next_action_date":null,"next_action":"Call the customer's network team","updated_at":")" +
           day + R"("})";
}

std::string many(int n, int from = 0) {
    std::string out;
    for (int k = from; k < from + n; ++k)
        out += delivery("FT-" + std::to_string(k), "Customer " + std::to_string(k), "2026-11-01", "ftc_css_led") + "\n";
    return out;
}

FakeHost store_host() {
    FakeHost host;
    host.has_store = true;
    return host;
}

void select_uid(Ui& ui, std::uint64_t uid) { ui.click("draft_" + std::to_string(uid)); }

}  // namespace

TEST_CASE("with a drafts store, a keystroke writes only the edited draft, once acknowledged") {
    FakeHost host = store_host();
    Ui ui(Lang::En, &host);
    ui.app().import_file("many.jsonl", many(500));
    ui.frame();
    REQUIRE(host.store.size() == 501);  // the first empty draft and the 500
    host.batches.clear();
    ui.click("field_customer");
    ui.type("x");
    std::size_t puts = 0;
    for (const auto& b : host.batches) {
        puts += b.put.size();
        for (const auto& d : b.put) CHECK(d.json.find("Customer 0x") != std::string::npos);
    }
    CHECK(puts >= 1);
    CHECK(puts <= 2);  // the keystroke, and the field's touch when it is left
    CHECK(host.store.size() == 501);

    // Reload: the same drafts, the same one selected.
    const std::uint64_t uid = ui.drafts()[1]["uid"];
    Ui again(Lang::En, &host);
    CHECK(again.drafts().size() == 501);
    CHECK(again.current()["customer"] == "Customer 0x");
    CHECK(again.drafts()[1]["uid"] == uid);
}

TEST_CASE("a failed store write keeps the edit in memory, says so, and is written with the next change") {
    FakeHost host = store_host();
    Ui ui(Lang::En, &host);
    ui.app().import_file("two.jsonl", many(2));
    ui.frame();
    const std::uint64_t first = ui.drafts()[1]["uid"], second = ui.drafts()[2]["uid"];
    host.fail_store_writes = true;
    select_uid(ui, first);
    ui.click("field_customer");
    ui.type("A");
    ui.click_empty();
    CHECK(ui.has("save_backup"));  // the not-saved banner offers the backup
    const std::size_t tries = host.batches.size();
    for (int k = 0; k < 10; ++k) ui.frame();
    CHECK(host.batches.size() == tries);  // tried again with the next change, not every frame
    CHECK(host.store[first].find("Customer 0A") == std::string::npos);
    CHECK(ui.current()["customer"] == "Customer 0A");  // kept in memory
    ui.click("save_backup");
    REQUIRE(!host.downloads.empty());
    CHECK(host.downloads.back().bytes.find("Customer 0A") != std::string::npos);

    host.fail_store_writes = false;
    select_uid(ui, second);
    CHECK(ui.current()["id"] == "FT-1");
    ui.click("field_customer");
    ui.type("B");
    ui.click_empty();
    CHECK(ui.current()["customer"] == "Customer 1B");
    CHECK(!ui.has("save_backup"));
    CHECK(host.store[first].find("Customer 0A") != std::string::npos);
    CHECK(host.store[second].find("Customer 1B") != std::string::npos);
}

TEST_CASE("drafts stored by the earlier version (localStorage) move into the store without loss") {
    FakeHost host;
    {
        Ui old(Lang::En, &host);  // no store: today's two slots
        old.app().import_file("three.jsonl", many(3));
        old.frame();
    }
    REQUIRE(host.storage.count("ftblock.drafts.current") == 1);
    host.has_store = true;
    {
        Ui ui(Lang::En, &host);
        CHECK(ui.drafts().size() == 4);
        CHECK(host.store.size() == 4);
        CHECK(host.storage.count("ftblock.drafts.current") == 0);  // gone once the store has them
        CHECK(host.storage.count("ftblock.drafts.a") + host.storage.count("ftblock.drafts.b") == 0);
    }
    Ui again(Lang::En, &host);  // not migrated twice
    CHECK(again.drafts().size() == 4);
}

TEST_CASE("an unreadable localStorage slot is kept for download across the migration") {
    FakeHost host;
    {
        Ui old(Lang::En, &host);
        old.app().import_file("one.jsonl", many(1));
        old.frame();
        old.click("field_customer");  // a second save: both slots hold a copy
        old.type("!");
        old.click_empty();
    }
    const std::string pointer = host.storage["ftblock.drafts.current"];
    host.storage["ftblock.drafts." + pointer] = R"({"format":"ftblock-drafts/1","drafts":[{"uid":1,"rec)";
    host.has_store = true;
    {
        Ui ui(Lang::En, &host);
        CHECK(ui.drafts().size() == 2);  // the other slot's copy
        CHECK(ui.has("download_unreadable"));
        CHECK(host.storage.count("ftblock.drafts." + pointer) == 1);  // not removed while unread
    }
    Ui again(Lang::En, &host);
    REQUIRE(again.has("download_unreadable"));
    again.click("download_unreadable");
    REQUIRE(!host.downloads.empty());
    CHECK(host.downloads.back().bytes.find("\"rec") != std::string::npos);
}

TEST_CASE("a damaged stored draft: the others load, the damaged one is kept for download") {
    FakeHost host = store_host();
    {
        Ui ui(Lang::En, &host);
        ui.app().import_file("two.jsonl", many(2));
        ui.frame();
    }
    host.store[77] = "{\"uid\":77,\"record\":";
    Ui ui(Lang::En, &host);
    CHECK(ui.drafts().size() == 3);
    REQUIRE(ui.has("download_unreadable"));
    ui.click("download_unreadable");
    CHECK(host.downloads.back().bytes.find("{\"uid\":77,\"record\":") != std::string::npos);
    CHECK(host.store.count(77) == 1);
}

TEST_CASE("a drafts store that cannot be opened: a warning, the form works, the backup downloads") {
    FakeHost host = store_host();
    host.store_broken = true;
    Ui ui(Lang::En, &host);
    ui.click("field_customer");
    ui.type("Private");
    ui.click_empty();
    CHECK(ui.current()["customer"] == "Private");
    CHECK(host.batches.empty());
    ui.click("backup");
    CHECK(host.downloads.back().bytes.find("Private") != std::string::npos);
}

TEST_CASE("an imported delivery keeps its engagement scenario; one click takes the previous value, undoable") {
    FakeHost host = store_host();
    Ui ui(Lang::En, &host);
    ui.app().import_file("history.jsonl", delivery("E-1", "Contoso", "2026-10-01", "ftc_css_led") + "\n" +
                                              delivery("E-2", "contoso ", "2026-11-01", "customer_led_ftp_assist"));
    ui.frame();
    const std::uint64_t later = ui.drafts()[2]["uid"];
    select_uid(ui, later);
    CHECK(ui.current()["id"] == "E-2");
    CHECK(ui.current()["engagement_scenario"] == "customer_led_ftp_assist");  // opened: not rewritten
    CHECK(ui.codes_of("engagement_scenario") == std::vector<std::string>{"changed_from_previous"});
    CHECK(host.store[later].find("customer_led_ftp_assist") != std::string::npos);
    ui.click("use_previous");
    CHECK(ui.current()["engagement_scenario"] == "ftc_css_led");
    CHECK(ui.codes_of("engagement_scenario").empty());
    ui.click("undo");
    CHECK(ui.current()["engagement_scenario"] == "customer_led_ftp_assist");
    CHECK(ui.codes_of("engagement_scenario") == std::vector<std::string>{"changed_from_previous"});
}

TEST_CASE("a delivery the user creates still takes the previous value of its entitlement") {
    Ui ui;
    ui.app().import_file("history.jsonl", delivery("E-1", "Contoso", "2026-10-01", "ftc_css_led"));
    ui.frame();
    ui.click("new_delivery");
    ui.click("field_customer");
    ui.type("CONTOSO");
    ui.click_empty();
    ui.click("field_workload");
    for (int k = 0; k < 40 && ui.current()["workload"] != "teams"; ++k) {
        ui.key(ImGuiKey_DownArrow);
        ui.key(ImGuiKey_Space);
        if (ui.current()["workload"] != "teams") ui.click("field_workload");
    }
    ui.click_empty();
    REQUIRE(ui.current()["workload"] == "teams");
    CHECK(ui.current()["engagement_scenario"] == "ftc_css_led");
    CHECK(ui.codes_of("engagement_scenario").empty());
}

TEST_CASE("an import in slices: progress, Cancel takes every added draft back, nothing stored") {
    FakeHost host = store_host();
    Ui ui(Lang::En, &host);
    const std::string file = many(8000);
    REQUIRE(ui.app().import_begin("big.jsonl", file.size()));
    CHECK(ui.app().import_chunk(file.data(), file.size() / 2));
    ui.frame();
    CHECK(ui.has("import_progress"));
    CHECK(ui.app().import_chunk(file.data() + file.size() / 2, file.size() - file.size() / 2));
    ui.app().import_end();
    ui.frame();  // one slice added
    CHECK(ui.drafts().size() > 1);
    CHECK(ui.drafts().size() < 8001);
    ui.click("import_cancel");
    for (int k = 0; k < 5; ++k) ui.frame();
    CHECK(!ui.app().importing());
    CHECK(ui.drafts().size() == 1);
    CHECK(host.store.size() == 1);

    // Cancelled while reading: the host is told to stop.
    REQUIRE(ui.app().import_begin("big.jsonl", file.size()));
    CHECK(ui.app().import_chunk(file.data(), 1000));
    ui.frame();
    ui.click("import_cancel");
    CHECK(!ui.app().import_chunk(file.data() + 1000, 1000));
    CHECK(!ui.app().importing());
    CHECK(ui.drafts().size() == 1);

    // And to the end: every record, one batch.
    host.batches.clear();
    REQUIRE(ui.app().import_begin("big.jsonl", file.size()));
    for (std::size_t at = 0; at < file.size(); at += 65536)
        CHECK(ui.app().import_chunk(file.data() + at, std::min<std::size_t>(65536, file.size() - at)));
    ui.app().import_end();
    for (int k = 0; k < 10 && ui.app().importing(); ++k) ui.frame();
    CHECK(!ui.app().importing());
    CHECK(ui.drafts().size() == 8001);
    CHECK(host.store.size() == 8001);
    std::size_t import_batches = 0;
    for (const auto& b : host.batches) import_batches += b.is_import && b.put.size() == 8000;
    CHECK(import_batches == 1);

    // The progress is gone with the import (no modal left to hold the next click).
    CHECK(ImGui::GetTopMostPopupModal() == nullptr);
    ui.click("field_customer");
    ui.type("Z");
    ui.click_empty();
    CHECK(ui.current()["customer"] == "Customer 0Z");
}

TEST_CASE("a broken file in a streamed import adds nothing; a file the store cannot hold is refused first") {
    FakeHost host = store_host();
    Ui ui(Lang::En, &host);
    const std::string file = many(50) + "{\"customer\": \n";
    REQUIRE(ui.app().import_begin("broken.jsonl", file.size()));
    ui.app().import_chunk(file.data(), file.size());
    ui.app().import_end();
    ui.frame();
    CHECK(!ui.app().importing());
    CHECK(ui.drafts().size() == 1);
    CHECK(host.store.size() == 1);

    host.free_bytes = 1000;
    CHECK(!ui.app().import_begin("big.jsonl", 100000));
    CHECK(!ui.app().importing());
    CHECK(ui.drafts().size() == 1);
}

TEST_CASE("bulk hand-over: next problem, export all valid, delete the shown drafts with undo") {
    FakeHost host = store_host();
    Ui ui(Lang::En, &host);
    std::string file = many(4);
    file += delivery("BAD-1", "Nobody", "2026-11-01", "not-a-scenario") + "\n";
    ui.app().import_file("five.jsonl", file);
    ui.frame();
    nlohmann::json drafts = ui.drafts();
    REQUIRE(drafts.size() == 6);  // the empty first draft, 4 valid, 1 invalid
    int valid = 0;
    for (const auto& d : drafts) valid += d["valid"].get<bool>();
    CHECK(valid == 4);

    select_uid(ui, drafts[1]["uid"]);
    ui.click("next_problem");
    CHECK(ui.current()["id"] == "BAD-1");
    ui.click("next_problem");
    CHECK(ui.current().value("id", "") == "");  // wraps to the empty first draft

    ui.click("export_valid_json");
    REQUIRE(!host.downloads.empty());
    nlohmann::json exported = nlohmann::json::parse(host.downloads.back().bytes);
    CHECK(exported.size() == 4);
    ui.click("export_valid_csv");
    const std::string csv = host.downloads.back().bytes;
    CHECK(std::count(csv.begin(), csv.end(), '\n') == 5);  // header and four rows

    ui.click("filter_valid");
    ui.click("delete_shown");
    ui.click("delete_shown_confirm");
    CHECK(ui.drafts().size() == 2);
    CHECK(host.store.size() == 2);
    ui.click("undo_delete");
    CHECK(ui.drafts().size() == 6);
    CHECK(host.store.size() == 6);
}

namespace {

// The drafts the list shows (their rows are drawn: a dozen fit on the screen).
std::set<std::uint64_t> listed(Ui& ui) {
    std::set<std::uint64_t> out;
    for (const auto& d : ui.drafts())
        if (ui.has("draft_" + std::to_string(d["uid"].get<std::uint64_t>()))) out.insert(d["uid"].get<std::uint64_t>());
    return out;
}

// The same, worked out from every draft: the filter on the verdict, the search in the title.
std::set<std::uint64_t> expected(Ui& ui, bool invalid_only, const std::string& needle) {
    std::set<std::uint64_t> out;
    for (const auto& d : ui.drafts()) {
        const std::string title = d["record"].value("id", "") + " · " + d["record"].value("customer", "");
        std::string folded;
        for (char c : title) folded += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (invalid_only && d["valid"].get<bool>()) continue;
        if (folded.find(needle) == std::string::npos) continue;
        out.insert(d["uid"].get<std::uint64_t>());
    }
    return out;
}

}  // namespace

TEST_CASE("the filtered, searched list follows edits, a longer search, a shorter one") {
    Ui ui;
    std::string file;
    for (int k = 0; k < 12; ++k)
        file += delivery("FT-" + std::to_string(k), "Customer " + std::to_string(k), "2026-11-01",
                         k % 3 ? "ftc_css_led" : "not-a-scenario") +
                "\n";
    ui.app().import_file("twelve.jsonl", file);
    ui.frame();
    ui.click("filter_invalid");
    CHECK(listed(ui) == expected(ui, true, ""));
    CHECK(listed(ui).size() == 5);  // the empty first draft and FT-0, 3, 6, 9
    ui.click("search");
    ui.type("customer");
    CHECK(listed(ui) == expected(ui, true, "customer"));
    ui.type(" 6");
    CHECK(listed(ui) == expected(ui, true, "customer 6"));
    CHECK(listed(ui).size() == 1);
    ui.key(ImGuiKey_Backspace);
    ui.key(ImGuiKey_Backspace);
    CHECK(listed(ui) == expected(ui, true, "customer"));
    CHECK(listed(ui).size() == 4);

    // Edits move drafts in and out: a title that no longer matches, a draft made valid.
    const std::uint64_t uid = *listed(ui).begin();
    ui.click("draft_" + std::to_string(uid));
    ui.click("field_customer");
    ui.key(ImGuiKey_A, true);
    ui.type("Fabrikam");
    ui.click_empty();
    CHECK(listed(ui) == expected(ui, true, "customer"));
    CHECK(listed(ui).size() == 3);
    ui.click("filter_all");
    ui.click("search");
    ui.key(ImGuiKey_A, true);
    ui.key(ImGuiKey_Backspace);
    CHECK(listed(ui) == expected(ui, false, ""));
}

TEST_CASE("a drafts store still opening at start: the blank form at once, nothing written; then the stored drafts") {
    FakeHost host = store_host();
    {
        Ui first(Lang::En, &host);
        first.app().import_file("three.jsonl", many(3));
        first.frame();
        select_uid(first, 3);
        first.frame();
        REQUIRE(first.current()["customer"] == "Customer 1");
    }
    REQUIRE(host.store.size() == 4);
    const std::map<std::uint64_t, std::string> stored = host.store;
    host.batches.clear();

    host.store_opening = true;
    Ui ui(Lang::En, &host);
    CHECK(ui.drafts().size() == 1);
    CHECK(ui.current()["customer"] == nullptr);
    CHECK(node(host, "save_state")["name"] == "Opening saved drafts…");
    CHECK(node(host, "import")["disabled"] == true);
    ui.frame();
    CHECK(host.batches.empty());

    host.store_opening = false;
    ui.app().store_opened();
    ui.frame();
    ui.frame();
    CHECK(ui.drafts().size() == 4);
    CHECK(ui.current()["customer"] == "Customer 1");  // the draft shown when the form was left
    for (const web::StoreBatch& b : host.batches) CHECK(b.put.empty());
    CHECK(host.store == stored);
    CHECK(node(host, "save_state")["name"] == "Saved in this browser");
    CHECK_FALSE(node(host, "import").contains("disabled"));
}

TEST_CASE("typed while the drafts store opened: kept as a new draft after the stored ones, shown, and stored") {
    FakeHost host = store_host();
    {
        Ui first(Lang::En, &host);
        first.app().import_file("two.jsonl", many(2));
        first.frame();
    }
    REQUIRE(host.store.size() == 3);

    host.store_opening = true;
    Ui ui(Lang::En, &host);
    ui.click("field_customer");
    ui.type("Typed Co");
    ui.frame();
    CHECK(host.store.size() == 3);  // nothing written while it opens

    host.store_opening = false;
    ui.app().store_opened();
    ui.frame();
    ui.frame();
    const nlohmann::json drafts = ui.drafts();
    REQUIRE(drafts.size() == 4);
    CHECK(drafts[1]["record"]["customer"] == "Customer 0");
    CHECK(drafts[2]["record"]["customer"] == "Customer 1");
    CHECK(drafts[3]["record"]["customer"] == "Typed Co");
    CHECK(ui.current()["customer"] == "Typed Co");
    host.deliver(ui.app());
    ui.frame();
    REQUIRE(host.store.size() == 4);
    const std::uint64_t uid = drafts[3]["uid"];
    CHECK(host.store[uid].find("Typed Co") != std::string::npos);
}

TEST_CASE("a first visit (an empty store, still opening): the draft typed into is the one stored, no second blank") {
    FakeHost host = store_host();
    host.store_opening = true;
    Ui ui(Lang::En, &host);
    ui.click("field_customer");
    ui.type("First Co");
    ui.frame();
    host.store_opening = false;
    ui.app().store_opened();
    ui.frame();
    host.deliver(ui.app());
    ui.frame();
    REQUIRE(ui.drafts().size() == 1);
    CHECK(ui.current()["customer"] == "First Co");
    REQUIRE(host.store.size() == 1);
    CHECK(host.store.begin()->second.find("First Co") != std::string::npos);
}

TEST_CASE("a drafts store that fails to open after the form started: the warning, the typed draft stays") {
    FakeHost host = store_host();
    host.store_opening = true;
    Ui ui(Lang::En, &host);
    ui.click("field_customer");
    ui.type("Kept Co");
    host.store_opening = false;
    host.store_broken = true;
    ui.app().store_opened();
    ui.frame();
    ui.frame();
    REQUIRE(ui.drafts().size() == 1);
    CHECK(ui.current()["customer"] == "Kept Co");
    CHECK(has_node(host, "banner_storage"));
    CHECK(host.store.empty());
}
