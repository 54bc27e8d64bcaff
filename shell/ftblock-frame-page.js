// ftblock-frame-page.js — the page inside an <iframe> (embed.html): reads its settings from the
// URL fragment (#origins=…&lang=…&readOnly=1), mounts the form (one record, not stored) and
// serves the postMessage protocol of docs/iframe-protocol.md. Security rules, each one place:
//   - a message counts only if it comes from window.parent AND its origin is in the allow-list;
//     anything else gets no answer at all and changes nothing (docs/bad-inputs.md#item-34);
//   - a counted message is measured (size, depth: iteratively, bounded) before it is read, and a
//     malformed one gets an error reply (docs/bad-inputs.md#item-35);
//   - every postMessage goes to window.parent with a targetOrigin from the allow-list, never '*'.
// window.ftblockFrame exposes this page's state for tests and debugging (same origin only).
(function () {
  'use strict';

  var PROTOCOL = 1;
  var MAX_DEPTH = 64;              // levels of objects/arrays in one message (the message is 1)
  var MAX_UNITS = 2 * 1024 * 1024; // a message's size: string lengths + 8 per value and key
  var MAX_HELD = 100;              // events kept while the host's origin is not known yet
  var MAX_ID = 256;                // characters of a string id

  var ftblock = window.ftblock;
  var container = document.getElementById('ftblock-form');
  var host = window.parent;        // the only window this page listens to and talks to

  var TEXT = {
    en: {
      badList: 'This form cannot start: the address that embeds it must list the host pages allowed to use it.',
      badListHint: 'Put the exact origins after # in the frame\'s address, for example embed.html#origins=https://intranet.example',
      noEmbed: 'The form could not load (ftblock-embed.js is missing).'
    },
    'zh-CN': {
      badList: '表单无法启动：嵌入它的地址必须列出允许使用它的宿主页面。',
      badListHint: '请在框架地址的 # 之后写出确切的来源，例如 embed.html#origins=https://intranet.example',
      noEmbed: '表单无法加载（缺少 ftblock-embed.js）。'
    }
  };

  // A bilingual message in place of the form; `detail` is { en, zh } or null.
  function showMessage(key, hintKey, detail) {
    var old = container.querySelectorAll('[data-ftblock-status]');
    for (var i = 0; i < old.length; i++) old[i].parentNode.removeChild(old[i]);
    var box = document.createElement('div');
    box.className = 'ftblock-message ftblock-error';
    box.setAttribute('data-ftblock-status', '');
    box.setAttribute('role', 'alert');
    ['en', 'zh-CN'].forEach(function (lang) {
      var p = document.createElement('p');
      p.lang = lang;
      p.textContent = TEXT[lang][key] + (hintKey ? ' ' + TEXT[lang][hintKey] : '');
      box.appendChild(p);
    });
    if (detail) {
      var d = document.createElement('p');
      d.className = 'ftblock-detail';
      d.textContent = detail.en + ' / ' + detail.zh;
      box.appendChild(d);
    }
    container.appendChild(box);
  }

  // The settings from the fragment (never sent to any server, so the list stays out of logs).
  // Returns { origins, lang, readOnly } or { problem: { en, zh } }.
  function readSettings() {
    if (/(^|[?&])origins=/.test(location.search))
      return { problem: { en: 'the parameters are in the query (?origins=…); put them after # (#origins=…)',
                          zh: '参数写在了查询部分（?origins=…）；请写在 # 之后（#origins=…）' } };
    var params = new URLSearchParams(location.hash.replace(/^#/, ''));
    var list = params.get('origins');
    if (list === null || list.trim() === '')
      return { problem: { en: 'no origins given', zh: '没有给出来源' } };
    var origins = list.split(',').map(function (s) { return s.trim(); });
    for (var i = 0; i < origins.length; i++) {
      var problem = ftblock.checkOrigin(origins[i]);
      if (problem) return { problem: { en: 'origins: ' + problem.en, zh: '来源列表：' + problem.zh } };
    }
    var readOnly = params.get('readOnly');
    return {
      origins: origins,
      lang: ftblock.normalizeLanguage(params.get('lang')) || ftblock.browserLanguage(),
      readOnly: readOnly === '1' || readOnly === 'true'
    };
  }

  if (!ftblock || typeof ftblock.mount !== 'function' || typeof ftblock.checkOrigin !== 'function') {
    showMessage('noEmbed', null, null);
    return;
  }
  var settings = readSettings();
  if (settings.problem) {
    // Nobody to tell: without a valid list there is no origin this page may post to.
    showMessage('badList', 'badListHint', settings.problem);
    window.ftblockFrame = { origins: [], problem: settings.problem.en };
    return;
  }
  document.documentElement.lang = settings.lang;

  var origins = settings.origins;
  function allowed(origin) { return origins.indexOf(origin) !== -1; }

  // The origin events go to: the parent's origin as the browser reports it (Chromium, Safari),
  // else the origin of the first accepted message (then events wait in `held` until it comes).
  var target = null;
  var ancestors = location.ancestorOrigins;
  if (ancestors && ancestors.length && allowed(ancestors[0])) target = ancestors[0];
  var held = [];

  // The one place this page posts a message.
  function send(message, targetOrigin) {
    if (!allowed(targetOrigin)) return;  // cannot happen; kept so that no change here can leak
    host.postMessage(message, targetOrigin);
  }

  function emit(type, fields) {
    var message = { ftblock: PROTOCOL, type: type };
    for (var k in fields) if (Object.prototype.hasOwnProperty.call(fields, k)) message[k] = fields[k];
    if (target) { send(message, target); return; }
    held.push(message);
    if (held.length > MAX_HELD) held.shift();
  }

  function reply(id, result) { return { ftblock: PROTOCOL, type: 'reply', id: id, ok: true, result: result === undefined ? null : result }; }
  function refusal(id, code, message, extra) {
    var error = { code: code, message: message };
    for (var k in extra) if (Object.prototype.hasOwnProperty.call(extra, k)) error[k] = extra[k];
    return { ftblock: PROTOCOL, type: 'reply', id: id, ok: false, error: error };
  }
  function Refusal(code, message) { this.code = code; this.message = message; }

  function isPlainObject(v) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
    var proto = Object.getPrototypeOf(v);
    return proto === Object.prototype || proto === null;
  }

  // Measures a received value without recursion and with bounded work: every value and key is
  // charged 8 units, strings their length, an array its length × 8 before its items are
  // visited (so a sparse array of length 2^32 costs nothing to refuse). Shared references and
  // cycles (structured clone keeps both) are charged each time they are reached, so the walk
  // ends: at MAX_UNITS, or when it goes deeper than MAX_DEPTH. null, or the refusal.
  function measure(root) {
    var stack = [root, 1];
    var units = 8;
    while (stack.length) {
      var depth = stack.pop();
      var v = stack.pop();
      if (typeof v === 'string') units += v.length;
      else if (v === null || v === undefined || typeof v === 'boolean' || typeof v === 'number') { /* fixed cost */ }
      else if (typeof v === 'object' && (Array.isArray(v) || isPlainObject(v))) {
        if (depth > MAX_DEPTH) return new Refusal('too_deep', 'the message is nested deeper than ' + MAX_DEPTH + ' levels');
        if (Array.isArray(v)) units += v.length * 8;
        if (units > MAX_UNITS) break;
        var keys = Object.keys(v);
        for (var i = 0; i < keys.length; i++) {
          units += 8 + keys[i].length;
          if (units > MAX_UNITS) break;
          stack.push(v[keys[i]], depth + 1);
        }
      } else {
        return new Refusal('bad_message', 'a message holds only JSON values (objects, arrays, strings, numbers, booleans, null), not ' +
          (v === null ? 'null' : Object.prototype.toString.call(v)));
      }
      if (units > MAX_UNITS) break;
    }
    if (units > MAX_UNITS) return new Refusal('too_large', 'the message is larger than ' + MAX_UNITS + ' units (about 2 MiB of text)');
    return null;
  }

  // The request's id if it has a usable one (read before anything else, so that even a refused
  // message's reply can be matched): a string of at most MAX_ID characters or a finite number.
  function idOf(data) {
    if (!isPlainObject(data)) return null;
    var id = data.id;
    if (typeof id === 'string' && id.length <= MAX_ID) return id;
    if (typeof id === 'number' && isFinite(id)) return id;
    return null;
  }

  var form = null;        // the mount handle, once its first frame is drawn
  var failure = null;     // why the form cannot run, once known

  function needForm() {
    if (failure) throw new Refusal('form_failed', 'the form could not start: ' + failure);
    if (!form) throw new Refusal('not_ready', 'the form is still loading; wait for the ready event');
    return form;
  }

  var HANDLERS = Object.create(null);
  HANDLERS.ping = function () {
    return { protocol: PROTOCOL, version: ftblock.version, ready: !!form, failed: failure };
  };
  HANDLERS.getRecord = function () { return needForm().getRecord(); };
  HANDLERS.validate = function () { return needForm().validate(); };
  HANDLERS.setRecord = function (m) {
    var f = needForm();
    if (!('record' in m)) throw new Refusal('bad_message', 'setRecord needs "record" (an object or JSON text)');
    try {
      return f.setRecord(m.record);
    } catch (err) {
      throw new Refusal('bad_record', String(err && err.message ? err.message : err));
    }
  };
  HANDLERS.setLanguage = function (m) {
    var f = needForm();
    var lang = ftblock.normalizeLanguage(m.lang);
    if (!lang) throw new Refusal('bad_language', 'unknown language ' + JSON.stringify(String(m.lang)) + " (use 'en' or 'zh-CN')");
    f.setLanguage(lang);
    return { lang: f.getLanguage() };
  };
  HANDLERS.setReadOnly = function (m) {
    var f = needForm();
    if (typeof m.readOnly !== 'boolean') throw new Refusal('bad_message', 'setReadOnly needs "readOnly": true or false');
    f.setReadOnly(m.readOnly);
    return { readOnly: m.readOnly };
  };

  // The reply to one message from the host (already known to be from an allowed origin).
  function answer(data) {
    var id = idOf(data);
    var problem = measure(data);
    if (problem) return refusal(id, problem.code, problem.message);
    if (!isPlainObject(data))
      return refusal(id, 'bad_message', 'a message is an object { ftblock: 1, type, … }');
    if (!('ftblock' in data))
      return refusal(id, 'bad_message', 'not an ftblock message: it has no "ftblock" (protocol version) field');
    if (data.ftblock !== PROTOCOL)
      return refusal(id, 'unsupported_version', 'protocol version ' + JSON.stringify(data.ftblock) + ' is not supported; this frame speaks ' + PROTOCOL,
                     { supported: [PROTOCOL] });
    if (typeof data.type !== 'string' || data.type === '')
      return refusal(id, 'bad_message', 'the message has no "type"');
    if ('id' in data && data.id !== undefined && id === null)
      return refusal(null, 'bad_message', '"id" must be a string of at most ' + MAX_ID + ' characters or a finite number');
    if (!Object.prototype.hasOwnProperty.call(HANDLERS, data.type))
      return refusal(id, 'unknown_type', 'unknown message type ' + JSON.stringify(data.type.slice(0, 64)) + '; known: ' + Object.keys(HANDLERS).join(', '));
    try {
      return reply(id, HANDLERS[data.type](data));
    } catch (err) {
      if (err instanceof Refusal) return refusal(id, err.code, err.message);
      return refusal(id, 'internal', String(err && err.message ? err.message : err));
    }
  }

  // docs/bad-inputs.md#item-34: not the parent, or not an allowed origin → not a word, nothing changes.
  function accepted(event) {
    if (event.source !== host || host === window || !allowed(event.origin)) return false;
    if (!target) {
      target = event.origin;
      var queued = held;
      held = [];
      queued.forEach(function (m) { send(m, target); });
    }
    return true;
  }

  window.addEventListener('message', function (event) {
    if (!accepted(event)) return;
    send(answer(event.data), event.origin);
  });
  // A message the browser could not deserialize (e.g. a SharedArrayBuffer): malformed.
  window.addEventListener('messageerror', function (event) {
    if (!accepted(event)) return;
    send(refusal(null, 'bad_message', 'the message could not be deserialized'), event.origin);
  });

  var handle = ftblock.mount(container, {
    lang: settings.lang,
    readOnly: settings.readOnly,
    drafts: false,   // one record, never stored: a page framing this cannot read anyone's drafts
    onChange: function (d) { emit('change', { record: d.record, valid: d.valid, diagnostics: d.diagnostics }); },
    onValid: function (d) { emit('valid', { valid: d.valid, record: d.record }); },
    onSubmit: function (d) { emit('submit', { record: d.record }); },
    onLanguage: function (d) {
      document.documentElement.lang = d.lang;
      emit('language', { lang: d.lang });
    }
  });
  window.ftblockFrame = { form: handle, origins: origins.slice(), hostOrigin: function () { return target; } };

  handle.ready.then(function () {
    form = handle;
    var state = handle.validate();
    emit('ready', { protocol: PROTOCOL, version: ftblock.version, lang: handle.getLanguage(), readOnly: settings.readOnly,
                    record: handle.getRecord(), valid: state.valid });
  }, function (err) {
    // docs/bad-inputs.md#item-36: mount shows the reason in place of the form; the host hears it too.
    failure = String(err && err.message ? err.message : err);
    emit('error', { code: 'form_failed', message: 'the form could not start: ' + failure });
  });
})();
