// Part 10 — ftblock.mount(element, options): the form in an element of the page. Loads
// ftblock.js (the module's loader) on first use and fetches ftblock.wasm from ftblock.baseUrl
// (no fonts: the form draws with the browser's own, docs/fonts.md). Returns the form's handle (docs/embedding.md). Each mount is its own module
// instance, so a page may hold several forms.
(function (global) {
  'use strict';

  var ftblock = global.ftblock;

  var TEXT = {
    en: {
      label: 'FastTrack Blocked status form',
      failed: 'The form could not start.',
      hint: 'This browser, or this page\'s security policy, does not allow WebAssembly or WebGL 2, ' +
            'which the form needs. Try a current Chrome, Edge or Firefox, or ask the page\'s owner.',
      badOptions: 'The page gave the form something it cannot use. Ask the page\'s owner.'
    },
    'zh-CN': {
      label: 'FastTrack 受阻状态表单',
      failed: '表单无法启动。',
      hint: '此浏览器或此页面的安全策略不允许 WebAssembly 或 WebGL 2，而表单需要它们。' +
            '请使用最新的 Chrome、Edge 或 Firefox，或联系页面的负责人。',
      badOptions: '页面提供给表单的数据无法使用。请联系页面的负责人。'
    }
  };

  function mark(name) {
    if (global.performance && performance.mark) performance.mark(name);
  }

  function clearStatus(container) {
    var old = container.querySelectorAll('[data-ftblock-status]');
    for (var i = 0; i < old.length; i++) old[i].parentNode.removeChild(old[i]);
  }

  // A readable message where the form would be (docs/bad-inputs.md#item-36: never a blank canvas).
  // kind: 'start' (the browser cannot run it) or 'options' (the page's options are unusable).
  function showError(container, reason, kind) {
    clearStatus(container);
    var box = document.createElement('div');
    box.className = 'ftblock-message ftblock-error';
    box.setAttribute('data-ftblock-status', '');
    box.setAttribute('role', 'alert');
    ['en', 'zh-CN'].forEach(function (lang) {
      var p = document.createElement('p');
      p.lang = lang;
      p.textContent = TEXT[lang].failed + ' ' + (kind === 'options' ? TEXT[lang].badOptions : TEXT[lang].hint);
      box.appendChild(p);
    });
    var detail = document.createElement('p');
    detail.className = 'ftblock-detail';
    detail.textContent = String(reason && reason.message ? reason.message : reason);
    box.appendChild(detail);
    container.appendChild(box);
  }

  // A record (object) or JSON text → JSON text; throws an Error saying why not.
  function recordText(value, what) {
    if (typeof value === 'string') return value;
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      throw new TypeError('ftblock: ' + what + ' must be a record object or its JSON text');
    try {
      return JSON.stringify(value);
    } catch (err) {  // a cycle, a BigInt, or nesting deep enough to overflow the stack
      throw new TypeError('ftblock: ' + what + ' cannot be written as JSON: ' + err.message);
    }
  }

  function previousText(list) {
    if (!Array.isArray(list)) throw new TypeError('ftblock: options.previous must be an array of records');
    return '[' + list.map(function (r, i) { return recordText(r, 'options.previous[' + i + ']'); }).join(',') + ']';
  }

  var EVENTS = ['change', 'valid', 'submit', 'language', 'saved'];
  var mounted = typeof WeakSet === 'function' ? new WeakSet() : null;  // elements holding a form

  function mount(container, options) {
    if (!container || container.nodeType !== 1) throw new TypeError('ftblock.mount: the first argument must be an element');
    if (mounted && mounted.has(container)) throw new Error('ftblock.mount: this element already holds a form (destroy() it first)');
    options = options || {};
    var lang = ftblock.normalizeLanguage(options.lang || ftblock.browserLanguage());
    if (!lang) throw new TypeError('ftblock.mount: unknown language ' + options.lang + " (use 'en' or 'zh-CN')");
    var module = null;
    var failed = null;
    var destroyed = false;
    var canvas = null;
    var mirror = null;  // the semantic mirror (part 12), next to the canvas
    var live = null;    // the live region
    var lastValid = null;
    var opened = null;  // the drafts store, until the module takes it

    function api() {
      if (destroyed) throw new Error('ftblock: this form was destroyed');
      if (!module) throw new Error(failed ? 'ftblock: the form failed to start: ' + failed : 'ftblock: not ready yet (await handle.ready)');
      return module.ftblock;
    }
    function removeForm() {
      if (mirror) mirror.destroy();
      mirror = null;
      [canvas, live].forEach(function (el) { if (el && el.parentNode) el.parentNode.removeChild(el); });
    }
    function parsed(text) { return text == null ? null : JSON.parse(text); }

    // Events leave the frame first (a microtask): a listener may call any method, even destroy().
    function emit(name, detail) {
      Promise.resolve().then(function () {
        if (destroyed) return;
        container.dispatchEvent(new CustomEvent('ftblock:' + name, { detail: detail }));
        var callback = options['on' + name.charAt(0).toUpperCase() + name.slice(1)];
        if (typeof callback === 'function') callback.call(handle, detail);
      });
    }
    function verdict() {
      return { valid: api().currentValid(), diagnostics: parsed(api().diagnosticsJson()) };
    }
    function noteValidity(record) {
      var valid = api().currentValid();
      if (lastValid !== null && valid !== lastValid) emit('valid', { valid: valid, record: record || handle.getRecord() });
      lastValid = valid;
      return valid;
    }
    function onModuleEvent(name, detail) {
      if (destroyed || !module) return;
      if (name === 'language') {
        lang = detail.lang;
        emit('language', detail);
      } else if (name === 'change') {
        var record = handle.getRecord();
        var v = verdict();
        emit('change', { record: record, valid: v.valid, diagnostics: v.diagnostics });
        noteValidity(record);
      } else if (name === 'submit') {
        emit('submit', detail);
      } else if (name === 'saved') {
        emit('saved', detail);
      }
    }

    var handle = {
      ready: null,
      element: container,
      getRecord: function () { return parsed(api().currentJson()); },
      setRecord: function (value) {
        var error = api().setRecord(recordText(value, 'the record'));
        if (error) throw new Error('ftblock: setRecord: ' + error);
        noteValidity();
        return verdict();
      },
      validate: function () { return verdict(); },
      getLanguage: function () { return module ? api().language() : lang; },
      setLanguage: function (tag) {
        var l = ftblock.normalizeLanguage(tag);
        if (!l || !api().setLanguage(l)) throw new Error('ftblock: unknown language ' + tag + " (use 'en' or 'zh-CN')");
      },
      isReadOnly: function () { return api().readOnly(); },
      setReadOnly: function (flag) { api().setReadOnly(!!flag); },
      destroy: function () {
        if (destroyed) return;
        if (mounted) mounted.delete(container);
        if (module) module.ftblock.destroy();
        if (opened) opened.close();
        opened = null;
        destroyed = true;
        module = null;
        removeForm();
        clearStatus(container);
      },
      // For the page's own UI and tests: every draft, the current diagnostics, widget rectangles
      // by name in the page's CSS pixels relative to the viewport ({ name: { x, y, width, height } }),
      // frames drawn so far.
      getDrafts: function () { return parsed(api().draftsJson()); },
      getCurrentRecord: function () { return handle.getRecord(); },
      getDiagnostics: function () { return parsed(api().diagnosticsJson()); },
      itemRects: function () {
        var raw = parsed(api().itemRectsJson()) || {};
        var origin = canvas.getBoundingClientRect();
        var out = {};
        Object.keys(raw).forEach(function (name) {
          var r = raw[name];
          out[name] = { x: origin.left + r[0], y: origin.top + r[1], width: r[2], height: r[3] };
        });
        return out;
      },
      framesRendered: function () { return module ? api().framesRendered() : 0; },
      // The semantic mirror's last tree (docs/accessibility.md), as the module sent it.
      a11yTree: function () { return mirror ? mirror.tree : null; },
      // The glyph atlas (docs/fonts.md: font stacks, text size, glyphs, time spent) and each frame
      // drawn since the last call: [{ ms, glyphs }] (glyphs: new characters drawn for it).
      fontStats: function () { return api().fontStats(); },
      frameTimes: function () { return api().frameTimes(); }
    };

    if (mounted) mounted.add(container);
    // The live region (docs/accessibility.md): there from the start, so that what the form says
    // later is announced (a region created on demand often is not).
    live = document.createElement('div');
    live.className = 'ftblock-live';
    live.setAttribute('role', 'status');
    live.setAttribute('aria-live', 'polite');
    live.setAttribute('aria-atomic', 'true');
    live.lang = lang;
    Object.assign(live.style, { position: 'absolute', left: '0', top: '0', width: '1px', height: '1px',
                                margin: '-1px', padding: '0', border: '0', overflow: 'hidden',
                                clip: 'rect(0 0 0 0)', clipPath: 'inset(50%)', whiteSpace: 'nowrap' });
    container.insertBefore(live, container.firstChild);
    handle.ready = new Promise(function (resolve, reject) {
      function fail(reason, kind) {
        failed = String(reason && reason.message ? reason.message : reason);
        if (opened) opened.close();
        opened = null;
        if (mounted) mounted.delete(container);  // a failed form leaves the element free
        if (module) {
          module.ftblock.destroy();
          module = null;
        }
        removeForm();
        if (!destroyed) showError(container, reason, kind);
        reject(reason instanceof Error ? reason : new Error(failed));
      }
      try {
        // The page's options first: a bad one is the page's mistake, said before any download.
        var initial = options.record != null ? recordText(options.record, 'options.record') : null;
        var previous = options.previous != null ? previousText(options.previous) : null;
        if (options.storageKey != null && (typeof options.storageKey !== 'string' || !options.storageKey))
          throw new TypeError('ftblock: options.storageKey must be a non-empty string');
      } catch (err) {
        fail(err, 'options');
        return;
      }
      try {
        if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function')
          throw new Error('WebAssembly is not available');

        // The container positions the canvas and the text-input bridge; set through the CSSOM
        // so that it holds on pages without ftblock.css and under a strict CSP.
        if (getComputedStyle(container).position === 'static') container.style.position = 'relative';
        canvas = document.createElement('canvas');
        canvas.className = 'ftblock-canvas';
        // The drawing is a picture: assistive technology and the Tab key get the semantic mirror
        // (part 12, docs/accessibility.md). A click still focuses it.
        canvas.tabIndex = -1;
        canvas.setAttribute('aria-hidden', 'true');
        // touch-action none: a finger dragged over the form scrolls the form (web/platform/input.cpp).
        Object.assign(canvas.style, { position: 'absolute', left: '0', top: '0', width: '100%', height: '100%',
                                      display: 'block', touchAction: 'none' });
        container.appendChild(canvas);
        // The WebGL 2 context now, while ftblock.wasm compiles: creating it is one of the larger
        // costs before the first frame. The module's own request (web/platform/webgl.cpp, the
        // same attributes) then gets this context back.
        try {
          canvas.getContext('webgl2', { alpha: false, depth: false, stencil: false, antialias: false,
                                        premultipliedAlpha: true, preserveDrawingBuffer: false,
                                        failIfMajorPerformanceCaveat: false });
        } catch (ignored) { /* the module asks again and says why the form cannot start */ }
        mirror = new ftblock.Mirror(container, canvas, { live: live, labels: { en: TEXT.en.label, 'zh-CN': TEXT['zh-CN'].label } });

        // Drafts mode: the drafts store opens while the rest downloads (docs/storage.md). The
        // form does not wait for it: when it is not open by the time the module is ready, the
        // form starts with a blank draft and takes the stored drafts when it is.
        var storeSettled = !options.drafts;
        var store = options.drafts
          ? ftblock.openDraftStore(options.storageKey || 'ftblock.drafts').then(function (s) {
            mark('ftblock:store-open');
            storeSettled = true;
            if (destroyed || failed) s.close();
            else opened = s;
            return s;
          })
          : Promise.resolve(null);
        var aborted = null;
        var instance = ftblock.loadScript('ftblock.js', 'createFtblockModule').then(function () {
          var created = global.createFtblockModule({
            canvas: canvas,
            locateFile: function (path) { return ftblock.baseUrl + path; },
            onAbort: function (what) { aborted = what; },
            onFtblockEvent: onModuleEvent,
            ftblockMirror: mirror,  // part 12: the module keeps it in step (web/platform/a11y.cpp)
            ftblockFonts: ftblock.fonts  // part 05: the font stacks the glyphs are drawn with
          });
          ftblock.fonts.warm();  // while ftblock.wasm compiles
          return created;
        }).then(function (m) {
          mark('ftblock:wasm-ready');
          // What does not need the drafts (GL, glyph atlas, playbook) while the store still opens.
          if (!destroyed && !failed) {
            var problem = m.ftblock.prepare(canvas);
            if (problem) throw new Error(problem);
            mark('ftblock:prepared');
          }
          return m;
        });

        instance.then(function (m) {
          if (destroyed) {
            m.ftblock.destroy();  // frees what prepare() made
            throw new Error('ftblock: the form was destroyed before it started');
          }
          var pending = !storeSettled;
          var problem = m.ftblock.start(canvas, lang, {
            drafts: !!options.drafts, storageKey: options.storageKey, readOnly: !!options.readOnly,
            submitLabel: options.submitLabel, store: pending ? null : opened, storePending: pending
          });
          opened = null;  // the module has it now, and closes it in destroy()
          if (problem) throw new Error(problem);
          module = m;
          // The drafts, once the store has opened (at once when it already had).
          var drafted = !pending ? Promise.resolve() : store.then(function (s) {
            if (destroyed || module !== m) return;
            opened = null;
            var before = m.ftblock.framesRendered();
            m.ftblock.storeOpened(s);
            // In once a frame has drawn them (their rows, the widgets' places, the mirror's tree).
            return new Promise(function (drawn) {
              (function tick() {
                if (destroyed || module !== m || m.ftblock.framesRendered() > before) drawn();
                else requestAnimationFrame(tick);
              })();
            }).then(function () { if (!destroyed) mark('ftblock:drafts'); });
          }).catch(function (err) { fail(aborted ? new Error(String(aborted)) : err, 'start'); });
          var bad = previous ? m.ftblock.setPrevious(previous) : '';
          if (bad) bad = 'options.previous: ' + bad;
          else if (initial && (bad = m.ftblock.setRecord(initial))) bad = 'options.record: ' + bad;
          if (bad) {
            fail(new Error('ftblock: ' + bad), 'options');
            return;
          }
          lastValid = m.ftblock.currentValid();
          mark('ftblock:first-frame');
          clearStatus(container);
          // Ready once the semantic mirror has its controls too (just after the first frame is
          // shown), so that assistive technology and the Tab key find the form from then on, and
          // the stored drafts are in.
          mirror.shown(function () {
            if (!destroyed) mark('ftblock:mirror');
            drafted.then(function () { resolve(handle); });
          });
        }).catch(function (err) { fail(aborted ? new Error(String(aborted)) : err, 'start'); });
      } catch (err) {
        fail(err, 'start');
      }
    });
    return handle;
  }

  ftblock.mount = mount;
  ftblock.events = EVENTS.slice();
})(window);
