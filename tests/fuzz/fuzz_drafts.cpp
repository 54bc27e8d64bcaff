// fuzz_drafts: the form's stored drafts (web/drafts.h) restored from arbitrary bytes, as the
// form does at start with whatever the browser's storage holds (docs/bad-inputs.md#item-29: truncated, random
// bytes, a future format version). The whole input is the stored text. Drafts::from_storage
// must never crash or throw, and:
//   - when it says no: an error is given and the drafts the form had are untouched (the form
//     keeps the unreadable text for download, web/app.cpp);
//   - when it says yes: every draft has a value and a touched flag per field, every draft can be
//     validated and exported, storing and restoring again gives the same text, and a new draft
//     gets a uid no restored draft has.
#include <cstddef>
#include <cstdint>
#include <string>

#include "drafts.h"
#include "ftblock/playbook.h"
#include "fuzz_util.h"

namespace {

using namespace ftblock;

// What the form holds before it restores: two drafts with some values.
const web::Drafts& before() {
    static const web::Drafts drafts = [] {
        web::Drafts d(*builtin_playbook());
        d.add_new("assignment");
        const std::size_t i = d.add_new("delivery");
        d.set(i, builtin_playbook()->field_index("customer"), "Contoso Ltd");
        d.set(i, builtin_playbook()->field_index("notes"), "客户的 VPN 设备需要升级");
        return d;
    }();
    return drafts;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const Playbook& playbook = *builtin_playbook();
    const std::string text(reinterpret_cast<const char*>(data), size);
    web::Drafts drafts = before();
    const std::string stored_before = drafts.to_storage();

    std::string error;
    if (!drafts.from_storage(text, error)) {
        FUZZ_CHECK(!error.empty());
        FUZZ_CHECK_EQ(stored_before, drafts.to_storage(), "a refused restore changed the drafts");
        return 0;
    }

    const Date today{2026, 11, 24};
    drafts.set_today(today);
    drafts.refresh();  // every draft's verdict, through the incremental index
    for (std::size_t i = 0; i < drafts.size(); ++i) {
        const web::Draft& d = drafts.at(i);
        FUZZ_CHECK(d.record.values.size() == playbook.fields.size());
        FUZZ_CHECK(d.touched.size() == playbook.fields.size());
        if (i < 8) {  // the form validates and shows every draft; a few are enough here
            drafts.validate(i, i % 2 ? Lang::ZhCN : Lang::En);
            FUZZ_CHECK(!drafts.export_json(i).empty() && !drafts.export_csv(i).empty());
        }
    }

    const std::string stored = drafts.to_storage();
    web::Drafts again(playbook);
    std::string again_error;
    if (!again.from_storage(stored, again_error))
        FUZZ_FAIL("the restored drafts, stored again, cannot be restored", again_error, stored);
    FUZZ_CHECK_EQ(stored, again.to_storage(), "store → restore → store changed the text");

    const std::size_t added = drafts.add_new("delivery");
    for (std::size_t i = 0; i < drafts.size(); ++i)
        if (i != added && drafts.at(i).uid == drafts.at(added).uid)
            FUZZ_FAIL("a new draft got the uid of a restored draft", std::to_string(drafts.at(added).uid), text);

    // The same bytes as one object of the drafts store (IndexedDB): read or kept as unreadable,
    // never dropped, and a later draft never reuses its uid.
    web::Drafts store(playbook);
    std::string unreadable;
    std::vector<std::uint64_t> bad;
    store.from_store({{7, text}}, 1, unreadable, bad);
    FUZZ_CHECK(store.size() + bad.size() == 1);
    if (!bad.empty()) FUZZ_CHECK_EQ(unreadable, text + "\n", "an unreadable stored draft was not kept whole");
    store.refresh();
    const std::size_t fresh = store.add_new("assignment");
    FUZZ_CHECK(store.at(fresh).uid > 7);
    return 0;
}
