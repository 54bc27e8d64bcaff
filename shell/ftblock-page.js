// ftblock-page.js — ftblock's own page: mounts the form into #ftblock-form and exposes its
// handle as window.ftblockPage (docs/embedding.md), for a host page or a test. Keeps the page's
// language and title in step with the form's language.
(function () {
  'use strict';

  var TITLES = { en: 'FastTrack Blocked status', 'zh-CN': 'FastTrack 受阻状态' };
  var container = document.getElementById('ftblock-form');

  function showLanguage(lang) {
    document.documentElement.lang = lang;
    document.title = TITLES[lang] + ' · ftblock';
    var title = document.getElementById('page-title');
    if (title) title.textContent = TITLES[lang];
    var other = document.getElementById('page-other-title');  // the title in the other language
    if (other) other.textContent = TITLES[lang === 'en' ? 'zh-CN' : 'en'];
  }

  if (!window.ftblock || typeof window.ftblock.mount !== 'function') {
    // ftblock-embed.js did not load: say so instead of leaving "Loading…" forever.
    var status = container.querySelector('[data-ftblock-status]');
    if (status) status.textContent = 'The form could not load (ftblock-embed.js is missing). 表单无法加载。';
    return;
  }

  container.addEventListener('ftblock:language', function (e) { showLanguage(e.detail.lang); });
  var form = window.ftblock.mount(container, { drafts: true });
  showLanguage(form.getLanguage());
  form.ready.then(function () { showLanguage(form.getLanguage()); }, function () {});
  window.ftblockPage = form;
})();
