// The example intranet page (shell/examples/, docs/embedding.md) in Chromium: ftblock mounted,
// the validator alone and the iframe on one host page; the same page under the strict
// Content-Security-Policy that scripts/serve.py sends (the test runs serve.py itself, so the
// header is the one the serve command sends); the host page's own inputs keep their keys.
// Every test fails on a request leaving 127.0.0.1 and on any page or console error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { serveSite, siteDir, repoRoot, artifact, sleep } from './harness.mjs';
import { launchChromium, isLocal } from './form_helpers.mjs';

// The record examples.js loads with "Load sample record" (docs/record-format.md's example).
const SAMPLE_ID = 'FT-2026-000123';
// The strict page's policy, as the build copied it next to the page (serve.py reads this file).
const STRICT_CSP = JSON.parse(fs.readFileSync(path.join(siteDir, 'examples/strict-csp/csp.json'), 'utf8'))['Content-Security-Policy'];

let browser;
let site;
before(async () => {
  browser = await launchChromium();
  site = await serveSite();
});
after(async () => {
  await site?.close();
  await browser?.close();
});

// Runs scripts/serve.py on a free port; resolves once it has checked itself and printed its URLs.
// `env`: more environment (e.g. FTBLOCK_FRAME_ANCESTORS, as serve.sh passes it on).
async function startServePy(env = {}) {
  const child = spawn('python3', [path.join(repoRoot, 'scripts/serve.py'), '--site', siteDir, '--port', '0'],
                      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FTBLOCK_FRAME_ANCESTORS: '', ...env } });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => { err += d; });
  const origin = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve.py did not start:\n${out}${err}`)), 10000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /on (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m && /may be framed by/.test(out)) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`serve.py exited (${code}):\n${out}${err}`)); });
  });
  return {
    origin,
    output: () => out,
    close: () => new Promise((resolve) => { child.removeAllListeners('exit'); child.on('exit', resolve); child.kill('SIGTERM'); }),
  };
}

// Runs `body(p)` in a fresh context that records requests, errors and CSP violations in every
// frame (an init script, which the page's own CSP does not govern, reports them through a
// binding). p = { page, response, violations, cspConsole }. After the body: no request left
// 127.0.0.1, no page or console error except those matching `expectErrors`.
async function withPage(url, { expectErrors = null, minRequests = 5 } = {}, body) {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
  const requests = [];
  const errors = [];
  const p = { violations: [], cspConsole: [] };
  try {
    context.on('request', (r) => requests.push(r.url()));
    await context.exposeBinding('__ftblockTestViolation', ({ frame }, v) => p.violations.push({ frame: frame.url(), ...v }));
    await context.addInitScript(() => {
      window.__ftblockCspWatch = true;
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__ftblockTestViolation({ directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber });
      }, true);
    });
    p.page = await context.newPage();
    p.page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    p.page.on('console', (m) => {
      if (/Content[- ]Security[- ]Policy/i.test(m.text())) p.cspConsole.push(m.text());
      if (m.type() === 'error') errors.push(`console: ${m.text()} (${m.location().url})`);
    });
    p.response = await p.page.goto(url);
    try {
      await body(p);
    } catch (e) {
      if (errors.length) e.message += `\n(the page's errors: ${errors.join('\n')})`;
      throw e;
    }
    assert.deepEqual(requests.filter((u) => !isLocal(u)), [], 'requests that left 127.0.0.1');
    assert.ok(requests.length >= minRequests, `the page loaded its files from the test server (${requests.length} requests)`);
    assert.deepEqual(errors.filter((e) => !(expectErrors && expectErrors.test(e))), [], 'no page or console errors');
  } finally {
    await context.close();
  }
}

const text = (page, selector) => page.locator(selector).innerText();
const attr = (page, selector, name) => page.locator(selector).getAttribute(name);

// Waits until the element's text is `expected` (a string, or a RegExp it matches).
async function waitForText(page, selector, expected) {
  const want = expected instanceof RegExp ? { source: expected.source, flags: expected.flags } : { text: expected };
  await page.waitForFunction(([s, w]) => {
    const el = document.querySelector(s);
    return el && (w.source !== undefined ? new RegExp(w.source, w.flags).test(el.textContent) : el.textContent === w.text);
  }, [selector, want], { timeout: 15000 }).catch(async () => {
    assert.fail(`${selector} never showed ${JSON.stringify(expected)}: it shows ${JSON.stringify(await text(page, selector))}`);
  });
}

