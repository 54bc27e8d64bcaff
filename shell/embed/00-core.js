// Part 00 — window.ftblock itself: where ftblock's files are, loading its scripts, languages.
// Every later part (shell/embed/NN-*.js) adds its functions to this object. Plain ES5-style
// script on purpose: it must also run, and say why the form cannot, in browsers too old for it.
(function (global) {
  'use strict';

  var script = document.currentScript;
  var ftblock = global.ftblock && typeof global.ftblock === 'object' ? global.ftblock : {};

  ftblock.version = '@PROJECT_VERSION@';
  // The folder ftblock-embed.js came from: the .wasm and the other scripts are
  // fetched from there. The ES module sets it from import.meta.url; a page may set it too.
  ftblock.baseUrl = script && script.src ? script.src.replace(/[^/?#]*([?#].*)?$/, '') : (ftblock.baseUrl || '');

  // The browser's preferred language, among the two the form speaks.
  ftblock.browserLanguage = function () {
    var langs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en'];
    for (var i = 0; i < langs.length; i++) {
      var l = String(langs[i]).toLowerCase();
      if (l.indexOf('zh') === 0) return 'zh-CN';
      if (l.indexOf('en') === 0) return 'en';
    }
    return 'en';
  };

  // 'en' / 'zh-CN' (also 'zh', 'zh-Hans', any case) → the tag the core knows; null otherwise.
  ftblock.normalizeLanguage = function (tag) {
    if (typeof tag !== 'string') return null;
    var l = tag.toLowerCase();
    if (l === 'en' || l.indexOf('en-') === 0) return 'en';
    if (l === 'zh' || l === 'zh-cn' || l === 'zh-hans' || l === 'zh-hans-cn' || l === 'zh-sg') return 'zh-CN';
    return null;
  };

  // Loads one of ftblock's classic scripts once (same folder as this one). Resolves when it ran;
  // rejects with a message naming the file. Under a CSP, the host's script-src must allow it.
  var loading = {};
  ftblock.loadScript = function (name, globalName) {
    if (globalName && global[globalName]) return Promise.resolve();
    if (loading[name]) return loading[name];
    loading[name] = new Promise(function (resolve, reject) {
      var el = document.createElement('script');
      el.src = ftblock.baseUrl + name;
      el.async = true;
      el.onload = function () {
        if (globalName && !global[globalName]) reject(new Error('ftblock: ' + el.src + ' did not define ' + globalName));
        else resolve();
      };
      el.onerror = function () {
        delete loading[name];
        reject(new Error('ftblock: could not load ' + el.src));
      };
      (document.head || document.documentElement).appendChild(el);
    });
    return loading[name];
  };

  global.ftblock = ftblock;
})(window);
