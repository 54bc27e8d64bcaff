// A headless stand-in for the browser: a fake Host (storage, downloads, clipboard, today) and
// an ImGui context driven frame by frame with synthetic mouse and keyboard input.
#pragma once

#include <doctest/doctest.h>
#include <imgui.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app.h"

namespace ftblock::test {

struct Download {
    std::string name, mime, bytes;
};

class FakeHost : public web::Host {
public:
    Date day{2026, 11, 24};
    bool available = true;
    bool fail_writes = false;
    std::map<std::string, std::string> storage;
    int writes = 0;
    std::vector<Download> downloads;
    std::string clipboard;
    int import_dialogs = 0;
    int changes = 0;

    Date today() override { return day; }
    bool storage_available() override { return available; }
    bool storage_get(const std::string& key, std::string& value) override {
        auto it = storage.find(key);
        if (!available || it == storage.end()) return false;
        value = it->second;
        return true;
    }
    bool storage_set(const std::string& key, const std::string& value) override {
        if (!available || fail_writes) return false;
        storage[key] = value;
        ++writes;
        return true;
    }
    void storage_remove(const std::string& key) override { storage.erase(key); }
    void download(const std::string& name, const std::string& mime, const std::string& bytes) override {
        downloads.push_back({name, mime, bytes});
    }
    void copy_text(const std::string& text) override { clipboard = text; }
    void open_import_dialog() override { ++import_dialogs; }
    void record_changed() override { ++changes; }
    std::vector<std::string> submitted;  // the records handed over by Submit (JSON)
    void submit(const std::string& record_json) override { submitted.push_back(record_json); }
    bool touch = false;  // a coarse pointer: targets of 44 × 44
    bool coarse_pointer() override { return touch; }
    int a11y_updates = 0;  // the semantic mirror's tree, as last handed over
    std::string a11y;
    void a11y_changed(const std::string& json) override {
        ++a11y_updates;
        a11y = json;
    }

    // The drafts store (IndexedDB's stand-in): off unless `has_store`. A batch is applied at once
    // (as a committed transaction) unless `fail_store_writes`; its acknowledgement waits for
    // deliver() (Ui::frame calls it), as the browser's comes in a later task.
    bool has_store = false;
    bool store_broken = false;   // the browser has one but it cannot be opened (private mode)
    bool store_opening = false;  // not open yet: Opening until the test clears it and calls App::store_opened
    bool fail_store_writes = false;
    std::map<std::uint64_t, std::string> store;
    std::string meta;
    std::vector<web::StoreBatch> batches;                     // every batch given, in order
    std::vector<std::pair<std::uint64_t, std::string>> acks;  // (batch id, error): waiting for deliver()
    std::string persistence;
    double free_bytes = -1;

    web::StoreState store_open(web::StoreContents& contents) override {
        if (store_opening) return web::StoreState::Opening;
        if (!has_store) return web::StoreState::Missing;
        if (store_broken) {
            contents.error =
                "InvalidStateError: A mutation operation was attempted on a database that did not allow mutations.";
            return web::StoreState::Failed;
        }
        for (const auto& [uid, json] : store) contents.drafts.push_back({uid, json});
        contents.meta = meta;
        return web::StoreState::Ready;
    }
    void store_write(std::uint64_t id, const web::StoreBatch& batch) override {
        batches.push_back(batch);
        if (fail_store_writes) {
            acks.emplace_back(id, "QuotaExceededError: The quota has been exceeded.");
            return;
        }
        for (const web::StoredDraft& d : batch.put) store[d.uid] = d.json;
        for (std::uint64_t uid : batch.remove) store.erase(uid);
        if (!batch.meta.empty()) meta = batch.meta;
        if (batch.remove_legacy)
            for (const char* k : {".a", ".b", ".current"}) storage.erase("ftblock.drafts" + std::string(k));
        acks.emplace_back(id, "");
    }
    std::string storage_persistence() override { return persistence; }
    double storage_free_bytes() override { return free_bytes; }
    void deliver(web::App& app) {
        std::vector<std::pair<std::uint64_t, std::string>> now;
        now.swap(acks);
        for (const auto& [id, error] : now) app.store_done(id, error.empty(), error);
    }
};

class Ui {
public:
    explicit Ui(Lang lang = Lang::En, FakeHost* shared = nullptr, web::AppOptions options = {})
        : host_(shared ? shared : &own_) {
        ctx_ = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = ImVec2(1280, 1000);
        io.IniFilename = nullptr;
        io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
        unsigned char* pixels;
        int w, h;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
        for (int k = 0; k < ImGuiKey_COUNT; ++k) io.KeyMap[k] = k + 1;  // KeysDown index = ImGuiKey + 1
        io.GetClipboardTextFn = [](void* user) { return static_cast<Ui*>(user)->paste_.c_str(); };
        io.SetClipboardTextFn = [](void* user, const char* text) { static_cast<Ui*>(user)->copied_ = text; };
        io.ClipboardUserData = this;
        app_ = std::make_unique<web::App>(*host_, lang, std::move(options));
        frame();
        frame();
    }
    ~Ui() {
        app_.reset();
        ImGui::DestroyContext(ctx_);
    }

