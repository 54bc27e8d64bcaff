// ftblock-validator.js — the validator alone (docs/validator.md): the CLI's verdicts and reports
// from JavaScript, backed by the core-only WebAssembly module ftblock-validator-core.js/.wasm.
// One plain script for every host:
//   page:       <script src="ftblock-validator-core.js"></script><script src="ftblock-validator.js"></script>
//               → global ftblockValidator
//   Web Worker: importScripts('ftblock-validator-core.js', 'ftblock-validator.js') → same global
//   node:       require('.../ftblock-validator.js') (reads the core and the .wasm next to it)
// ftblockValidator.load(options) → Promise<Validator>; a Validator's methods are synchronous.
// Every Validator is its own WebAssembly instance: instances share nothing.
(function (root, factory) {
  'use strict';
  var api = factory(root);
  if (typeof module === 'object' && module && module.exports) module.exports = api;
  else root.ftblockValidator = api;
})(typeof self !== 'undefined' ? self : typeof globalThis !== 'undefined' ? globalThis : this, function (root) {
  'use strict';

  var IS_NODE = typeof process === 'object' && process && process.versions && !!process.versions.node &&
                typeof require === 'function' && typeof __dirname === 'string';
  var CORE_JS = 'ftblock-validator-core.js';
  var CORE_WASM = 'ftblock-validator-core.wasm';                // WebAssembly SIMD128 (-msimd128)
  var CORE_WASM_SCALAR = 'ftblock-validator-core-scalar.wasm';  // the same module without SIMD

  // Whether the engine runs WebAssembly SIMD128: a module of one function, i8x16.splat(0).
  var SIMD_PROBE = [0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 8, 1, 6, 0, 65, 0, 253, 15, 11];
  function engineHasSimd() {
    try {
      return typeof WebAssembly === 'object' && WebAssembly.validate(new Uint8Array(SIMD_PROBE));
    } catch (e) {
      return false;
    }
  }
  var PIECE = 1 << 20;              // bytes copied into the module per step: its input buffer stays ≤ 1 MiB
  var STRING_PIECE = PIECE / 4;     // UTF-16 units per step (≤ 3 UTF-8 bytes each)
  var DECODE_PIECE = 4096;          // bytes of report text per string piece (see decode)
  var FORMATS = { auto: 0, json: 1, jsonl: 2, ndjson: 2, csv: 3 };
  var REPORTS = { text: 0, json: 1 };

  function typeName(v) {
    return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v;
  }

  function isBytes(v) {
    return v instanceof ArrayBuffer || (ArrayBuffer.isView(v) && !(typeof DataView !== 'undefined' && v instanceof DataView)) ||
           Object.prototype.toString.call(v) === '[object ArrayBuffer]';
  }

  function toBytes(v) {
    if (v instanceof Uint8Array) return v;
    if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    return new Uint8Array(v);
  }

  // Rejects option names the method does not know: a typo must not pass silently.
  function checkOptions(opts, known, what) {
    if (opts === undefined || opts === null) return {};
    if (typeof opts !== 'object' || Array.isArray(opts)) throw new TypeError('ftblock: the options of ' + what + ' must be an object, not ' + typeName(opts));
    for (var k in opts) {
      if (Object.prototype.hasOwnProperty.call(opts, k) && known.indexOf(k) < 0)
        throw new TypeError('ftblock: unknown option "' + k + '" for ' + what + ' (known: ' + known.join(', ') + ')');
    }
    return opts;
  }

  function makeValidator(m) {
    var encoder = new TextEncoder();
    var decoder = new TextDecoder('utf-8');

    // UTF-8 from the module's memory, in pieces joined by +: node 20 decodes a JSON report at
    // ~50 MB/s in 1 MiB pieces, ~0.8 GB/s in 64 KiB, ~2 GB/s in 4 KiB (large strings are slow
    // to make; small ones are cheap and stay one-byte when ASCII).
    function decode(ptr, len) {
      var heap = m.HEAPU8, end = ptr + len;
      if (len <= DECODE_PIECE) return len ? decoder.decode(heap.subarray(ptr, end)) : '';
      var text = '';
      while (ptr < end) {
        var cut = Math.min(ptr + DECODE_PIECE, end);
        while (cut < end && cut > ptr + 4 && (heap[cut] & 0xC0) === 0x80) cut--;  // not inside a character
        text += decoder.decode(heap.subarray(ptr, cut));
        ptr = cut;
      }
      return text;
    }
    function result() {
      return decode(m._ftb_result(), m._ftb_result_size());
    }
    // Copies into the module's general input buffer; returns the byte count.
    function inputString(s) {
      var max = s.length * 3;
      var p = m._ftb_input(max);
      return encoder.encodeInto(s, m.HEAPU8.subarray(p, p + max)).written;
    }
    function inputBytes(bytes) {
      var p = m._ftb_input(bytes.length);
      m.HEAPU8.set(bytes, p);
      return bytes.length;
    }

    function langCode(lang) {
      if (lang === undefined || lang === null) return 0;
      if (typeof lang === 'string') {
        var code = m._ftb_lang(inputString(lang));
        if (code >= 0) return code;
      }
      throw new TypeError('ftblock: lang must be \'en\' or \'zh-CN\', not ' + (typeof lang === 'string' ? JSON.stringify(lang) : typeName(lang)));
    }

    // Date::serial() of today: the option as 'YYYY-MM-DD' or a Date, else the local date now.
    function todaySerial(today) {
      if (today === undefined || today === null) today = new Date();
      if (Object.prototype.toString.call(today) === '[object Date]') {
        var y = today.getFullYear();
        if (isNaN(y) || y < 1 || y > 9999)
          throw new TypeError('ftblock: today must be a valid Date with a year from 1 to 9999, or \'YYYY-MM-DD\'');
        return y * 10000 + (today.getMonth() + 1) * 100 + today.getDate();
      }
      if (typeof today === 'string') {
        var serial = m._ftb_date(inputString(today));
        if (serial) return serial;
        throw new TypeError('ftblock: today must be a real date as \'YYYY-MM-DD\' (or a Date), not ' + JSON.stringify(today));
      }
      throw new TypeError('ftblock: today must be \'YYYY-MM-DD\' or a Date, not ' + typeName(today));
    }

    // A record as JSON text: text as given, anything else through JSON.stringify.
    function recordText(record, what) {
      if (typeof record === 'string') return record;
      if (record === undefined || typeof record === 'function' || typeof record === 'symbol')
        throw new TypeError('ftblock: ' + what + ' must be a record object or its JSON text, not ' + typeof record);
      return JSON.stringify(record);
    }

    function where(e) {
      return e.line ? 'line ' + e.line + ', column ' + e.column + ': ' : '';
    }

    // The earlier state for the previous-value rule: records (objects or JSON text), or whole
    // files (Uint8Array / ArrayBuffer: every record in them, as `--previous FILE`). Returns a
    // handle (0 for none); throws an Error naming previous[i] when one cannot be read.
    function buildPrevious(list, lang, today) {
      if (list === undefined || list === null) return 0;
      if (!Array.isArray(list)) throw new TypeError('ftblock: previous must be an array of records, not ' + typeName(list));
      var p = m._ftb_previous_new(today);
      try {
        for (var i = 0; i < list.length; i++) {
          var item = list[i], failed;
          if (isBytes(item)) failed = m._ftb_previous_add_file(p, lang, inputBytes(toBytes(item)));
          else failed = m._ftb_previous_add_record(p, lang, inputString(recordText(item, 'previous[' + i + ']')));
          if (failed) {
            var e = JSON.parse(result());
            throw new Error('ftblock: previous[' + i + '] cannot be read: ' + where(e) + e.message);
          }
        }
      } catch (err) {
        m._ftb_previous_free(p);
        throw err;
      }
      return p;
    }

    function validate(record, options) {
      var o = checkOptions(options, ['previous', 'lang', 'today'], 'validate()');
      var lang = langCode(o.lang), today = todaySerial(o.today);
      var text = recordText(record, 'the record');
      var previous = buildPrevious(o.previous, lang, today);
      try {
        var len = m._ftb_validate(lang, today, previous, inputString(text));
        return JSON.parse(decode(m._ftb_result(), len));
      } finally {
        if (previous) m._ftb_previous_free(previous);
      }
    }

    function batch(options) {
      var o = checkOptions(options, ['previous', 'lang', 'today', 'report'], 'batch()');
      var reportName = o.report === undefined ? 'text' : o.report;
      if (typeof reportName !== 'string' || !Object.prototype.hasOwnProperty.call(REPORTS, reportName))
        throw new TypeError('ftblock: report must be \'text\' or \'json\', not ' + JSON.stringify(reportName));
      var report = REPORTS[reportName];
      var lang = langCode(o.lang), today = todaySerial(o.today);
      var b = m._ftb_batch_new(report, lang, today, buildPrevious(o.previous, lang, today));  // owns the index
      var open = false, highSurrogate = '';

      function live() {
        if (!b) throw new Error('ftblock: this batch is finished (or disposed)');
      }
      function out(len) {
        return decode(m._ftb_batch_out(b), len);
      }
      function pushBytes(bytes) {
        var text = '';
        for (var at = 0; at < bytes.length; at += PIECE) {
          var piece = bytes.subarray(at, Math.min(at + PIECE, bytes.length));
          var p = m._ftb_batch_buffer(b, piece.length);
          m.HEAPU8.set(piece, p);
          text += out(m._ftb_batch_push(b, piece.length));
        }
        return text;
      }
      function pushString(s) {
        var text = '';
        s = highSurrogate + s;
        highSurrogate = '';
        var last = s.charCodeAt(s.length - 1);
        if (last >= 0xD800 && last <= 0xDBFF) {  // its pair may start the next chunk
          highSurrogate = s.charAt(s.length - 1);
          s = s.slice(0, -1);
        }
        var at = 0;
        while (at < s.length) {
          var end = Math.min(at + STRING_PIECE, s.length);
          var c = s.charCodeAt(end - 1);
          if (end < s.length && c >= 0xD800 && c <= 0xDBFF) end++;  // keep a pair together
          var piece = at === 0 && end === s.length ? s : s.slice(at, end);
          var max = piece.length * 3;
          var p = m._ftb_batch_buffer(b, max);
          var n = encoder.encodeInto(piece, m.HEAPU8.subarray(p, p + max)).written;
          text += out(m._ftb_batch_push(b, n));
          at = end;
        }
        return text;
      }
      function closeFile(fn) {
        var text = '';
        if (highSurrogate) {  // a lone high surrogate ends the file: U+FFFD, as TextEncoder writes it
          highSurrogate = '';
          text += pushBytes(new Uint8Array([0xEF, 0xBF, 0xBD]));
        }
        open = false;
        return text + out(fn());
      }

      var handle = {
        // Starts the next file (ends the current one first). Returns the report text produced.
        begin: function (fileName, fileOptions) {
          live();
          if (typeof fileName !== 'string') throw new TypeError('ftblock: begin() needs the file name (a string), not ' + typeName(fileName));
          var fo = checkOptions(fileOptions, ['format'], 'begin()');
          var format = fo.format === undefined ? 'auto' : fo.format;
          if (typeof format !== 'string' || !Object.prototype.hasOwnProperty.call(FORMATS, format))
            throw new TypeError('ftblock: format must be \'auto\', \'json\', \'jsonl\' or \'csv\', not ' + JSON.stringify(format));
          var text = open ? closeFile(function () { return m._ftb_batch_end(b); }) : '';
          var bytes = encoder.encode(fileName);
          var p = m._ftb_batch_buffer(b, bytes.length);
          m.HEAPU8.set(bytes, p);
          text += out(m._ftb_batch_begin(b, bytes.length, FORMATS[format]));
          open = true;
          return text;
        },
        // More bytes of the current file (Uint8Array, ArrayBuffer or string; any size).
        push: function (chunk) {
          live();
          if (!open) throw new Error('ftblock: push() before begin(fileName)');
          if (typeof chunk === 'string') return chunk.length ? pushString(chunk) : '';
          if (!isBytes(chunk)) throw new TypeError('ftblock: push() takes a Uint8Array, an ArrayBuffer or a string, not ' + typeName(chunk));
          return pushBytes(toBytes(chunk));
        },
        // The current file could not be read (e.g. a failed download): reported like the CLI's
        // "cannot read the file: REASON", a file error (exit 2); the batch goes on.
        fail: function (reason) {
          live();
          if (!open) throw new Error('ftblock: fail() without a file begun');
          highSurrogate = '';
          open = false;
          var bytes = encoder.encode(String(reason));
          var p = m._ftb_batch_buffer(b, bytes.length);
          m.HEAPU8.set(bytes, p);
          return out(m._ftb_batch_fail(b, bytes.length));
        },
        // Ends the current file; returns the report text produced.
        end: function () {
          live();
          return open ? closeFile(function () { return m._ftb_batch_end(b); }) : '';
        },
        // Ends the current file and the report; frees the batch.
        finish: function () {
          live();
          var text = closeFile(function () { return m._ftb_batch_finish(b); });
          var summary = JSON.parse(result());
          var exitCode = m._ftb_batch_exit_code(b);
          m._ftb_batch_free(b);
          b = 0;
          return { report: text, exitCode: exitCode, summary: summary };
        },
        // Frees an abandoned batch; harmless after finish().
        dispose: function () {
          if (b) m._ftb_batch_free(b);
          b = 0;
        }
      };
      return handle;
    }

    function check(input, options) {
      var o = checkOptions(options, ['format', 'fileName', 'lang', 'today', 'previous', 'report'], 'check()');
      if (typeof input !== 'string' && !isBytes(input))
        throw new TypeError('ftblock: check() takes the input as a string, Uint8Array or ArrayBuffer, not ' + typeName(input));
      var fileName = o.fileName === undefined ? '-' : o.fileName;
      var b = batch({ lang: o.lang, today: o.today, previous: o.previous, report: o.report });
      try {
        var text = b.begin(fileName, { format: o.format });
        text += b.push(input);
        text += b.end();
        var r = b.finish();
        r.report = text + r.report;
        return r;
      } finally {
        b.dispose();
      }
    }

    // The L2 suggestion for a note (docs/suggest.md): { text, suggested: id | null,
    // ranking: [{ l2, score, evidence: [words of the note] }] } — the eight L2s best first, or the
    // first `top`. Ids only: the labels are the playbook's (the form shows them).
    function suggest(note, options) {
      var o = checkOptions(options, ['top'], 'suggest()');
      if (typeof note !== 'string') throw new TypeError('ftblock: suggest() takes the note as a string, not ' + typeName(note));
      var top = o.top === undefined || o.top === null ? 8 : o.top;
      if (typeof top !== 'number' || !(top >= 1 && top <= 8) || Math.floor(top) !== top)
        throw new TypeError('ftblock: suggest(): top must be a whole number from 1 to 8, not ' + String(top));
      var len = m._ftb_suggest(top, inputString(note));
      return JSON.parse(decode(m._ftb_result(), len));
    }

    // The module's memory in bytes: it grows to the largest chunk and record seen, then stays.
    function memoryBytes() {
      return m.HEAPU8.length;
    }

    // The worker pool's two sides (pool() below): settings checked once, pieces checked in a
    // worker, their texts joined in the page. Not part of the documented API.
    var poolSide = {
      // batch()'s options as codes; a previous list that cannot be read throws as in batch().
      settings: function (options, what) {
        var o = checkOptions(options, ['previous', 'lang', 'today', 'report', 'onText'], what);
        var reportName = o.report === undefined ? 'text' : o.report;
        if (typeof reportName !== 'string' || !Object.prototype.hasOwnProperty.call(REPORTS, reportName))
          throw new TypeError('ftblock: report must be \'text\' or \'json\', not ' + JSON.stringify(reportName));
        var lang = langCode(o.lang), today = todaySerial(o.today);
        var previous = buildPrevious(o.previous, lang, today);
        if (previous) m._ftb_previous_free(previous);
        return { report: REPORTS[reportName], lang: lang, today: today, previous: o.previous === undefined ? null : o.previous };
      },
      // s: settings(); piece: { name, format (code), whole, index, line, header (bytes), bytes }
      // → { text, records, valid, invalid, errors, warnings, count, error }.
      pieces: function (s) {
        var p = m._ftb_piece_new(s.report, s.lang, s.today, buildPrevious(s.previous, s.lang, s.today));
        var handle = {
          // A piece in parts (a large file that is not cut): begin, push → its text so far, end.
          begin: function (piece) {
            var name = encoder.encode(piece.name), header = piece.header || new Uint8Array(0);
            var at = m._ftb_piece_buffer(p, name.length + header.length);
            m.HEAPU8.set(name, at);
            m.HEAPU8.set(header, at + name.length);
            m._ftb_piece_begin(p, name.length, piece.format, piece.whole ? 1 : 0, piece.index, piece.line, header.length);
          },
          push: function (bytes) {
            var len = 0;
            for (var i = 0; i < bytes.length; i += PIECE) {
              var part = bytes.subarray(i, Math.min(i + PIECE, bytes.length));
              m.HEAPU8.set(part, m._ftb_piece_buffer(p, part.length));
              len = m._ftb_piece_push(p, part.length);
            }
            var text = decode(m._ftb_piece_out(p), len);
            m._ftb_piece_clear(p);
            return text;
          },
          end: function () {
            var len = m._ftb_piece_end(p);
            var r = JSON.parse(result());
            r.text = decode(m._ftb_piece_out(p), len);
            return r;
          },
          check: function (piece) {
            handle.begin(piece);
            var text = handle.push(piece.bytes);
            var r = handle.end();
            r.text = text + r.text;
            return r;
          },
          dispose: function () {
            if (p) m._ftb_piece_free(p);
            p = 0;
          }
        };
        return handle;
      },
      join: function (s) {
        var j = m._ftb_join_new(s.report, s.lang);
        function out(len) { return decode(m._ftb_join_out(j), len); }
        return {
          opening: out(m._ftb_join_size(j)),
          // true: drop the first character of the piece's text (a ',': ASCII, one character)
          piece: function (r) {
            return m._ftb_join_piece(j, r.records, r.valid, r.invalid, r.errors, r.warnings) === 1;
          },
          // true: the report has no record yet (JSON): a piece streamed in parts drops the ','
          // of its first text now, as piece() would say at its end
          first: function () {
            return m._ftb_join_first(j) === 1;
          },
          file: function (name, count, error) {
            var n = encoder.encode(name), msg = encoder.encode(error ? error.message : '');
            var at = m._ftb_input(n.length + msg.length);
            m.HEAPU8.set(n, at);
            m.HEAPU8.set(msg, at + n.length);
            return out(m._ftb_join_file(j, n.length, count, error ? 1 : 0, error && error.line ? error.line : 0,
                                        error && error.column ? error.column : 0, msg.length));
          },
          finish: function () {
            var text = out(m._ftb_join_finish(j));
            return { report: text, exitCode: m._ftb_join_exit_code(j), summary: JSON.parse(result()) };
          },
          dispose: function () {
            if (j) m._ftb_join_free(j);
            j = 0;
          }
        };
      }
    };

    var validator = { validate: validate, check: check, batch: batch, suggest: suggest, memoryBytes: memoryBytes };
    Object.defineProperty(validator, '_poolSide', { value: poolSide });
    return validator;
  }

  // The module factory: options.factory, else the global the core script defines, else (node)
  // the core next to this file.
  function coreFactory(options) {
    if (options.factory) return options.factory;
    if (typeof root.createFtblockValidatorCore === 'function') return root.createFtblockValidatorCore;
    if (IS_NODE) return require(require('path').join(__dirname, CORE_JS));
    throw new Error('ftblock: ' + CORE_JS + ' is not loaded: load it before ftblock-validator.js ' +
                    '(page: a <script> first; worker: importScripts(\'' + CORE_JS + '\', \'ftblock-validator.js\'))');
  }

  // options: base (folder or URL prefix of the .wasm), wasmUrl, locateFile(name, prefix),
  // wasmBinary (the .wasm bytes), factory (createFtblockValidatorCore), simd ('auto', the default:
  // the SIMD128 module when the engine runs it, else the scalar one; true; false). The validator's
  // `simd` says which module runs (for wasmBinary and wasmUrl: what options.simd says it is).
  function load(options) {
    return new Promise(function (resolve) {
      var o = checkOptions(options, ['base', 'wasmUrl', 'locateFile', 'wasmBinary', 'factory', 'simd'], 'load()');
      var factory = coreFactory(o);
      var simd = o.simd === undefined || o.simd === null || o.simd === 'auto' ? engineHasSimd() : o.simd;
      if (typeof simd !== 'boolean')
        throw new TypeError("ftblock: load(): simd must be 'auto', true or false, not " + String(o.simd));
      var wasmName = simd ? CORE_WASM : CORE_WASM_SCALAR;
      var base = o.base === undefined || o.base === null || o.base === '' ? null : String(o.base);
      if (base !== null && base !== '' && !/[\/\\]$/.test(base)) base += '/';
      var locate = function (name, prefix) {
        if (name === CORE_WASM) name = wasmName;  // emcc asks for the name it was built with
        if (o.locateFile) return o.locateFile(name, prefix);
        if (o.wasmUrl && /\.wasm$/.test(name)) return String(o.wasmUrl);
        if (base !== null) return base + name;
        return (prefix || '') + name;
      };
      var moduleArg = {};
      if (o.wasmBinary) {
        moduleArg.wasmBinary = toBytes(o.wasmBinary);
      } else if (IS_NODE) {  // read it ourselves: emcc 3.1.6 would try fetch() on a file path
        var path = require('path');
        moduleArg.wasmBinary = require('fs').readFileSync(locate(CORE_WASM, path.join(__dirname, path.sep)));
      } else {
        moduleArg.locateFile = locate;
      }
      resolve(factory(moduleArg).then(function (m) {
        var v = makeValidator(m);
        v.simd = simd;
        return v;
      }));
    });
  }

  // --- the worker pool (docs/validator.md#the-worker-pool) -------------------------------------
  // pool.batch(files) gives the report one batch() gives for the same files, byte for byte, from
  // Web Workers (node: worker_threads) running side by side: whole files, and JSON Lines / CSV
  // files cut at record boundaries; each worker checks a piece with its record index and line,
  // and the page joins the pieces' texts in order.

  var WORKER_JS = 'ftblock-validator-worker.js';
  var POOL_PIECE = 1 << 20;      // bytes per piece of a large file, by default
  var TOO_LARGE_LINE = PIECE + 1;  // a JSON Lines line longer than this is always a record (too_large)
  // The worker script sits next to this one: where a page's <script src> loaded it from.
  var SCRIPT_URL = typeof document !== 'undefined' && document.currentScript && document.currentScript.src
                     ? document.currentScript.src : null;

  function defaultWorkerUrl() {
    if (IS_NODE) return require('path').join(__dirname, WORKER_JS);
    if (SCRIPT_URL) return SCRIPT_URL.replace(/[^\/]*([?#].*)?$/, WORKER_JS);
    if (root.location && root.location.href) return String(root.location.href).replace(/[^\/]*([?#].*)?$/, WORKER_JS);
    return WORKER_JS;
  }

  function defaultWorkers() {
    if (IS_NODE) {
      var os = require('os');
      return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
    }
    return Math.max(1, (typeof navigator !== 'undefined' && navigator.hardwareConcurrency) || 2);
  }

  // How the reader will read the file: 'json', 'jsonl', 'csv', or null when it is not to be cut
  // (UTF-16, nothing but white space). The same decisions as the core's: the format given, else
  // the name's extension (format_from_file_name), else the first significant byte (make_reader).
  function readAs(name, format, bytes) {
    if (format === 'json' || format === 'jsonl' || format === 'csv') return format;
    if (format === 'ndjson') return 'jsonl';
    var dot = name.lastIndexOf('.'), slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    if (dot >= 0 && dot > slash) {
      var ext = name.slice(dot + 1).replace(/[A-Z]+/g, function (c) { return c.toLowerCase(); });
      if (ext === 'json') return 'json';
      if (ext === 'jsonl' || ext === 'ndjson') return 'jsonl';
      if (ext === 'csv') return 'csv';
    }
    if (bytes.length >= 2 && ((bytes[0] === 0xFF && bytes[1] === 0xFE) || (bytes[0] === 0xFE && bytes[1] === 0xFF))) return null;
    var i = hasBom(bytes) ? 3 : 0;
    while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0D || bytes[i] === 0x0A)) i++;
    if (i === bytes.length) return null;
    return bytes[i] === 0x5B ? 'json' : bytes[i] === 0x7B ? 'jsonl' : 'csv';
  }

  function hasBom(bytes) {
    return bytes.length >= 3 && bytes[0] === 0xEF && bytes[1] === 0xBB && bytes[2] === 0xBF;
  }

  // The end of the piece that starts a window (at a record boundary): the first boundary at or
  // after `size` bytes. JSON Lines: after a LF; records are the lines that are not blank (only
  // spaces, tabs, CRs) and every line too large to keep (the reader's rules). Returns { end,
  // lines, records }, or null when the window holds no such boundary and more bytes follow.
  function scanJsonLines(win, size, eof, fileStart) {
    var pos = 0, lines = 0, records = 0, len = win.length;
    while (pos < len) {
      var nl = win.indexOf(0x0A, pos);
      if (nl < 0 && !eof) return null;
      var end = nl < 0 ? len : nl;
      var i = pos === 0 && fileStart && hasBom(win) ? 3 : pos;
      while (i < end && (win[i] === 0x20 || win[i] === 0x09 || win[i] === 0x0D)) i++;
      if (i < end || end - pos > TOO_LARGE_LINE) records++;
      pos = nl < 0 ? len : nl + 1;
      if (nl >= 0) lines++;
      if (pos >= size) return { end: pos, lines: lines, records: records };
    }
    return eof ? { end: len, lines: lines, records: records } : null;
  }

  // CSV: after a row's line end (CR, LF or CRLF) outside quotes, never before the header row
  // ends (fileStart: `header` is then where it ends); lines count every line end, quoted or not.
  // A quote toggles "inside quotes": the reader's states in any file it reads without a file
  // error, and the pieces after a file error are dropped anyway.
  function scanCsv(win, size, eof, fileStart) {
    var p = 0, len = win.length, lines = 0, rows = 0, inQuotes = false, rowStart = true, header = 0;
    while (p < len) {
      var c = win[p];
      if (c === 0x0A || c === 0x0D) {
        if (c === 0x0D && p + 1 === len && !eof) return null;  // a LF may follow
        p += c === 0x0D && p + 1 < len && win[p + 1] === 0x0A ? 2 : 1;
        lines++;
        if (inQuotes) continue;
        if (!rowStart && ++rows === 1 && fileStart) header = p;
        rowStart = true;
        if ((!fileStart || rows >= 1) && p >= size) return { end: p, lines: lines, records: rows, header: header };
        continue;
      }
      if (c === 0x22) inQuotes = !inQuotes;
      rowStart = false;
      p++;
    }
    return eof ? { end: len, lines: lines, records: rows, header: header } : null;
  }

  // A file's bytes, read window by window: in memory (views, no copy), or a Blob / File (read
  // as needed: the pool then holds only the pieces in flight).
  function fileSource(data) {
    if (typeof Blob !== 'undefined' && data instanceof Blob) {
      return {
        size: data.size,
        read: function (from, to) {
          return data.slice(from, to).arrayBuffer().then(function (b) { return new Uint8Array(b); });
        }
      };
    }
    return {
      size: data.length,
      read: function (from, to) { return Promise.resolve(data.subarray(from, to)); }
    };
  }

  // One file as its pieces, in order: next() → Promise<{ whole, format, index, line, header,
  // bytes, last } | null>. The first piece is read as the start of the file (BOM, format by
  // content), as batch() reads it; a file that is not cut is one whole piece.
  function filePieces(file, size) {
    var src = file.source, total = src.size, pos = 0, line = 1, index = 0, header = null;
    var as = null, scan = null, carry = null, started = false;
    var step = file.inMemory ? Infinity : size + 65536;  // bytes read at a time from a Blob

    // The bytes [pos, pos + want), the part read before (carry) included.
    function windowOf(want) {
      var to = Math.min(total, pos + want), have = carry ? carry.length : 0;
      if (pos + have >= to) return Promise.resolve(carry.subarray(0, to - pos));
      return src.read(pos + have, to).then(function (more) {
        if (!have) return more;
        var joined = new Uint8Array(have + more.length);
        joined.set(carry, 0);
        joined.set(more, have);
        return joined;
      });
    }
    function cut(want) {
      return windowOf(want).then(function (win) {
        var eof = pos + win.length >= total;
        var found = scan(win, size, eof, pos === 0);
        if (!found) {
          carry = win;
          return cut(want * 2);  // a record longer than the window: a larger one
        }
        var piece = { whole: pos === 0, format: FORMATS[pos === 0 ? file.format : as], index: index, line: line,
                      header: header, bytes: win.subarray(0, found.end), last: pos + found.end >= total };
        if (pos === 0 && as === 'csv') header = win.slice(0, found.header);
        index += as === 'csv' && pos === 0 ? Math.max(0, found.records - 1) : found.records;
        line += found.lines;
        pos += found.end;
        carry = file.inMemory || found.end === win.length ? null : win.subarray(found.end);
        return piece;
      });
    }
    // A file that is not cut: read whole when small, else streamed to one worker in pieces of
    // `size` bytes (read(i): the i-th, null after the last).
    function wholeFile() {
      pos = total;
      var piece = { whole: true, format: FORMATS[file.format], index: 0, line: 1, header: null, last: true };
      if (total > size) {
        piece.stream = function (i) {
          return i * size >= total ? Promise.resolve(null) : src.read(i * size, Math.min(total, (i + 1) * size));
        };
        piece.streamEnd = Math.ceil(total / size);
        return Promise.resolve(piece);
      }
      return src.read(0, total).then(function (bytes) {
        piece.bytes = bytes;
        return piece;
      });
    }
    return function next() {
      if (pos >= total && started) return Promise.resolve(null);
      if (!started) {
        started = true;
        if (total <= size) return wholeFile();
        return src.read(0, Math.min(total, 65536)).then(function (head) {
          as = readAs(file.name, file.format, head);
          scan = as === 'jsonl' ? scanJsonLines : as === 'csv' ? scanCsv : null;
          return scan ? cut(Math.min(step, total)) : wholeFile();
        });
      }
      return cut(Math.min(step, total - pos));
    };
  }

  // The files of pool.batch(): [{ name, data, format }] → [{ name, source, inMemory, format }].
  function poolFiles(files, encoder) {
    if (!Array.isArray(files)) throw new TypeError('ftblock: pool.batch() takes an array of files ({ name, data, format }), not ' + typeName(files));
    return files.map(function (f, i) {
      var o = checkOptions(f, ['name', 'data', 'format'], 'files[' + i + ']');
      if (typeof o.name !== 'string') throw new TypeError('ftblock: files[' + i + '].name must be a string, not ' + typeName(o.name));
      var blob = typeof Blob !== 'undefined' && o.data instanceof Blob;
      if (typeof o.data !== 'string' && !isBytes(o.data) && !blob)
        throw new TypeError('ftblock: files[' + i + '].data must be a string, Uint8Array, ArrayBuffer or Blob, not ' + typeName(o.data));
      var format = o.format === undefined ? 'auto' : o.format;
      if (typeof format !== 'string' || !Object.prototype.hasOwnProperty.call(FORMATS, format))
        throw new TypeError('ftblock: format must be \'auto\', \'json\', \'jsonl\' or \'csv\', not ' + JSON.stringify(format));
      if (blob) return { name: o.name, source: fileSource(o.data), inMemory: false, format: format };
      // A plain Uint8Array view: its slice() copies (a node Buffer's slice() would share the bytes).
      var bytes = typeof o.data === 'string' ? encoder.encode(o.data) : toBytes(o.data);
      bytes = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      return { name: o.name, source: fileSource(bytes), inMemory: true, format: format };
    });
  }

  // A worker behind one interface: page (Worker) or node (worker_threads).
  function spawnWorker(url, onMessage, onError) {
    if (IS_NODE) {
      var w = new (require('worker_threads').Worker)(url);
      w.on('message', onMessage);
      w.on('error', onError);
      w.on('exit', function (code) { onError(new Error('ftblock: a pool worker stopped (exit code ' + code + ')')); });
      return {
        post: function (msg, transfer) { w.postMessage(msg, transfer); },
        hold: function (on) { if (on) w.ref(); else w.unref(); },
        terminate: function () { w.removeAllListeners('exit'); w.terminate(); }
      };
    }
    var bw = new Worker(url);
    bw.onmessage = function (e) { onMessage(e.data); };
    bw.onerror = function (e) {
      if (e && e.preventDefault) e.preventDefault();
      onError(new Error('ftblock: the pool worker ' + url + ' failed: ' + (e && e.message ? e.message : 'it could not be loaded')));
    };
    return {
      post: function (msg, transfer) { bw.postMessage(msg, transfer); },
      hold: function () {},
      terminate: function () { bw.terminate(); }
    };
  }

  function workersAvailable() {
    if (IS_NODE) {
      try { return typeof require('worker_threads').Worker === 'function'; } catch (e) { return false; }
    }
    return typeof Worker === 'function';
  }

  // options: workers (how many; default: the CPU count; 0: no workers), url (the worker script;
  // default: ftblock-validator-worker.js next to this script), pieceBytes (default 1 MiB),
  // inFlight (pieces sent and not yet joined; default 2 per worker), and load()'s options.
  function pool(options) {
    return new Promise(function (resolve) {
      var o = checkOptions(options, ['workers', 'url', 'pieceBytes', 'inFlight', 'base', 'wasmUrl', 'locateFile', 'wasmBinary', 'factory'], 'pool()');
      var whole = function (v, what, min) {
        if (typeof v !== 'number' || !(v >= min) || Math.floor(v) !== v || v > 1e9)
          throw new TypeError('ftblock: pool(): ' + what + ' must be a whole number from ' + min + ', not ' + String(v));
        return v;
      };
      var n = o.workers === undefined || o.workers === null ? defaultWorkers() : whole(o.workers, 'workers', 0);
      var size = o.pieceBytes === undefined || o.pieceBytes === null ? POOL_PIECE : whole(o.pieceBytes, 'pieceBytes', 1);
      var inFlight = o.inFlight === undefined || o.inFlight === null ? 2 * Math.max(n, 1) : whole(o.inFlight, 'inFlight', 1);
      var url = o.url === undefined || o.url === null ? defaultWorkerUrl() : String(o.url);
      var loadOptions = {}, workerLoad = {};
      ['base', 'wasmUrl', 'locateFile', 'wasmBinary', 'factory'].forEach(function (k) { if (o[k] !== undefined) loadOptions[k] = o[k]; });
      ['base', 'wasmUrl', 'wasmBinary'].forEach(function (k) { if (o[k] !== undefined) workerLoad[k] = o[k]; });
      resolve(load(loadOptions).then(function (v) {
        return startWorkers(n, url, workerLoad).then(function (started) {
          return makePool(v, started.workers, started.fallback, size, inFlight);
        });
      }));
    });
  }

  // Resolves { workers, fallback }: all started, or none and why (the pool then checks in this thread).
  function startWorkers(n, url, workerLoad) {
    if (n === 0) return Promise.resolve({ workers: [], fallback: 'workers: 0' });
    if (!workersAvailable()) return Promise.resolve({ workers: [], fallback: 'Web Workers are not available here' });
    return new Promise(function (resolve) {
      var workers = [], ready = 0, done = false;
      function give(fallback) {
        if (done) return;
        done = true;
        if (fallback) {
          workers.forEach(function (w) { w.terminate(); });
          resolve({ workers: [], fallback: fallback });
        } else {
          workers.forEach(function (w) { w.port.hold(false); });  // held only while a batch runs
          resolve({ workers: workers, fallback: null });
        }
      }
      try {
        for (var i = 0; i < n; i++) {
          (function () {
            var w = { handler: null, failed: null };
            w.port = spawnWorker(url, function (msg) {
              if (msg && msg.type === 'ready') {
                if (++ready === n) give(null);
              } else if (msg && msg.type === 'error' && !done) {
                give(msg.message);
              } else if (w.handler) {
                w.handler(msg);
              }
            }, function (err) {
              w.dead = true;  // the pool leaves it out from the next batch on
              if (!done) give(err.message);
              else if (w.handler) w.handler({ type: 'error', message: err.message });
            });
            w.port.post({ type: 'init', load: workerLoad });
            workers.push(w);
          })();
        }
      } catch (e) {
        give('ftblock: the pool worker ' + url + ' could not be started: ' + (e && e.message ? e.message : String(e)));
      }
    });
  }

  function makePool(v, workers, fallback, size, inFlight) {
    var encoder = new TextEncoder();
    var queue = Promise.resolve(), closed = false, batches = 0;

    // One batch with the workers; resolves as batch().finish() does, with the whole report.
    function run(files, s, onText) {
      return new Promise(function (resolve, reject) {
        var join = v._poolSide.join(s), report = '', failed = false, id = ++batches, exhausted = false, reading = false;
        var seq = 0, joined = 0, results = {}, sent = {}, idle = workers.slice();
        var fileAt = -1, next = null, fileDone = files.map(function () { return false; });
        function emit(text) {
          if (!text) return;
          if (onText) onText(text);
          else report += text;
        }
        function fail(err) {
          if (failed) return;
          failed = true;
          workers.forEach(function (w) { w.handler = null; w.port.hold(false); });
          join.dispose();
          reject(err instanceof Error ? err : new Error(String(err)));
        }
        // The next piece to send, in input order (a file after a file error in it: no more of
        // it); resolves null when every piece is sent.
        function nextPiece() {
          var piece = next && !fileDone[fileAt] ? next() : Promise.resolve(null);
          return piece.then(function (p) {
            if (p) {
              p.file = fileAt;
              return p;
            }
            if (fileAt + 1 >= files.length) {
              exhausted = true;
              return null;
            }
            next = filePieces(files[++fileAt], size);
            return nextPiece();
          });
        }
        // Sends pieces while a worker is idle and fewer than inFlight are out; one read at a time.
        function pump() {
          if (failed || reading) return;
          if (exhausted) {
            if (seq === joined) finish();
            return;
          }
          if (!idle.length || seq - joined >= inFlight) return;
          reading = true;
          nextPiece().then(function (piece) {
            reading = false;
            if (failed) return;
            if (piece) {
              var w = idle.pop(), what = {
                name: files[piece.file].name, format: piece.format, whole: piece.whole, index: piece.index,
                line: piece.line, header: piece.header ? piece.header.slice() : null
              };
              if (piece.stream) {
                sent[seq] = { file: piece.file, last: true, stream: {
                  w: w, read: piece.stream, next: 0, end: piece.streamEnd, parts: [], out: 0, started: false, chain: Promise.resolve() } };
                w.port.post({ type: 'open', batch: id, seq: seq, piece: what });
                streamMore(seq++);
              } else {
                what.bytes = piece.bytes.slice();  // a copy the worker takes over
                sent[seq] = { file: piece.file, last: piece.last };
                w.port.post({ type: 'piece', batch: id, seq: seq++, piece: what }, [what.bytes.buffer]);
              }
            }
            pump();
          }).catch(fail);
        }
        // A large file that is not cut goes to one worker in pieces, two out at a time (one
        // being checked, the next on its way); its texts wait (two at most) until it is its
        // turn to be joined.
        function streamMore(k) {
          var st = sent[k].stream;
          if (st.out >= 2 || st.next >= st.end) return;
          if (joined !== k && st.parts.length >= 2) return;  // streamMore again at its turn
          st.out++;
          var i = st.next++;
          st.chain = st.chain.then(function () { return st.read(i); }).then(function (bytes) {  // in order
            if (failed) return;
            var copy = bytes.slice();
            st.w.port.post({ type: 'feed', batch: id, seq: k, bytes: copy, end: i + 1 >= st.end }, [copy.buffer]);
          });
          st.chain.catch(fail);
          streamMore(k);
        }
        function streamText(st, text) {
          if (!text) return;
          if (!st.started) {
            st.started = true;
            if (join.first()) text = text.slice(1);
          }
          emit(text);
        }
        function onPart(msg) {
          var st = sent[msg.seq].stream;
          st.out--;
          if (joined === msg.seq) streamText(st, msg.text);
          else st.parts.push(msg.text);
          streamMore(msg.seq);
        }
        function joinReady() {  // the pieces that have come back, in order
          while (Object.prototype.hasOwnProperty.call(results, joined)) {
            var r = results[joined], t = sent[joined];
            delete results[joined];
            delete sent[joined];
            joined++;
            if (fileDone[t.file]) continue;  // after a file error: one batch() stops reading there
            if (t.stream) {
              t.stream.parts.forEach(function (text) { streamText(t.stream, text); });
              streamText(t.stream, r.text);
              join.piece(r);  // its counts (its first ',' went with its first text)
            } else {
              emit(join.piece(r) ? r.text.slice(1) : r.text);
            }
            if (r.error || t.last) {
              emit(join.file(files[t.file].name, r.count, r.error));
              fileDone[t.file] = true;
            }
          }
          var now = sent[joined];  // a file being streamed whose turn it now is
          if (now && now.stream && now.stream.parts.length) {
            now.stream.parts.forEach(function (text) { streamText(now.stream, text); });
            now.stream.parts = [];
          }
          if (now && now.stream) streamMore(joined);
        }
        function finish() {
          // Files never sent (none: every file has a first piece) need nothing; the report ends.
          var end = join.finish();
          join.dispose();
          workers.forEach(function (w) { w.handler = null; w.port.hold(false); });
          emit(end.report);
          resolve({ report: onText ? '' : report, exitCode: end.exitCode, summary: end.summary });
        }
        workers.forEach(function (w) {
          w.port.hold(true);
          w.handler = function (msg) {
            if (failed || (msg && msg.batch !== undefined && msg.batch !== id)) return;  // an earlier batch's
            if (!msg || (msg.type !== 'piece' && msg.type !== 'part'))
              return fail(new Error(msg && msg.message ? msg.message : 'ftblock: a pool worker failed'));
            try {
              if (msg.type === 'part') return onPart(msg);
              results[msg.seq] = msg;
              idle.push(w);
              joinReady();
              pump();
            } catch (e) {
              fail(e);
            }
          };
          w.port.post({ type: 'batch', batch: id, settings: s });
        });
        emit(join.opening);
        pump();
      });
    }

    // In this thread, when there are no workers: batch() itself, a Blob read 1 MiB at a time.
    function runHere(files, s, onText, options) {
      var b = v.batch({ lang: options.lang, today: options.today, previous: options.previous, report: options.report });
      var text = '';
      var emit = function (t) { if (onText) { if (t) onText(t); } else text += t; };
      var f = -1, at = 0;
      function step() {
        if (f < 0 || at >= files[f].source.size) {
          if (++f >= files.length) {
            var r = b.finish();
            emit(r.report);
            r.report = onText ? '' : text;
            return Promise.resolve(r);
          }
          at = 0;
          emit(b.begin(files[f].name, { format: files[f].format }));
          if (!files[f].source.size) return step();
        }
        var src = files[f].source, to = Math.min(src.size, at + PIECE);
        return src.read(at, to).then(function (bytes) {
          at = to;
          emit(b.push(bytes));
          return step();
        });
      }
      return step().then(function (r) {
        b.dispose();
        return r;
      }, function (e) {
        b.dispose();
        throw e;
      });
    }

    var handle = {
      workers: workers.length,     // 0: every batch runs in this thread
      fallback: fallback,          // why there are no workers, or null
      // files: [{ name, data: string | Uint8Array | ArrayBuffer, format }]; options: batch()'s,
      // and onText(text): the report in order, piece by piece, instead of in the result.
      // → Promise<{ report, exitCode, summary }>: what one batch() over the files gives.
      batch: function (files, options) {
        var job = queue.then(function () {
          if (closed) throw new Error('ftblock: this pool is terminated');
          var s = v._poolSide.settings(options, 'pool.batch()');
          var onText = options && options.onText;
          if (onText !== undefined && typeof onText !== 'function')
            throw new TypeError('ftblock: pool.batch(): onText must be a function, not ' + typeName(onText));
          var list = poolFiles(files, encoder);
          workers = workers.filter(function (w) { return !w.dead; });
          if (!workers.length && !handle.fallback) handle.fallback = 'every worker has stopped';
          handle.workers = workers.length;
          return workers.length ? run(list, s, onText) : runHere(list, s, onText, options || {});
        });
        queue = job.catch(function () {});
        return job;
      },
      // Stops the workers; a batch under way is rejected.
      terminate: function () {
        closed = true;
        workers.forEach(function (w) {
          if (w.handler) w.handler({ type: 'error', message: 'ftblock: this pool is terminated' });
          w.port.terminate();
        });
        workers = [];
      },
      validator: v                 // the pool's own instance in this thread (it joins the reports)
    };
    return handle;
  }

  return { load: load, pool: pool };
});
