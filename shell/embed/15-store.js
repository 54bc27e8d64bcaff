// Part 15 — ftblock.openDraftStore(name): the drafts store of a form in drafts mode, in
// IndexedDB (docs/storage.md). The loader (part 10) opens it while ftblock.wasm downloads,
// and hands it to the module, whose platform layer (web/platform/store.cpp) answers
// Host::store_open from what it read and sends every StoreBatch to store.write.
//
// Layout: database <name> (the form's storageKey, so two forms never share one), version 1;
// object store "drafts" (out-of-line keys: the draft's uid, a number; values: the draft's JSON
// text) and object store "meta" (key "meta": the meta object's JSON text).
(function (global) {
  'use strict';

  var ftblock = global.ftblock;

  var VERSION = 1;
  var DRAFTS = 'drafts';
  var META = 'meta';
  var META_KEY = 'meta';
  var READ_CHUNK = 5000;      // drafts per getAll at start (one message of a few MB, not one of 70)
  var IMPORT_SLICE = 2000;    // puts issued per task in an import's transaction
  var OPEN_TIMEOUT = 8000;    // ms: an open that neither succeeds nor fails (a delete pending elsewhere)
  var BLOCKED_WAIT = 1500;    // ms: after "blocked", how long another tab has to let go
  var NOTABLE_BYTES = 1 << 20;  // a change of the free space worth a redraw

  // "<name>: <message>" of a DOMException or Error, as Host reports it.
  function reason(err, fallback) {
    if (err && typeof err === 'object' && err.name) return err.name + ': ' + (err.message || '(no message)');
    return err ? String(err) : fallback;
  }

  // Calls f later, but soon: never inside the caller's own stack.
  var soon = typeof queueMicrotask === 'function' ? queueMicrotask : function (f) { Promise.resolve().then(f); };

  function Store(name) {
    this.name = name;
    this.state = 'missing';     // 'ready' | 'missing' | 'failed'
    this.error = '';            // failed: the browser's reason (English)
    this.drafts = null;         // ready: [[uid, json text], ...] until takeDrafts()
    this.meta = '';             // ready: the meta object's JSON text, '' if none
    this.persistence = '';      // 'persistent' | 'best-effort' | '' (not known yet)
    this.freeBytes = -1;        // quota − usage as last estimated; < 0 unknown
    this.onchange = null;       // called when persistence or freeBytes changed notably
    this.db = null;
    this.closed = '';           // why writes fail from now on ('' while open)
    this.queue = [];            // writes in the order given, reported in that order
    this.estimating = false;
    this.estimateAgain = false;
  }

  // The drafts read at start, handed over once (the arrays are large; the store lets go of them).
  Store.prototype.takeDrafts = function () {
    var d = this.drafts || [];
    this.drafts = null;
    return d;
  };

  // One transaction over both object stores. batch: { count, uid(i), json(i), remove: [uid],
  // meta: '' | text, removeLegacy, isImport, release() }. done(ok, error) is called later (never
  // from inside write), in the order the batches were given, after the transaction completed
  // (ok) or aborted (error: "<name>: <message>"). An import's puts go in slices, each issued
  // from the success of the previous slice's last request, so the transaction stays alive and
  // no task of the page runs long.
  Store.prototype.write = function (batch, done) {
    var self = this;
    var entry = { finished: false, ok: false, error: '', done: done };
    this.queue.push(entry);
    var failure = '';
    function finish(ok, error) {
      if (entry.finished) return;
      entry.finished = true;
      entry.ok = ok;
      entry.error = error;
      if (ok && batch.removeLegacy) removeLegacy(self.name);
      if (typeof batch.release === 'function') batch.release();
      self.flush();
    }
    if (!this.db || this.closed) {
      var why = this.closed || 'InvalidStateError: the drafts database is not open';
      soon(function () { finish(false, why); });
      return;
    }
    var tx;
    try {
      tx = this.db.transaction([DRAFTS, META], 'readwrite', { durability: 'strict' });
    } catch (err) {  // closed (another tab upgrades it, the browser closed it)
      var e = reason(err, 'InvalidStateError: the drafts database is closed');
      soon(function () { finish(false, e); });
      return;
    }
    function fail(err) {
      if (!failure) failure = reason(err, 'AbortError: the write failed');
      try { tx.abort(); } catch (ignored) { /* already finishing: onabort reports it */ }
    }
    tx.oncomplete = function () { finish(true, ''); };
    tx.onabort = function () {
      finish(false, failure || reason(tx.error, 'AbortError: the transaction was aborted'));
    };
    // A failed request (e.g. QuotaExceededError) bubbles here and then aborts the transaction.
    tx.onerror = function (event) {
      var target = event && event.target;
      if (!failure && target && target !== tx && target.error) failure = reason(target.error, '');
    };
    try {
      var drafts = tx.objectStore(DRAFTS);
      var removed = batch.remove || [];
      for (var r = 0; r < removed.length; r++) drafts.delete(removed[r]);
      if (batch.meta) tx.objectStore(META).put(batch.meta, META_KEY);
      var count = batch.count || 0;
      var slice = batch.isImport ? IMPORT_SLICE : count;
      var next = 0;
      var issue = function () {
        try {
          var end = Math.min(count, next + slice);
          var last = null;
          for (; next < end; next++) last = drafts.put(batch.json(next), batch.uid(next));
          if (next < count) last.onsuccess = issue;
        } catch (err) {
          fail(err);
        }
      };
      issue();
    } catch (err) {
      fail(err);
    }
  };

  Store.prototype.flush = function () {
    var any = false;
    while (this.queue.length && this.queue[0].finished) {
      var e = this.queue.shift();
      any = any || e.ok;
      try {
        e.done(e.ok, e.error);
      } catch (err) {
        setTimeout(function () { throw err; });
      }
    }
    if (any) this.estimate();
  };

  // quota − usage, refreshed at start and after completed writes (one estimate at a time).
  Store.prototype.estimate = function () {
    var self = this;
    var storage = global.navigator && navigator.storage;
    if (!storage || typeof storage.estimate !== 'function') return;
    if (this.estimating) {
      this.estimateAgain = true;
      return;
    }
    this.estimating = true;
    storage.estimate().then(function (e) {
      var free = e && typeof e.quota === 'number' && typeof e.usage === 'number' ? Math.max(0, e.quota - e.usage) : -1;
      var old = self.freeBytes;
      self.freeBytes = free;
      if ((old < 0) !== (free < 0) || Math.abs(free - old) >= NOTABLE_BYTES) self.changed();
    }, function () { /* unknown stays unknown */ }).then(function () {
      self.estimating = false;
      if (self.estimateAgain) {
        self.estimateAgain = false;
        self.estimate();
      }
    });
  };

  // Asks once for persistent storage (the browser may ask the user, or decide by itself).
  Store.prototype.askPersistence = function () {
    var self = this;
    var storage = global.navigator && navigator.storage;
    function answer(persistent) {
      self.persistence = persistent ? 'persistent' : 'best-effort';
      self.changed();
    }
    if (!storage || typeof storage.persist !== 'function') {  // e.g. not a secure context
      answer(false);
      return;
    }
    var persisted = typeof storage.persisted === 'function' ? storage.persisted() : Promise.resolve(false);
    persisted.then(function (already) {
      return already || storage.persist();
    }).then(answer, function () { answer(false); });
  };

  Store.prototype.changed = function () {
    if (typeof this.onchange === 'function') {
      try { this.onchange(); } catch (err) { setTimeout(function () { throw err; }); }
    }
  };

  // Writes already given still complete (IndexedDB lets them finish); later ones fail.
  Store.prototype.close = function () {
    if (this.db) {
      try { this.db.close(); } catch (ignored) { /* closing twice */ }
    }
    if (!this.closed) this.closed = 'InvalidStateError: the form was destroyed';
    this.onchange = null;
  };

  // The two slots and the pointer of the localStorage format "ftblock-drafts/1", removed once
  // their drafts are committed to IndexedDB (a failure only leaves them for the next start).
  function removeLegacy(prefix) {
    try {
      var ls = global.localStorage;
      ['.a', '.b', '.current'].forEach(function (suffix) { ls.removeItem(prefix + suffix); });
    } catch (ignored) { /* blocked localStorage: nothing was migrated from it either */ }
  }

  // Everything stored, in one readonly transaction: the drafts by key in chunks (getAllRecords
  // where the browser has it, else getAll and getAllKeys of the same range), and the meta object.
  function readAll(db, store, settle) {
    var tx;
    try {
      tx = db.transaction([DRAFTS, META], 'readonly');
    } catch (err) {  // e.g. NotFoundError: a database of that name that is not ours
      settle('failed', reason(err, 'the drafts database cannot be read'));
      return;
    }
    var rows = [];
    var meta = '';
    var drafts = tx.objectStore(DRAFTS);
    var add = function (k, v) {
      var uid = typeof k === 'number' && k >= 0 && Math.floor(k) === k ? k : 0;
      rows.push([uid, typeof v === 'string' ? v : text(v)]);
    };
    var chunk = function (range) {
      var next = function (count, lastKey) {
        if (count === READ_CHUNK) chunk(IDBKeyRange.lowerBound(lastKey, true));
      };
      if (typeof drafts.getAllRecords === 'function') {  // keys and values in one request
        drafts.getAllRecords({ query: range, count: READ_CHUNK }).onsuccess = function (e) {
          var records = e.target.result;
          for (var i = 0; i < records.length; i++) add(records[i].primaryKey, records[i].value);
          if (records.length) next(records.length, records[records.length - 1].primaryKey);
        };
        return;
      }
      var values = null, keys = null;
      var both = function () {
        if (!values || !keys) return;
        for (var i = 0; i < keys.length; i++) add(keys[i], values[i]);
        if (keys.length) next(keys.length, keys[keys.length - 1]);
      };
      drafts.getAll(range, READ_CHUNK).onsuccess = function (e) { values = e.target.result; both(); };
      drafts.getAllKeys(range, READ_CHUNK).onsuccess = function (e) { keys = e.target.result; both(); };
    };
    chunk(null);
    tx.objectStore(META).get(META_KEY).onsuccess = function (e) {
      var v = e.target.result;
      meta = v === undefined ? '' : typeof v === 'string' ? v : text(v);
    };
    tx.oncomplete = function () {
      store.drafts = rows;
      store.meta = meta;
      settle('ready', '');
    };
    tx.onabort = function () { settle('failed', reason(tx.error, 'AbortError: reading the drafts was aborted')); };
  }

  // A value someone else stored under our name: shown to the app as text it will not read.
  function text(v) {
    try { return JSON.stringify(v) || String(v); } catch (err) { return String(v); }
  }

  // Opens (creating if needed) the drafts database `name`. Never rejects: resolves to a Store
  // whose state says what happened. options.timeout: ms before an open that hangs counts as
  // failed (default 8 s).
  ftblock.openDraftStore = function (name, options) {
    options = options || {};
    var store = new Store(String(name));
    return new Promise(function (resolve) {
      var settled = false;
      var timer = null, blockedTimer = null;
      function settle(state, error) {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearTimeout(blockedTimer);
        store.state = state;
        store.error = error || '';
        if (state !== 'ready' && store.db) {
          try { store.db.close(); } catch (ignored) { /* already closed */ }
          store.db = null;
        }
        if (state === 'ready') {
          store.askPersistence();
          store.estimate();
        }
        resolve(store);
      }
      var factory;
      try {
        factory = global.indexedDB;  // a sandboxed frame may throw just for reading it
      } catch (err) {
        settle('failed', reason(err, 'SecurityError: IndexedDB is not allowed here'));
        return;
      }
      if (!factory) {
        settle('missing', '');
        return;
      }
      var request;
      try {
        request = factory.open(store.name, VERSION);
      } catch (err) {  // SecurityError (opaque origin), InvalidStateError (old Firefox private mode)
        settle('failed', reason(err, 'the drafts database cannot be opened'));
        return;
      }
      var timeout = options.timeout > 0 ? options.timeout : OPEN_TIMEOUT;
      timer = setTimeout(function () {
        settle('failed', 'TimeoutError: the drafts database did not open within ' + timeout / 1000 +
          ' s (another tab may be deleting or upgrading it)');
      }, timeout);
      var created = false;  // the database did not exist: nothing to read
      request.onupgradeneeded = function (event) {
        var db = request.result;
        created = !event || !event.oldVersion;
        if (!db.objectStoreNames.contains(DRAFTS)) db.createObjectStore(DRAFTS);
        if (!db.objectStoreNames.contains(META)) db.createObjectStore(META);
      };
      request.onblocked = function () {
        clearTimeout(blockedTimer);
        blockedTimer = setTimeout(function () {
          settle('failed', 'blocked: another tab keeps an older version of the drafts database open; ' +
            'close the other tabs of this form and reload');
        }, BLOCKED_WAIT);
      };
      request.onerror = function (event) {
        if (event && event.preventDefault) event.preventDefault();
        settle('failed', reason(request.error, 'UnknownError: the drafts database could not be opened'));
      };
      request.onsuccess = function () {
        var db = request.result;
        if (settled) {  // too late: the form started without it
          db.close();
          return;
        }
        clearTimeout(timer);
        clearTimeout(blockedTimer);
        store.db = db;
        // Another tab wants a newer version: let it, and fail our later writes (the form then
        // says "not saved" and offers the backup).
        db.onversionchange = function () {
          db.close();
          store.closed = 'VersionError: another tab opened a newer version of the drafts database; ' +
            'reload this tab to keep saving';
        };
        // The browser closed it (the site's data was cleared, the disk failed).
        db.onclose = function () {
          store.closed = 'UnknownError: the browser closed the drafts database (site data cleared or evicted)';
        };
        if (created) {  // a database made just now holds nothing: one transaction less at start
          store.drafts = [];
          store.meta = '';
          settle('ready', '');
        } else {
          readAll(db, store, settle);
        }
      };
    });
  };
})(window);