// Clicks a widget of the mounted form by the name it reports, first scrolling the form (mouse
// wheel over it) until the widget is inside the canvas.
async function clickFormItem(page, name) {
  await page.locator('#form').scrollIntoViewIfNeeded();
  for (let i = 0; i < 30; i++) {
    const { r, c } = await page.evaluate((n) => ({
      r: window.partnerRecords.form.itemRects()[n],
      c: document.querySelector('#form canvas').getBoundingClientRect().toJSON(),
    }), name);
    assert.ok(r, `the form reports no widget "${name}"`);
    if (r.y >= c.top && r.y + r.height <= c.bottom) {
      await page.mouse.click(r.x + r.width / 2, r.y + r.height / 2);
      return;
    }
    await page.mouse.move(c.left + c.width / 2, c.top + c.height / 2);
    await page.mouse.wheel(0, r.y < c.top ? -200 : 200);
    await sleep(100);
  }
  assert.fail(`the form's "${name}" never scrolled into view`);
}

// The three embeddings of the page all working: the mounted form (ready, its validity beside
// it, setRecord / getRecord / read-only / language from the host's buttons), the validator
// alone (the example file checked: exact verdicts), the iframe (ready, answering).
async function assertThreeEmbeddings(page) {
  // 1. ftblock.mount
  await page.waitForFunction(() => window.partnerRecords && window.partnerRecords.form);
  const started = await page.evaluate(() => window.partnerRecords.form.ready.then(() => 'ready', (e) => `rejected: ${e.message}`));
  assert.equal(started, 'ready');
  await waitForText(page, '#form-state', 'Form ready.');
  assert.equal(await attr(page, '#form-state', 'data-state'), 'ready');
  assert.equal(await page.locator('#form canvas').count(), 1, 'one canvas in the host element');
  // The draft the page opens with lacks its L2 and notes.
  assert.deepEqual(await page.evaluate(() => window.partnerRecords.form.validate().diagnostics.map((d) => [d.field, d.code])),
                   [['l2', 'required'], ['notes', 'required']]);
  assert.equal(await text(page, '#validity'), '✗ 2 errors');
  assert.equal(await attr(page, '#validity', 'data-valid'), 'false');

  await page.click('#load-sample');
  await waitForText(page, '#validity', '✓ Valid — can be submitted');
  assert.equal(await attr(page, '#validity', 'data-valid'), 'true');
  await page.waitForFunction(() => window.partnerRecords.events.some((e) => e.type === 'valid' && e.valid === true));
  await page.click('#show-record');
  const shown = JSON.parse(await text(page, '#record-out'));
  assert.equal(shown.id, SAMPLE_ID);
  assert.equal(shown.notes, '客户的 VPN 设备与服务不兼容，需要先升级固件后才能部署。');
  assert.deepEqual(shown, await page.evaluate(() => window.partnerRecords.form.getRecord()));

  await page.check('#read-only');
  assert.equal(await page.evaluate(() => window.partnerRecords.form.isReadOnly()), true);
  await page.uncheck('#read-only');
  assert.equal(await page.evaluate(() => window.partnerRecords.form.isReadOnly()), false);

  // 2. the validator alone: the example JSON Lines (valid, wrong owner, cut short).
  await page.click('#check-sample');
  await page.click('#check-run');
  await waitForText(page, '#check-summary', '3 records: 1 valid, 2 invalid; 2 errors, 0 warnings');
  assert.equal(await attr(page, '#check-summary', 'data-state'), 'invalid');
  const rows = await page.$$eval('#check-results tbody tr', (trs) => trs.map((tr) => [...tr.cells].slice(0, 3).map((c) => c.textContent)));
  assert.deepEqual(rows, [
    [`line 1 · ${SAMPLE_ID}`, '', ''],
    ['line 2 · FT-2026-000124', 'owner', 'fixed_value'],
    ['line 3', '(record)', 'parse_error'],
  ]);
  // One record pasted: ftblock.validate's verdict.
  await page.fill('#check-text', JSON.stringify({ scenario: 'delivery', customer: 'Contoso Ltd', workload: 'Teams' }));
  await page.click('#check-run');
  await waitForText(page, '#check-summary', /^1 record: 0 valid, 1 invalid; \d+ errors, 0 warnings$/);
  const codes = await page.$$eval('#check-results tbody tr', (trs) => trs.map((tr) => `${tr.cells[1].textContent}:${tr.cells[2].textContent}`));
  assert.ok(codes.includes('workload:not_in_list'), codes.join(' '));
  assert.ok(codes.includes('notes:required'), codes.join(' '));

  // 3. ftblock.frame
  await page.waitForFunction(() => window.partnerRecords && window.partnerRecords.frame);
  const framed = await page.evaluate(() => window.partnerRecords.frame.ready.then(() => 'ready', (e) => `rejected: ${e.message}`));
  assert.equal(framed, 'ready');
  await waitForText(page, '#frame-state', 'Form ready.');
  await page.click('#frame-get');
  await waitForText(page, '#frame-log li:first-child', `getRecord {"id":"${SAMPLE_ID}","scenario":"delivery"}`);
  assert.equal(await page.locator('#frame-host iframe').count(), 1);
}

