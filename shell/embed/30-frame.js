// Part 30 — ftblock.frame(element, options): the form in an <iframe> (embed.html, usually served
// from another origin than the host page), driven by postMessage (docs/iframe-protocol.md).
// Also ftblock.checkOrigin(), the one definition of "an exact origin" that both this helper and
// the frame's own page (ftblock-frame-page.js) apply to the allow-list.
(function (global) {
  'use strict';

  var ftblock = global.ftblock;
  var PROTOCOL = 1;
  var EVENTS = { ready: 'onReady', change: 'onChange', valid: 'onValid', submit: 'onSubmit', language: 'onLanguage', error: 'onError' };
  var counter = 0;

  // null when `entry` is an origin exactly as the browser writes it (URL.origin: scheme://host
  // or scheme://host:port, http or https); otherwise { en, zh } saying what is wrong with it.
  // Exact on purpose: no wildcards, no 'null', no paths, no default ports, no upper case — what
  // the list says is character for character what MessageEvent.origin must be.
  ftblock.checkOrigin = function (entry) {
    var shown = JSON.stringify(String(entry));
    if (typeof entry !== 'string' || entry === '')
      return { en: 'an empty entry', zh: '空条目' };
    if (entry.indexOf('*') !== -1)
      return { en: shown + ': wildcards are not allowed; list each origin', zh: shown + '：不允许通配符，请逐一列出来源' };
    if (entry === 'null')
      return { en: '"null" (the opaque origin of sandboxed frames and data: URLs) cannot be allowed', zh: '"null"（沙盒框架和 data: 地址的不透明来源）不能被允许' };
    var url;
    try { url = new URL(entry); } catch (e) {
      return { en: shown + ' is not a URL origin such as https://intranet.example', zh: shown + ' 不是 https://intranet.example 这样的来源' };
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      return { en: shown + ': only http and https origins', zh: shown + '：只允许 http 和 https 来源' };
    if (url.origin !== entry)
      return { en: shown + ' is not written as the browser writes the origin; write "' + url.origin + '"',
               zh: shown + ' 的写法与浏览器给出的来源不同；请写作 "' + url.origin + '"' };
    return null;
  };

  function fail(message) { throw new Error('ftblock.frame: ' + message); }

  // A list entry in the URL fragment: readable (':' and '/' stay), ',' and '&' never appear raw.
  function encodeOrigin(origin) {
    return encodeURIComponent(origin).replace(/%3A/gi, ':').replace(/%2F/gi, '/');
  }

  function frame(target, options) {
    options = options || {};
    if (!target || target.nodeType !== 1) fail('give an element to hold the form, or an <iframe>');
    var given = target.tagName === 'IFRAME';
    var iframe = given ? target : document.createElement('iframe');

    var origins = options.origins == null ? [location.origin] : options.origins;
    if (!Array.isArray(origins) || origins.length === 0) fail('origins must be a non-empty array of origins');
    origins.forEach(function (o) {
      var problem = ftblock.checkOrigin(o);
      if (problem) fail('origins: ' + problem.en);
    });
    if (origins.indexOf(location.origin) === -1)
      fail('origins must include this page\'s origin ' + location.origin + ', or the form will not answer it');

    var src = new URL(options.src || ftblock.baseUrl + 'embed.html', location.href);
    var frameOrigin = src.origin;
    if (src.protocol !== 'https:' && src.protocol !== 'http:') fail('src must be an http or https URL, not ' + src.href);
    var params = ['origins=' + origins.map(encodeOrigin).join(',')];
    if (options.lang != null) {
      var lang = ftblock.normalizeLanguage(options.lang);
      if (!lang) fail('unknown language ' + options.lang + " (use 'en' or 'zh-CN')");
      params.push('lang=' + lang);
    }
    if (options.readOnly) params.push('readOnly=1');
    src.hash = params.join('&');

    var timeout = options.timeout > 0 ? options.timeout : 10000;
    var readyTimeout = options.readyTimeout > 0 ? options.readyTimeout : 30000;
    var prefix = 'ftblock-frame-' + (++counter) + '-';
    var seq = 0;
    var pending = Object.create(null);   // request id → { resolve, reject, timer }
    var destroyed = false;
    var isReady = false;

    var settleReady;
    var frameReady = new Promise(function (resolve, reject) { settleReady = { resolve: resolve, reject: reject }; });
    frameReady.catch(function () {});
    var readyTimer = setTimeout(function () {
      settleReady.reject(new Error('ftblock.frame: the form in ' + src.origin + src.pathname + ' did not report ready within ' +
        readyTimeout + ' ms (is ' + location.origin + ' in its origins? is the URL right?)'));
    }, readyTimeout);

    function post(message) {
      var win = iframe.contentWindow;
      if (!win) throw new Error('ftblock.frame: the iframe is not in the document');
      win.postMessage(message, frameOrigin);  // never '*': only the frame's origin can read it
    }

    // One request; resolves with the reply's result, rejects with an Error whose .code is the
    // reply's error code ('timeout' when none came in time).
    function call(type, fields) {
      return new Promise(function (resolve, reject) {
        if (destroyed) { reject(new Error('ftblock.frame: destroyed')); return; }
        var id = prefix + (++seq);
        var message = { ftblock: PROTOCOL, type: type, id: id };
        for (var k in fields) if (Object.prototype.hasOwnProperty.call(fields, k)) message[k] = fields[k];
        var timer = setTimeout(function () {
          delete pending[id];
          var err = new Error('ftblock.frame: no reply to ' + type + ' within ' + timeout + ' ms');
          err.code = 'timeout';
          reject(err);
        }, timeout);
        pending[id] = { resolve: resolve, reject: reject, timer: timer };
        try { post(message); } catch (err) { clearTimeout(timer); delete pending[id]; reject(err); }
      });
    }

    // Requests wait for the frame's ready event (the frame answers not_ready before it).
    function request(type, fields) {
      return frameReady.then(function () { return call(type, fields || {}); });
    }

    function emit(type, detail) {
      var callback = options[EVENTS[type]];
      if (typeof callback === 'function') {
        try { callback(detail); } catch (err) { setTimeout(function () { throw err; }); }
      }
      target.dispatchEvent(new CustomEvent('ftblock:' + type, { detail: detail }));
    }

    function onMessage(event) {
      // Only the iframe's own window at the frame's origin; anything else is not the form.
      if (destroyed || event.source !== iframe.contentWindow || event.origin !== frameOrigin) return;
      var m = event.data;
      if (!m || typeof m !== 'object' || m.ftblock !== PROTOCOL || typeof m.type !== 'string') return;
      if (m.type === 'reply') {
        var p = typeof m.id === 'string' ? pending[m.id] : null;
        if (!p) return;
        delete pending[m.id];
        clearTimeout(p.timer);
        if (m.ok === true) p.resolve(m.result);
        else {
          var e = m.error && typeof m.error === 'object' ? m.error : {};
          var err = new Error('ftblock.frame: ' + String(e.message || 'the form refused the request'));
          err.code = String(e.code || 'error');
          p.reject(err);
        }
        return;
      }
      if (!Object.prototype.hasOwnProperty.call(EVENTS, m.type)) return;
      var detail = {};
      for (var k in m) if (k !== 'ftblock' && k !== 'type' && Object.prototype.hasOwnProperty.call(m, k)) detail[k] = m[k];
      if (m.type === 'ready') {
        isReady = true;
        clearTimeout(readyTimer);
        settleReady.resolve(detail);
      } else if (m.type === 'error' && !isReady) {
        clearTimeout(readyTimer);
        settleReady.reject(new Error('ftblock.frame: ' + String(detail.message)));
      }
      emit(m.type, detail);
    }

    global.addEventListener('message', onMessage);
    // A browser without location.ancestorOrigins (Firefox) learns the host's origin from its
    // first message: say hello once the frame's page has run.
    function onLoad() {
      if (!isReady && !destroyed) call('ping').catch(function () {});
    }
    iframe.addEventListener('load', onLoad);

    if (!given) {
      iframe.title = 'FastTrack Blocked status form / FastTrack 受阻状态表单';
      // Set through the CSSOM: holds under a host CSP without 'unsafe-inline' styles.
      Object.assign(iframe.style, { display: 'block', width: '100%', height: '100%', border: '0' });
    }
    iframe.setAttribute('allow', 'clipboard-write');  // the form's Copy JSON button
    iframe.src = src.href;
    if (!given) target.appendChild(iframe);

    var handle = {
      iframe: iframe,
      element: target,
      origin: frameOrigin,
      origins: origins.slice(),
      ready: null,
      getRecord: function () { return request('getRecord'); },
      setRecord: function (record) { return request('setRecord', { record: record }); },
      validate: function () { return request('validate'); },
      setLanguage: function (lang) { return request('setLanguage', { lang: lang }); },
      setReadOnly: function (flag) { return request('setReadOnly', { readOnly: !!flag }); },
      ping: function () { return call('ping', {}); },
      destroy: function () {
        if (destroyed) return;
        destroyed = true;
        clearTimeout(readyTimer);
        settleReady.reject(new Error('ftblock.frame: destroyed'));
        global.removeEventListener('message', onMessage);
        iframe.removeEventListener('load', onLoad);
        Object.keys(pending).forEach(function (id) {
          clearTimeout(pending[id].timer);
          pending[id].reject(new Error('ftblock.frame: destroyed'));
          delete pending[id];
        });
        if (given) iframe.src = 'about:blank';
        else if (iframe.parentNode) iframe.parentNode.removeChild(iframe);
      }
    };
    // Resolves to the handle once the frame is ready and options.record (if any) is in it.
    handle.ready = frameReady.then(function () {
      return options.record === undefined ? null : call('setRecord', { record: options.record });
    }).then(function () { return handle; });
    return handle;
  }

  ftblock.frame = frame;
})(window);
