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

    return { validate: validate, check: check, batch: batch, suggest: suggest, memoryBytes: memoryBytes };
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

  return { load: load };
});
