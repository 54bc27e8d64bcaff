// The drafts store for Host::store_open / store_write (docs/storage.md): IndexedDB, one object per
// draft. The loader opens the database while ftblock.wasm downloads and compiles
// (shell/embed/15-store.js, ftblock.openDraftStore) and js_api's start puts that store on
// Module.ftblockStore; this unit reads what it found into StoreContents, and hands each batch
// to store.write, which reports back through ftblock_store_done in the order given.
//
// Strings cross as UTF-8. At start each stored draft is encoded (TextEncoder.encodeInto) into one
// reused scratch buffer and copied from there into the std::string that keeps it. A batch is packed
// into one buffer that stays alive until its transaction ends: the JavaScript side decodes each
// draft only when it puts it, so an import of 100,000 drafts is not decoded in one task.
#include <emscripten/emscripten.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <unordered_map>
#include <vector>

#include "platform.h"

namespace ftblock::web::platform {

namespace {

// 0: missing (no store given, or IndexedDB is not there), 1: ready, 2: failed.
EM_JS(int, js_store_state, (), {
    var s = Module["ftblockStore"];
    if (!s) return Module["ftblockStorePending"] ? 3 : 0;
    return s.state == "ready" ? 1 : s.state == "failed" ? 2 : 0;
});

// A malloc'ed UTF-8 copy (the caller frees it) of the failure's reason or of the meta text.
EM_JS(char*, js_store_text, (int which), {
    var s = Module["ftblockStore"];
    var v = s ? String(which == 0 ? s.error : s.meta) : "";
    var n = lengthBytesUTF8(v) + 1;
    var p = _malloc(n);
    if (p) stringToUTF8(v, p, n);
    return p;
});

// The stored drafts, taken from the store (which lets go of them); returns how many.
EM_JS(int, js_store_take, (), {
    var s = Module["ftblockStore"];
    Module["ftblockStoreRows"] = s ? s.takeDrafts() : [];
    return Module["ftblockStoreRows"].length;
});

// Draft i: its uid into *uid, its text as UTF-8 into a scratch buffer of the module's heap
// (TextEncoder.encodeInto: native, no per-character loop; grown when a text does not fit).
// Returns the scratch buffer; *size is the text's length. The row is dropped.
EM_JS(char*, js_store_row, (int i, double* uid, int* size), {
    var rows = Module["ftblockStoreRows"];
    var row = rows[i];
    rows[i] = null;
    if (i == rows.length - 1) Module["ftblockStoreRows"] = null;
    var enc = Module["ftblockEncoder"] || (Module["ftblockEncoder"] = new TextEncoder());
    var text = row[1];
    for (;;) {
        var cap = Module["ftblockScratchSize"] || 0;
        var p = Module["ftblockScratch"] || 0;
        if (p && cap >= text.length) {  // fits if all ASCII; encodeInto says if it did not
            var r = enc.encodeInto(text, HEAPU8.subarray(p, p + cap));
            if (r.read == text.length) {
                HEAPF64[uid >> 3] = row[0];
                HEAP32[size >> 2] = r.written;
                return p;
            }
        }
        _free(p);
        cap = Math.max(64 * 1024, text.length * 3, cap * 2);
        p = _malloc(cap);
        Module["ftblockScratch"] = p;
        Module["ftblockScratchSize"] = p ? cap : 0;
        if (!p) return 0;  // out of memory
    }
});

EM_JS(void, js_store_rows_done, (), {
    _free(Module["ftblockScratch"] || 0);
    Module["ftblockScratch"] = 0;
    Module["ftblockScratchSize"] = 0;
    Module["ftblockStoreRows"] = null;
});

// One batch to store.write. The texts stay in the packed buffer (data, offsets[0..count]) until
// ftblock_store_done; they are decoded as the store puts them.
EM_JS(void, js_store_write,
      (double id, const double* uids, const std::uint32_t* offsets, const char* data, int count,
       const double* removed, int removed_count, const char* meta, int meta_size, int remove_legacy, int is_import),
      {
          var s = Module["ftblockStore"];
          var uidList = HEAPF64.slice(uids >> 3, (uids >> 3) + count);
          var offs = HEAPU32.slice(offsets >> 2, (offsets >> 2) + count + 1);
          var gone = Array.prototype.slice.call(HEAPF64.subarray(removed >> 3, (removed >> 3) + removed_count));
          var metaText = meta_size > 0 ? UTF8ToString(meta, meta_size) : "";
          var dec = Module["ftblockDecoder"] || (Module["ftblockDecoder"] = new TextDecoder());
          var batch = {
              count: count,
              uid: function(i) { return uidList[i]; },
              json: function(i) { return dec.decode(HEAPU8.subarray(data + offs[i], data + offs[i + 1])); },
              remove: gone,
              meta: metaText,
              removeLegacy: remove_legacy != 0,
              isImport: is_import != 0
          };
          var report = function(ok, error) {
              var n = lengthBytesUTF8(error) + 1;
              var p = _malloc(n);
              if (p) stringToUTF8(error, p, n);
              _ftblock_store_done(id, ok ? 1 : 0, p);
              _free(p);
              // For the page (the saved event) and the tests: which drafts this batch stored.
              var f = Module["onFtblockEvent"];
              if (typeof f == "function")
                  f("saved", { ok: ok, error: error, put: Array.prototype.slice.call(uidList), removed: gone });
          };
          if (!s || s.state != "ready") {
              Promise.resolve().then(function() { report(false, "InvalidStateError: there is no drafts database"); });
              return;
          }
          s.write(batch, report);
      });

// The store learnt how persistent it is, or its free space changed: draw that.
EM_JS(void, js_store_listen, (), {
    var s = Module["ftblockStore"];
    if (s) s.onchange = function() { _ftblock_store_changed(); };
});

EM_JS(char*, js_store_persistence, (), {
    var s = Module["ftblockStore"];
    var v = s ? String(s.persistence || "") : "";
    var n = lengthBytesUTF8(v) + 1;
    var p = _malloc(n);
    if (p) stringToUTF8(v, p, n);
    return p;
});

EM_JS(double, js_store_free_bytes, (), {
    var s = Module["ftblockStore"];
    return s && typeof s.freeBytes == "number" ? s.freeBytes : -1;
});

std::string take_text(char* p) {
    std::string s = p ? p : "";
    std::free(p);
    return s;
}

struct Packed {  // one batch's texts, alive while its transaction runs
    std::vector<double> uids;
    std::vector<std::uint32_t> offsets;
    std::string data;
    std::vector<double> removed;
    std::string meta;
};
std::unordered_map<std::uint64_t, Packed> g_batches;

}  // namespace

StoreState store_open(StoreContents& contents) {
    const int state = js_store_state();
    if (state == 0) return StoreState::Missing;
    if (state == 3) return StoreState::Opening;  // the loader hands it over later (ftblock_store_opened)
    if (state == 2) {
        contents.error = take_text(js_store_text(0));
        return StoreState::Failed;
    }
    contents.meta = take_text(js_store_text(1));
    const int count = js_store_take();
    contents.drafts.resize(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        StoredDraft& d = contents.drafts[static_cast<std::size_t>(i)];
        double uid = 0;
        int size = 0;
        const char* text = js_store_row(i, &uid, &size);
        if (!text) {  // never start with some of the drafts as if they were all
            js_store_rows_done();
            contents = StoreContents{};
            contents.error = "RangeError: not enough memory to read the stored drafts";
            return StoreState::Failed;
        }
        d.uid = static_cast<std::uint64_t>(uid);
        d.json.assign(text, static_cast<std::size_t>(size));
    }
    js_store_rows_done();
    js_store_listen();
    return StoreState::Ready;
}

void store_write(std::uint64_t batch_id, const StoreBatch& batch) {
    Packed& p = g_batches[batch_id];
    std::size_t total = 0;
    for (const StoredDraft& d : batch.put) total += d.json.size();
    p.data.reserve(total);
    p.uids.reserve(batch.put.size());
    p.offsets.reserve(batch.put.size() + 1);
    for (const StoredDraft& d : batch.put) {
        p.uids.push_back(static_cast<double>(d.uid));
        p.offsets.push_back(static_cast<std::uint32_t>(p.data.size()));
        p.data += d.json;
    }
    p.offsets.push_back(static_cast<std::uint32_t>(p.data.size()));
    for (std::uint64_t uid : batch.remove) p.removed.push_back(static_cast<double>(uid));
    p.meta = batch.meta;
    js_store_write(static_cast<double>(batch_id), p.uids.data(), p.offsets.data(), p.data.data(),
                   static_cast<int>(p.uids.size()), p.removed.data(), static_cast<int>(p.removed.size()),
                   p.meta.data(), static_cast<int>(p.meta.size()), batch.remove_legacy ? 1 : 0,
                   batch.is_import ? 1 : 0);
}

std::string storage_persistence() { return take_text(js_store_persistence()); }

double storage_free_bytes() { return js_store_free_bytes(); }

}  // namespace ftblock::web::platform

extern "C" {

// From the store, in the order the batches were given: the transaction completed (ok) or not.
EMSCRIPTEN_KEEPALIVE void ftblock_store_done(double batch_id, int ok, const char* error) {
    using namespace ftblock::web::platform;
    const auto id = static_cast<std::uint64_t>(batch_id);
    g_batches.erase(id);
    if (!app()) return;
    app()->store_done(id, ok != 0, error ? error : "");
    request_frames();
}

EMSCRIPTEN_KEEPALIVE void ftblock_store_changed() { ftblock::web::platform::request_frames(); }

}  // extern "C"