test('the example page shows the form mounted, the validator alone and the iframe, all working', async () => {
  await withPage(`${site.url}examples/`, {}, async ({ page }) => {
    await assertThreeEmbeddings(page);
    // The form's submit reaches the host's panel.
    await clickFormItem(page, 'submit');
    await waitForText(page, '#submitted', new RegExp(`"id": "${SAMPLE_ID}"`));
    assert.match(await text(page, '#submitted'), /^Submitted at .+:\n\{/);
    assert.deepEqual(await page.evaluate(() => window.partnerRecords.events.filter((e) => e.type === 'submit')),
                     [{ type: 'submit', id: SAMPLE_ID }]);
    await page.screenshot({ path: artifact('examples-en.png'), fullPage: true });

    // The page's language switch: the page's words, the form and the frame follow.
    await page.selectOption('#page-lang', 'zh-CN');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
    assert.equal(await text(page, 'h1'), '合作伙伴记录');
    assert.equal(await text(page, '#form-state'), '表单已就绪。');
    await page.waitForFunction(() => window.partnerRecords.form.getLanguage() === 'zh-CN');
    await waitForText(page, '#check-summary', /^1 条记录：0 条有效，1 条无效；\d+ 个错误，0 个警告$/);
    await waitForText(page, '#frame-log li:first-child', /^language \{"lang":"zh-CN"\}$/);

    // A file picked in the validator's file input: read, its format taken from its name, checked.
    await page.setInputFiles('#check-file', {
      name: 'records.csv', mimeType: 'text/csv',
      buffer: fs.readFileSync(path.join(repoRoot, 'tests/golden/cases/valid_csv/records.csv')),
    });
    await waitForText(page, '#check-summary', '2 条记录：2 条有效，0 条无效；0 个错误，1 个警告');  // one note without a why (note_quality)
    assert.equal(await page.inputValue('#check-format'), 'csv');
    assert.deepEqual(await page.$$eval('#check-results tbody tr', (trs) => trs.map((tr) => tr.cells[0].textContent)),
                     ['第 2 行 · FT-A1', '第 3 行 · FT-D1']);
    await sleep(300);
    await page.screenshot({ path: artifact('examples-zh.png'), fullPage: true });
  });
});

test('the strict-CSP page, with the header serve.py sends, works fully and breaks no rule of it', async () => {
  const server = await startServePy();
  try {
    await withPage(`${server.origin}/examples/strict-csp/`, {}, async (p) => {
      assert.equal(p.response.headers()['content-security-policy'], STRICT_CSP, 'serve.py sends csp.json\'s policy');
      assert.doesNotMatch(STRICT_CSP, /'unsafe-eval'|'unsafe-inline'/);
      assert.match(STRICT_CSP, /script-src 'self' 'wasm-unsafe-eval';/);
      assert.match(STRICT_CSP, /frame-ancestors 'self'/);
      assert.equal(p.response.headers()['cache-control'], 'no-store');
      await assertThreeEmbeddings(p.page);
      await p.page.screenshot({ path: artifact('examples-strict-csp.png'), fullPage: true });
      const frames = p.page.frames();
      assert.deepEqual(frames.map((f) => new URL(f.url()).pathname), ['/examples/strict-csp/', '/embed.html'], 'the page and the form\'s iframe');
      for (const f of frames) assert.equal(await f.evaluate(() => window.__ftblockCspWatch), true, `violations are watched in ${f.url()}`);
      assert.deepEqual(p.violations, [], 'securitypolicyviolation events');
      assert.deepEqual(p.cspConsole, [], 'console messages about the Content-Security-Policy');

      // Its sections are the example page's, character for character.
      const sections = async (pathname) => (await (await fetch(server.origin + pathname)).text()).match(/<section[ >][^]*?<\/section>/g);
      const strict = await sections('/examples/strict-csp/');
      assert.equal(strict.length, 3);
      assert.deepEqual(strict, await sections('/examples/'));
    });

    // What else serve.py says: the wasm's type, no CSP on other pages, frame-ancestors on embed.html.
    const head = async (pathname) => (await fetch(server.origin + pathname, { method: 'HEAD' })).headers;
    assert.equal((await head('/ftblock.wasm')).get('content-type'), 'application/wasm');
    assert.equal((await head('/examples/')).get('content-security-policy'), null);
    assert.equal((await head('/examples/')).get('cache-control'), 'no-store');
    assert.equal((await head('/embed.html')).get('content-security-policy'), `frame-ancestors 'self' ${server.origin}`);
    assert.match(server.output(), new RegExp(`ftblock form: +${server.origin}/\n`));
    assert.match(server.output(), new RegExp(`example intranet page: +${server.origin}/examples/\n`));
    assert.match(server.output(), new RegExp(`with a strict CSP: +${server.origin}/examples/strict-csp/\n`));
  } finally {
    await server.close();
  }
});

test('under the strict CSP without \'wasm-unsafe-eval\' the form is a readable message, not a blank canvas', async () => {
  const noWasm = STRICT_CSP.replace(" 'wasm-unsafe-eval'", '');
  assert.notEqual(noWasm, STRICT_CSP);
  const server = await serveSite(undefined, {
    headersFor: (pathname) => (pathname.startsWith('/examples/strict-csp/') ? { 'Content-Security-Policy': noWasm } : {}),
  });
  try {
    // The refused compilation is logged by the browser (and by emcc's loader): expected here.
    await withPage(`${server.url}examples/strict-csp/`, { expectErrors: /WebAssembly|wasm/i }, async (p) => {
      await p.page.waitForFunction(() => window.partnerRecords && window.partnerRecords.form);
      const outcome = await p.page.evaluate(() => window.partnerRecords.form.ready.then(() => 'ready', (e) => `rejected: ${e.message}`));
      assert.match(outcome, /^rejected: .*(CompileError|WebAssembly|unsafe-eval)/);
      await waitForText(p.page, '#form-state', 'The form could not start (see the message in its place).');
      const message = await text(p.page, '#form');
      assert.match(message, /The form could not start\./);
      assert.match(message, /表单无法启动。/);
      assert.equal(await p.page.locator('#form canvas').count(), 0, 'no blank canvas');
      assert.ok(await p.page.locator('#form [role="alert"]').isVisible(), 'the message is visible');
      await p.page.locator('#mounted').screenshot({ path: artifact('examples-csp-no-wasm.png') });
      // The only rule broken is WebAssembly's compilation.
      assert.ok(p.violations.length >= 1, 'the browser reported the refused compilation');
      for (const v of p.violations) assert.equal(`${v.directive} ${v.blocked}`, 'script-src wasm-eval', JSON.stringify(v));
    });
  } finally {
    await server.close();
  }
});

test('embed.html may be framed only by the origins of serve.py\'s frame-ancestors list (FTBLOCK_FRAME_ANCESTORS)', async () => {
  // Host pages on another port of 127.0.0.1 (another origin), framing serve.py's embed.html:
  // index.html frames a serve.py with the default list, allowed.html one that lists this origin.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ftblock-foreign-'));
  const host = (src) => `<!doctype html><title>host</title><link rel="icon" href="data:,"><iframe id="f" src="${src}"></iframe>\n`;
  fs.writeFileSync(path.join(dir, 'index.html'), host('about:blank'));
  const foreign = await serveSite(dir);
  const closed = await startServePy();
  const open = await startServePy({ FTBLOCK_FRAME_ANCESTORS: `'self' ${foreign.origin}` });
  fs.writeFileSync(path.join(dir, 'index.html'), host(`${closed.origin}/embed.html#origins=${foreign.origin}`));
  fs.writeFileSync(path.join(dir, 'allowed.html'), host(`${open.origin}/embed.html#origins=${foreign.origin}`));
  try {
    await withPage(foreign.url, { expectErrors: /frame-ancestors/, minRequests: 2 }, async (p) => {
      for (let i = 0; i < 100 && !p.cspConsole.length; i++) await sleep(50);
      assert.deepEqual(p.cspConsole, [`Framing '${closed.origin}/' violates the following Content Security Policy directive: "frame-ancestors 'self' ${closed.origin}". The request has been blocked.\n`]);
      // Nothing of the form ran in the frame.
      assert.equal(await p.page.frames()[1].evaluate(() => typeof window.ftblock).catch(() => 'unreachable'), 'undefined');
    });
    await withPage(`${foreign.url}allowed.html`, {}, async (p) => {
      const frame = p.page.frames()[1];
      await frame.waitForFunction(() => window.ftblock && typeof window.ftblock.mount === 'function');
      assert.equal(new URL(frame.url()).pathname, '/embed.html');
      assert.deepEqual(p.cspConsole, []);
    });
    assert.equal((await fetch(`${open.origin}/embed.html`, { method: 'HEAD' })).headers.get('content-security-policy'),
                 `frame-ancestors 'self' ${foreign.origin}`);
  } finally {
    await Promise.all([foreign.close(), closed.close(), open.close()]);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the host page\'s own inputs keep their keystrokes while a form is mounted, before and after a click into the form', async () => {
  await withPage(`${site.url}examples/`, {}, async ({ page }) => {
    const record = () => page.evaluate(() => window.partnerRecords.form.getRecord());
    const value = (id) => page.evaluate((i) => document.getElementById(i).value, id);
    const changes = () => page.evaluate(() => window.partnerRecords.events.filter((e) => e.type === 'change').length);
    await page.waitForFunction(() => window.partnerRecords && window.partnerRecords.form && window.partnerRecords.frame);
    await page.evaluate(() => Promise.all([window.partnerRecords.form.ready, window.partnerRecords.frame.ready]));
    const before = await record();
    const changesBefore = await changes();

    await page.click('#host-ticket');
    await page.keyboard.type('INC-4711');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('2');                  // INC-4712
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft');
    await page.keyboard.type('X');                  // INC-X4712
    await page.keyboard.press('End');
    await page.keyboard.insertText('（客户）');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'host-notes', 'Tab moves to the next host input');
    await page.keyboard.type('Line one');
    await page.keyboard.press('Enter');
    await page.keyboard.insertText('受阻：等待客户升级固件');
    await page.keyboard.press('Backspace');         // …升级固
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');         // Line on
    await sleep(200);
    assert.equal(await value('host-ticket'), 'INC-X4712（客户）');
    assert.equal(await value('host-notes'), 'Line on\n受阻：等待客户升级固');
    assert.deepEqual(await record(), before, 'the form\'s record is unchanged');
    assert.equal(await changes(), changesBefore, 'the form reported no change');

    // Into the form: its customer field takes keys…
    const rect = (await page.evaluate(() => window.partnerRecords.form.itemRects())).field_customer;
    assert.ok(rect, 'the form reports its customer field');
    await page.mouse.click(rect.x + rect.width / 2, rect.y + rect.height / 2);
    await page.keyboard.press('End');
    await page.keyboard.type(' GmbH');
    await page.waitForFunction(() => window.partnerRecords.form.getRecord().customer === 'Fabrikam 制造 GmbH');
    const edited = await record();
    assert.deepEqual({ ...edited, customer: before.customer }, before, 'only the customer changed');

    // …and back in the host's input, the keys are the host's again.
    await page.click('#host-ticket');
    await page.keyboard.press('End');
    await page.keyboard.type(' ok');
    await page.keyboard.press('Backspace');
    await page.keyboard.insertText('好');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Backspace');         // the 'o' before 好
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+End');
    await page.keyboard.type('!');
    await sleep(200);
    assert.equal(await value('host-ticket'), 'INC-X4712（客户） 好');
    assert.equal(await value('host-notes'), 'Line on\n受阻：等待客户升级固!');
    assert.deepEqual(await record(), edited, 'the form\'s record is unchanged by the host\'s keys');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'host-notes');
  });
});

test('the ES module example mounts the form and uses the validator alone through ftblock-embed.mjs', async () => {
  await withPage(`${site.url}examples/module.html`, {}, async ({ page }) => {
    await page.waitForFunction(() => document.getElementById('module-state').dataset.state !== 'loading');
    assert.equal(await text(page, '#module-state'), 'Ready; the validator alone says: valid / 就绪');
    assert.equal(await text(page, '#validity'), '✓ Valid / 有效');
    assert.equal(await page.locator('#form canvas').count(), 1);
  });
});
