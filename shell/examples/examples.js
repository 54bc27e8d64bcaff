// examples.js — the "Partner records" example page (examples/index.html and its strict-CSP twin):
// ftblock three ways on one intranet page (docs/embedding.md).
//   1. ftblock.mount: the form in #form, with the host's own panel (validity, submitted record,
//      setRecord / getRecord / read-only / language) and the host's own inputs beside it;
//   2. the validator alone: ftblock.validate for one record, ftblock.check for a JSON / JSON
//      Lines / CSV file, the diagnostics in a table;
//   3. ftblock.frame: the form in an <iframe>, its messages logged.
// All page code is here — no inline script, style or handler — so the page runs under
// script-src 'self' 'wasm-unsafe-eval'; style-src 'self'. window.partnerRecords holds the
// handles (for a developer's console, and for tests/e2e/examples.test.mjs).
(function () {
  'use strict';

  const $ = (id) => document.getElementById(id);
  const ftblock = window.ftblock;

  // --- the page's own words ---------------------------------------------------------------
  const TEXT = {
    en: {
      'nav.form': 'ftblock form', 'nav.records': 'Partner records', 'nav.strict': 'Strict CSP variant',
      'nav.module': 'ES module example', lang: 'Language',
      title: 'Partner records',
      lead: 'FastTrack "Blocked" status records of our partner engagements. ftblock is embedded three ways below: mounted in the page, the validator alone, and in an iframe.',
      'state.loading': 'Loading the form…', 'state.ready': 'Form ready.', 'state.failed': 'The form could not start (see the message in its place).',
      'mounted.title': 'Update a record', 'mounted.sample': 'Load sample record', 'mounted.get': 'Show current record',
      'mounted.new': 'New assignment', 'mounted.readonly': 'Read-only', 'mounted.current': 'Current record',
      'mounted.none': 'Press “Show current record”.', 'mounted.submitted': 'Last submitted',
      'mounted.nothing': 'Nothing submitted yet.', 'mounted.host': 'Your own notes (the host page\'s inputs)',
      'mounted.ticket': 'Ticket', 'mounted.notes': 'Notes',
      valid: '✓ Valid — can be submitted', invalid: (e, w) => `✗ ${e} ${e === 1 ? 'error' : 'errors'}` + (w ? `, ${w} ${w === 1 ? 'warning' : 'warnings'}` : ''),
      warnings: (w) => `✓ Valid, ${w} ${w === 1 ? 'warning' : 'warnings'}`,
      submittedAt: (time) => `Submitted at ${time}:`,
      setFailed: (m) => `Not loaded: ${m}`,
      'check.title': 'Check an export',
      'check.lead': 'Paste one record, JSON Lines or CSV — or pick a file — and check it with the same rules as the form and the command line, without the form.',
      'check.format': 'Format', 'check.auto': 'detect', 'check.file': 'Open a file…', 'check.sample': 'Paste an example',
      'check.run': 'Check', 'check.idle': 'Nothing checked yet.', 'check.busy': 'Checking…', 'check.empty': 'Paste or open something to check first.',
      'check.summary': (s) => `${s.records} ${s.records === 1 ? 'record' : 'records'}: ${s.valid} valid, ${s.invalid} invalid; ${s.errors} ${s.errors === 1 ? 'error' : 'errors'}, ${s.warnings} ${s.warnings === 1 ? 'warning' : 'warnings'}`,
      'check.fileError': (f, m) => `${f}: ${m}`,
      'check.failed': (m) => `The validator could not run: ${m}`,
      'col.record': 'Record', 'col.field': 'Field', 'col.code': 'Code', 'col.message': 'Message',
      line: (n) => `line ${n}`, record: (n) => `record ${n}`, whole: '(record)', noProblem: 'no problem',
      'frame.title': 'The form in an iframe', 'frame.log': 'Messages from the frame',
      footer: 'Example page of ftblock (docs/embedding.md). Nothing here leaves this server.',
      'strict.note': 'This copy of the page is served with a strict Content-Security-Policy (script-src \'self\' \'wasm-unsafe-eval\'; style-src \'self\'; no inline script or style, no eval). Everything below works the same.'
    },
    'zh-CN': {
      'nav.form': 'ftblock 表单', 'nav.records': '合作伙伴记录', 'nav.strict': '严格 CSP 版本',
      'nav.module': 'ES 模块示例', lang: '语言',
      title: '合作伙伴记录',
      lead: '我们合作伙伴项目的 FastTrack“受阻”状态记录。下面以三种方式嵌入 ftblock：挂载在页面中、单独使用验证器、放在 iframe 中。',
      'state.loading': '正在加载表单…', 'state.ready': '表单已就绪。', 'state.failed': '表单无法启动（原因见其位置上的消息）。',
      'mounted.title': '更新记录', 'mounted.sample': '载入示例记录', 'mounted.get': '显示当前记录',
      'mounted.new': '新建分配记录', 'mounted.readonly': '只读', 'mounted.current': '当前记录',
      'mounted.none': '请按“显示当前记录”。', 'mounted.submitted': '最近提交',
      'mounted.nothing': '尚未提交。', 'mounted.host': '您自己的备注（宿主页面的输入框）',
      'mounted.ticket': '工单', 'mounted.notes': '备注',
      valid: '✓ 有效 — 可以提交', invalid: (e, w) => `✗ ${e} 个错误` + (w ? `，${w} 个警告` : ''),
      warnings: (w) => `✓ 有效，${w} 个警告`,
      submittedAt: (time) => `提交于 ${time}：`,
      setFailed: (m) => `未载入：${m}`,
      'check.title': '检查导出文件',
      'check.lead': '粘贴一条记录、JSON Lines 或 CSV（或选择文件），不打开表单，用与表单和命令行相同的规则检查。',
      'check.format': '格式', 'check.auto': '自动识别', 'check.file': '打开文件…', 'check.sample': '粘贴示例',
      'check.run': '检查', 'check.idle': '尚未检查。', 'check.busy': '正在检查…', 'check.empty': '请先粘贴或打开要检查的内容。',
      'check.summary': (s) => `${s.records} 条记录：${s.valid} 条有效，${s.invalid} 条无效；${s.errors} 个错误，${s.warnings} 个警告`,
      'check.fileError': (f, m) => `${f}：${m}`,
      'check.failed': (m) => `验证器无法运行：${m}`,
      'col.record': '记录', 'col.field': '字段', 'col.code': '代码', 'col.message': '消息',
      line: (n) => `第 ${n} 行`, record: (n) => `第 ${n} 条`, whole: '（整条记录）', noProblem: '没有问题',
      'frame.title': 'iframe 中的表单', 'frame.log': '来自 iframe 的消息',
      footer: 'ftblock 的示例页面（docs/embedding.md）。此页面的任何内容都不会离开本服务器。',
      'strict.note': '此页面副本以严格的内容安全策略（Content-Security-Policy）提供：script-src \'self\' \'wasm-unsafe-eval\'；style-src \'self\'；不允许内联脚本或样式，不允许 eval。下面的一切照常工作。'
    }
  };

  let lang = ftblock && ftblock.browserLanguage ? ftblock.browserLanguage() : 'en';
  const t = (key, ...args) => {
    const v = TEXT[lang][key];
    return typeof v === 'function' ? v(...args) : v;
  };

  // Elements whose text is one of the page's words (data-t), and the texts that depend on state.
  const refreshers = [];
  function applyLanguage(tag) {
    lang = TEXT[tag] ? tag : 'en';
    document.documentElement.lang = lang;
    document.title = `${t('title')} · Contoso intranet`;
    for (const el of document.querySelectorAll('[data-t]')) {
      if (!el.hasAttribute('data-t-frozen')) el.textContent = t(el.getAttribute('data-t'));
    }
    $('page-lang').value = lang;
    refreshers.forEach((f) => f());
  }

  // Sets a status line; `key` is a TEXT key so that it follows the language.
  function setStatus(el, state, key) {
    el.dataset.state = state;
    el.setAttribute('data-t', key);
    el.textContent = t(key);
  }

  // Shows text computed from state in an element that has no fixed word (drops data-t).
  function setText(el, text) {
    el.removeAttribute('data-t');
    el.textContent = text;
  }

  const json = (value) => JSON.stringify(value, null, 2);

  // --- sample data (what the host's own database would hold) -------------------------------
  const SAMPLE = {
    id: 'FT-2026-000123', customer: 'Contoso Ltd', workload: 'teams', scenario: 'delivery',
    updated_by: 'delivery_fm', l1: 'blocked', l2: 'customer_it_infrastructure', l3: null,
    service_state: 'not_applicable', engagement_scenario: 'ftc_ftp_led', target_date: '2026-12-15',
    owner: 'account_team', notes: '客户的 VPN 设备与服务不兼容，需要先升级固件后才能部署。',
    next_action_date: null, next_action: 'Customer upgrades VPN firmware, then re-test sign-in',
    updated_at: '2026-11-24'
  };
  // The record the page opens with: an assignment the partner has not finished.
  const DRAFT = {
    id: 'FT-2026-000187', customer: 'Fabrikam 制造', workload: 'exchange_online', scenario: 'assignment',
    updated_by: 'assignment_fm', l1: 'blocked', l2: '', service_state: 'not_applicable',
    engagement_scenario: 'customer_led_ftp_assist', owner: 'delivery_fm', notes: '',
    next_action_date: '2026-12-01', next_action: 'kickoff_meeting', updated_at: '2026-11-24'
  };
  const NEW_ASSIGNMENT = { scenario: 'assignment' };
  // For the validator: one valid line, one with a wrong owner, one that is not JSON.
  const SAMPLE_JSONL = [
    JSON.stringify(SAMPLE),
    JSON.stringify({ ...SAMPLE, id: 'FT-2026-000124', owner: 'delivery_fm' }),
    '{"id": "FT-2026-000125", "customer": "Ann'
  ].join('\n') + '\n';

  const page = { events: [], form: null, frame: null };
  window.partnerRecords = page;

  // --- 1. the mounted form -----------------------------------------------------------------
  function mountForm() {
    const state = $('form-state');
    const validity = $('validity');
    let shown = null;  // { valid, diagnostics } last shown in #validity
    let submitted = null;  // { at, record } of the last submit

    function showSubmitted() {
      if (submitted) setText($('submitted'), `${t('submittedAt', submitted.at.toLocaleTimeString(lang))}\n${json(submitted.record)}`);
    }
    refreshers.push(showSubmitted);

    function showValidity(result) {
      shown = result;
      const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
      const warnings = result.diagnostics.length - errors;
      validity.dataset.valid = String(result.valid);
      validity.textContent = result.valid ? (warnings ? t('warnings', warnings) : t('valid')) : t('invalid', errors, warnings);
    }
    refreshers.push(() => { if (shown) showValidity(shown); });

    const form = ftblock.mount($('form'), {
      lang,
      record: DRAFT,
      onChange: (detail) => {
        page.events.push({ type: 'change', valid: detail.valid });
        showValidity(detail);
      },
      onValid: (detail) => {
        page.events.push({ type: 'valid', valid: detail.valid });
        showValidity(form.validate());
      },
      onSubmit: (detail) => {
        page.events.push({ type: 'submit', id: detail.record.id });
        submitted = { at: new Date(), record: detail.record };
        showSubmitted();
      },
      onLanguage: (detail) => setLanguage(detail.lang)
    });
    page.form = form;

    form.ready.then(() => {
      setStatus(state, 'ready', 'state.ready');
      showValidity(form.validate());
    }, () => setStatus(state, 'failed', 'state.failed'));

    const whenReady = (fn) => () => form.ready.then(fn, () => {});
    $('load-sample').addEventListener('click', whenReady(() => {
      try {
        showValidity(form.setRecord(SAMPLE));
      } catch (e) {
        setText($('record-out'), t('setFailed', e.message));
      }
    }));
    $('new-record').addEventListener('click', whenReady(() => showValidity(form.setRecord(NEW_ASSIGNMENT))));
    $('show-record').addEventListener('click', whenReady(() => setText($('record-out'), json(form.getRecord()))));
    $('read-only').addEventListener('change', whenReady(() => form.setReadOnly($('read-only').checked)));
  }

  // --- 2. the validator alone --------------------------------------------------------------
  // One JSON object → ftblock.validate (one verdict); anything else → ftblock.check (a file:
  // JSON array, JSON Lines or CSV, the CLI's report).
  function oneObject(text) {
    try {
      const v = JSON.parse(text);
      return v && typeof v === 'object' && !Array.isArray(v) ? v : null;
    } catch (e) {
      return null;
    }
  }

  function setupValidator() {
    const input = $('check-text');
    const summary = $('check-summary');
    const table = $('check-results');
    const body = table.tBodies[0];
    let fileName = 'pasted';
    let last = null;  // the last report, redrawn when the language changes

    function cell(row, text, className) {
      const td = row.insertCell();
      td.textContent = text;
      if (className) td.className = className;
      return td;
    }

    function where(record) {
      const label = record.line != null ? t('line', record.line) : t('record', record.index + 1);
      return record.id ? `${label} · ${record.id}` : label;
    }

    function show(report) {
      last = report;
      body.textContent = '';
      const s = report.summary;
      const fileErrors = report.files.filter((f) => f.error);
      summary.dataset.state = s.invalid || fileErrors.length ? 'invalid' : 'valid';
      summary.removeAttribute('data-t');
      summary.textContent = [t('check.summary', s), ...fileErrors.map((f) => t('check.fileError', f.file, f.error))].join('\n');
      for (const record of report.records) {
        const rows = record.diagnostics.length ? record.diagnostics : [null];
        for (const d of rows) {
          const row = body.insertRow();
          row.className = d ? d.severity : 'ok';
          cell(row, where(record));
          cell(row, d ? (d.field || t('whole')) : '', 'mono');
          cell(row, d ? d.code : '', 'mono');
          cell(row, d ? d.message : t('noProblem'));
        }
      }
      table.hidden = report.records.length === 0;
    }
    refreshers.push(() => { if (last) run(); });

    async function run() {
      const text = input.value;
      if (!text.trim()) {
        setStatus(summary, 'empty', 'check.empty');
        table.hidden = true;
        return;
      }
      summary.dataset.state = 'busy';
      summary.textContent = t('check.busy');
      try {
        const object = $('check-format').value === '' ? oneObject(text) : null;
        if (object) {
          const verdict = await ftblock.validate(object, { lang });
          const errors = verdict.diagnostics.filter((d) => d.severity === 'error').length;
          show({
            records: [{ index: 0, line: 1, id: typeof object.id === 'string' ? object.id : null, valid: verdict.valid, diagnostics: verdict.diagnostics }],
            files: [{ file: fileName, count: 1, error: null }],
            summary: { files: 1, file_errors: 0, records: 1, valid: verdict.valid ? 1 : 0, invalid: verdict.valid ? 0 : 1, errors, warnings: verdict.diagnostics.length - errors }
          });
        } else {
          const options = { fileName, lang, report: 'json' };
          if ($('check-format').value) options.format = $('check-format').value;
          const result = await ftblock.check(text, options);
          show(JSON.parse(result.report));
        }
        page.events.push({ type: 'checked', state: summary.dataset.state });
      } catch (e) {
        last = null;
        table.hidden = true;
        summary.dataset.state = 'failed';
        setText(summary, t('check.failed', e && e.message ? e.message : String(e)));
      }
    }

    $('check-run').addEventListener('click', run);
    $('check-sample').addEventListener('click', () => {
      input.value = SAMPLE_JSONL;
      fileName = 'example.jsonl';
      $('check-format').value = '';
    });
    input.addEventListener('input', () => { fileName = 'pasted'; });
    $('check-file').addEventListener('change', async (e) => {
      const file = e.target.files && e.target.files[0];
      if (!file) return;
      input.value = await file.text();
      fileName = file.name;
      const ext = file.name.toLowerCase().split('.').pop();
      $('check-format').value = ext === 'ndjson' ? 'jsonl' : (['json', 'jsonl', 'csv'].includes(ext) ? ext : '');
      run();
    });
  }

  // --- 3. the form in an iframe ------------------------------------------------------------
  function setupFrame() {
    const state = $('frame-state');
    const log = $('frame-log');

    function note(type, detail) {
      page.events.push({ type: `frame:${type}`, detail });
      const li = document.createElement('li');
      const name = document.createElement('b');
      name.textContent = type;
      li.appendChild(name);
      // A record in an event is logged by its id: the log stays one line per message.
      const brief = detail && typeof detail === 'object' && detail.record && typeof detail.record === 'object'
        ? { ...detail, record: detail.record.id || '(record)' } : detail;
      if (brief !== undefined) li.appendChild(document.createTextNode(' ' + JSON.stringify(brief)));
      log.insertBefore(li, log.firstChild);
      while (log.children.length > 30) log.removeChild(log.lastChild);
    }

    const frame = ftblock.frame($('frame-host'), {
      lang,
      record: SAMPLE,
      onReady: (detail) => note('ready', detail),
      onChange: (detail) => note('change', { valid: detail.valid, errors: detail.diagnostics ? detail.diagnostics.length : undefined }),
      onValid: (detail) => note('valid', { valid: detail.valid }),
      onSubmit: (detail) => note('submit', { id: detail.record && detail.record.id }),
      onLanguage: (detail) => { note('language', detail); setLanguage(detail.lang); },
      onError: (detail) => note('error', detail)
    });
    page.frame = frame;
    frame.ready.then(() => setStatus(state, 'ready', 'state.ready'),
                     (e) => { setStatus(state, 'failed', 'state.failed'); note('failed', e && e.message); });

    $('frame-sample').addEventListener('click', () => {
      frame.ready.then(() => frame.setRecord({ ...SAMPLE, id: 'FT-2026-000126' }))
        .then((r) => note('setRecord', r && { valid: r.valid }), (e) => note('error', e.message));
    });
    $('frame-get').addEventListener('click', () => {
      frame.ready.then(() => frame.getRecord()).then((r) => note('getRecord', r && { id: r.id, scenario: r.scenario }),
                                                     (e) => note('error', e.message));
    });
  }

  // --- start ----------------------------------------------------------------------------------
  // One language for the page and both forms: the page's menu, or either form's own language
  // menu, switches all three.
  function setLanguage(tag) {
    if (tag === lang || !TEXT[tag]) return;
    applyLanguage(tag);
    if (page.form) page.form.ready.then((f) => { if (f.getLanguage() !== lang) f.setLanguage(lang); }, () => {});
    if (page.frame) page.frame.ready.then((f) => f.setLanguage(lang), () => {}).catch(() => {});
  }

  applyLanguage(lang);
  $('page-lang').addEventListener('change', (e) => setLanguage(e.target.value));

  if (!ftblock || typeof ftblock.mount !== 'function') {
    setText($('form-state'), 'ftblock-embed.js did not load. / ftblock-embed.js 未能加载。');
    return;
  }
  // Each part on its own: one that is missing or fails must not take the others down.
  for (const [part, fn] of [['mount', mountForm], ['validate', setupValidator], ['frame', setupFrame]]) {
    if (typeof ftblock[part] !== 'function') {
      console.warn(`examples.js: this ftblock-embed.js has no ftblock.${part}()`);
      continue;
    }
    fn();
  }
})();