    // The window's size in CSS px and the text size the browser draws with (16 px; ImGui's
    // built-in font is 13 px, scaled).
    void resize(float width, float height, float font_px = 16.0f) {
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = ImVec2(width, height);
        io.FontGlobalScale = font_px / 13.0f;
        frame();
        frame();
    }

    FakeHost& host() { return *host_; }
    web::App& app() { return *app_; }

    void frame() {
        ImGuiIO& io = ImGui::GetIO();
        io.DeltaTime = 1.0f / 60.0f;
        host_->deliver(*app_);
        ImGui::NewFrame();
        app_->frame();
        ImGui::Render();
    }

    // The rectangle the app reports for a named widget (its JSON handle).
    ImVec4 rect(const std::string& name) {
        nlohmann::json rects = nlohmann::json::parse(app_->item_rects_json());
        REQUIRE_MESSAGE(rects.contains(name), "no widget named " << name);
        const auto& r = rects[name];
        return ImVec4(r[0].get<float>(), r[1].get<float>(), r[2].get<float>(), r[3].get<float>());
    }
    bool has(const std::string& name) { return nlohmann::json::parse(app_->item_rects_json()).contains(name); }

    void click(const std::string& name) {
        ImVec4 r = rect(name);
        click_at(ImVec2(r.x + r.z * 0.5f, r.y + r.w * 0.5f));
    }
    void click_at(ImVec2 pos) {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = pos;
        frame();
        io.MouseDown[0] = true;
        frame();
        io.MouseDown[0] = false;
        frame();
        frame();
    }
    void type(const std::string& utf8) {
        ImGui::GetIO().AddInputCharactersUTF8(utf8.c_str());
        frame();
        frame();
    }
    void key(ImGuiKey key, bool ctrl = false, bool shift = false, bool alt = false) {
        ImGuiIO& io = ImGui::GetIO();
        io.KeyCtrl = ctrl;
        io.KeyShift = shift;
        io.KeyAlt = alt;
        io.KeysDown[io.KeyMap[key]] = true;
        frame();
        io.KeysDown[io.KeyMap[key]] = false;
        io.KeyCtrl = io.KeyShift = io.KeyAlt = false;
        frame();
        frame();
    }
    void paste(const std::string& text) {
        paste_ = text;
        ImGuiIO& io = ImGui::GetIO();
        io.KeyCtrl = true;
        io.KeysDown[io.KeyMap[ImGuiKey_V]] = true;
        frame();
        io.KeysDown[io.KeyMap[ImGuiKey_V]] = false;
        io.KeyCtrl = false;
        frame();
    }
    void click_empty() { click_at(ImVec2(1270, 990)); }  // somewhere with no widget: ends editing

    nlohmann::json current() { return nlohmann::json::parse(app_->current_json()); }
    nlohmann::json drafts() { return nlohmann::json::parse(app_->drafts_json()); }
    nlohmann::json diagnostics() { return nlohmann::json::parse(app_->diagnostics_json()); }
    std::vector<std::string> codes_of(const std::string& field) {
        std::vector<std::string> out;
        for (const auto& d : diagnostics())
            if (d["field"] == field) out.push_back(d["code"]);
        return out;
    }

private:
    FakeHost own_;
    FakeHost* host_;
    ImGuiContext* ctx_;
    std::unique_ptr<web::App> app_;
    std::string paste_, copied_;
};

// The semantic mirror's tree as the host last got it (web/a11y.h), and its nodes by id.
inline nlohmann::json mirror_tree(FakeHost& host) {
    REQUIRE_FALSE(host.a11y.empty());
    return nlohmann::json::parse(host.a11y);
}
inline bool has_node(FakeHost& host, const std::string& id) {
    const nlohmann::json t = mirror_tree(host);  // (a loop over mirror_tree(host)["nodes"] would outlive it)
    for (const nlohmann::json& n : t["nodes"])
        if (n["id"] == id) return true;
    return false;
}
inline nlohmann::json node(FakeHost& host, const std::string& id) {
    const nlohmann::json t = mirror_tree(host);
    for (const nlohmann::json& n : t["nodes"])
        if (n["id"] == id) return n;
    FAIL("no node " << id);
    return {};
}

}  // namespace ftblock::test
