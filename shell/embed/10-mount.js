// Part 10 — ftblock.mount(element, options): the form in an element of the page. Loads
// ftblock.js (the module's loader) on first use and fetches ftblock.wasm and the fonts from
// ftblock.baseUrl. Returns the form's handle (docs/embedding.md). Each mount is its own module
// instance, so a page may hold several forms.
(function (global) {
  'use strict';

  var ftblock = global.ftblock;

  var TEXT = {
    en: {
      label: 'FastTrack Blocked status form',
      failed: 'The form could not start.',
      hint: 'This browser, or this page\'s security policy, does not allow WebAssembly or WebGL 2, ' +
            'which the form needs. Try a current Chrome, Edge or Firefox, or ask the page\'s owner.'
    },
    'zh-CN': {
      label: 'FastTrack 受阻状态表单',
      failed: '表单无法启动。',
      hint: '此浏览器或此页面的安全策略不允许 WebAssembly 或 WebGL 2，而表单需要它们。' +
            '请使用最新的 Chrome、Edge 或 Firefox，或联系页面的负责人。'
    }
  };

  function fetchBytes(url) {
    return fetch(url, { credentials: 'same-origin' }).then(function (r) {
      if (!r.ok) throw new Error(url + ': HTTP ' + r.status);
      return r.arrayBuffer();
    });
  }

  function mark(name) {
    if (global.performance && performance.mark) performance.mark(name);
  }

  function clearStatus(container) {
    var old = container.querySelectorAll('[data-ftblock-status]');
    for (var i = 0; i < old.length; i++) old[i].parentNode.removeChild(old[i]);
  }

  // A readable message where the form would be (BAD_INPUTS 36: never a blank canvas).
  function showError(container, reason) {
    clearStatus(container);
    var box = document.createElement('div');
    box.className = 'ftblock-message ftblock-error';
    box.setAttribute('data-ftblock-status', '');
    box.setAttribute('role', 'alert');
    ['en', 'zh-CN'].forEach(function (lang) {
      var p = document.createElement('p');
      p.lang = lang;
      p.textContent = TEXT[lang].failed + ' ' + TEXT[lang].hint;
      box.appendChild(p);
    });
    var detail = document.createElement('p');
    detail.className = 'ftblock-detail';
    detail.textContent = String(reason && reason.message ? reason.message : reason);
    box.appendChild(detail);
    container.appendChild(box);
  }

  function mount(container, options) {
    options = options || {};
    var lang = options.lang || ftblock.browserLanguage();
    var module = null;
    var failed = null;
    var canvas = null;

    function api() {
      if (!module) throw new Error(failed ? 'ftblock: the form failed to start: ' + failed : 'ftblock: not ready yet (await ftblock.ready)');
      return module.ftblock;
    }
    function parsed(text) { return text == null ? null : JSON.parse(text); }

    var handle = {
      ready: null,
      getDrafts: function () { return parsed(api().draftsJson()); },
      getCurrentRecord: function () { return parsed(api().currentJson()); },
      getDiagnostics: function () { return parsed(api().diagnosticsJson()); },
      getLanguage: function () { return module ? api().language() : lang; },
      setLanguage: function (tag) {
        if (!api().setLanguage(tag)) throw new Error('ftblock: unknown language ' + tag + " (use 'en' or 'zh-CN')");
      },
      // Widget rectangles by name, in the page's CSS pixels relative to the viewport (what
      // mouse events and test drivers use): { name: { x, y, width, height } }.
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
      element: container
    };

    handle.ready = new Promise(function (resolve, reject) {
      function fail(reason) {
        failed = String(reason && reason.message ? reason.message : reason);
        if (canvas && canvas.parentNode) canvas.parentNode.removeChild(canvas);
        showError(container, reason);
        reject(reason instanceof Error ? reason : new Error(failed));
      }
      try {
        if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function')
          throw new Error('WebAssembly is not available');

        // The container positions the canvas and the text-input bridge; set through the CSSOM
        // so that it holds on pages without ftblock.css and under a strict CSP.
        if (getComputedStyle(container).position === 'static') container.style.position = 'relative';
        canvas = document.createElement('canvas');
        canvas.className = 'ftblock-canvas';
        canvas.tabIndex = 0;
        canvas.setAttribute('role', 'application');
        canvas.setAttribute('aria-label', TEXT[lang] ? TEXT[lang].label : TEXT.en.label);
        Object.assign(canvas.style, { position: 'absolute', left: '0', top: '0', width: '100%', height: '100%', display: 'block' });
        container.appendChild(canvas);

        var fonts = Promise.all([fetchBytes(ftblock.baseUrl + 'fonts/ftblock-latin.ttf'), fetchBytes(ftblock.baseUrl + 'fonts/ftblock-cjk.ttf')])
          .then(function (f) { mark('ftblock:fonts-loaded'); return f; });
        var aborted = null;
        var instance = ftblock.loadScript('ftblock.js', 'createFtblockModule').then(function () {
          return global.createFtblockModule({
          canvas: canvas,
          locateFile: function (path) { return ftblock.baseUrl + path; },
          onAbort: function (what) { aborted = what; },
          onFtblockEvent: function (name, detail) {
            if (name === 'language') lang = detail.lang;
            container.dispatchEvent(new CustomEvent('ftblock:' + name, { detail: detail }));
          }
        });
        }).then(function (m) { mark('ftblock:wasm-ready'); return m; });

        Promise.all([instance, fonts]).then(function (both) {
          var m = both[0], f = both[1];
          var problem = m.ftblock.start(canvas, f[0], f[1], lang);
          if (problem) throw new Error(problem);
          module = m;
          mark('ftblock:first-frame');
          clearStatus(container);
          resolve(handle);
        }).catch(function (err) { fail(aborted ? new Error(String(aborted)) : err); });
      } catch (err) {
        fail(err);
      }
    });
    return handle;
  }

  ftblock.mount = mount;
})(window);
