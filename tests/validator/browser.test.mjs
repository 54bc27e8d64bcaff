// The validator alone in a real browser (Debian's Chromium, via tests/e2e's harness): a host page
// with ftblock-embed.js (ftblock.validate / check) and a Web Worker with importScripts give the
// same results as node; no request leaves the server, the .wasm is fetched once per instance.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { launchBrowser, serveSite, siteDir } from '../e2e/harness.mjs';
import h from './helpers.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const D = {
  id: 'FT-D1', customer: 'Contoso Ltd', workload: 'teams', scenario: 'delivery', updated_by: 'delivery_fm',
  l1: 'blocked', l2: 'customer_it_infrastructure', l3: null, service_state: 'not_applicable',
  engagement_scenario: 'ftc_ftp_led', target_date: '2026-12-15', owner: 'account_team',
  notes: '客户的 VPN 设备与服务不兼容，需要先升级固件后才能部署。', next_action_date: null,
  next_action: 'Customer upgrades VPN firmware, then re-test sign-in', updated_at: '2026-11-24',
};
const LINES = [JSON.stringify(D), JSON.stringify({ ...D, id: 'FT-D2', owner: '客户团队' }), '{"id": "FT-D3",'].join('\n') + '\n';

let site, browser, page, node;
const requests = [], problems = [];

before(async () => {
  node = await h.loadValidator();
  site = await serveSite(siteDir, { mounts: { '/vt/': path.join(here, 'fixtures') } });
  browser = await launchBrowser();
  page = browser.page;
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {  // failed loads are judged by their responses below
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  await page.goto(`${site.url}vt/page.html`);
});

after(async () => {
  await browser?.close();
  await site?.close();
});

test('page: ftblock.validate and ftblock.check give what node gives', async () => {
  const bad = { ...D, owner: '客户团队' };
  const got = await page.evaluate(async ([record, lines]) => ({
    one: await ftblock.validate(record, { today: '2026-11-24', lang: 'zh-CN' }),
    text: await ftblock.validate('{"id": 1,', { today: '2026-11-24' }),
    all: await ftblock.check(lines, { fileName: 'p.jsonl', today: '2026-11-24', report: 'json' }),
    same: (await ftblock.validator()) === (await ftblock.validator()),
    badLang: await ftblock.validate(record, { lang: 'fr' }).then(() => 'resolved', (e) => `${e.name}: ${e.message}`),
  }), [bad, LINES]);
  assert.deepEqual(got.one, node.validate(bad, { today: '2026-11-24', lang: 'zh-CN' }));
  assert.deepEqual(got.text, { valid: false, diagnostics: [], error: { line: 1, column: 10, message: 'unexpected end of input' } });
  assert.deepEqual(got.all, node.check(LINES, { fileName: 'p.jsonl', today: '2026-11-24', report: 'json' }));
  assert.equal(got.all.exitCode, 1);
  assert.equal(got.same, true);
  assert.equal(got.badLang, 'TypeError: ftblock: lang must be \'en\' or \'zh-CN\', not "fr"');
  assert.deepEqual(problems, []);
});

test('Web Worker: importScripts of the two scripts and a batch in 7-byte chunks', async () => {
  const got = await page.evaluate((lines) => new Promise((resolve) => {
    const worker = new Worker('/vt/worker.js');
    worker.onmessage = (e) => { resolve(e.data); worker.terminate(); };
    worker.onerror = (e) => resolve({ error: e.message });
    worker.postMessage({ text: lines, lang: 'en', chunk: 7 });
  }), LINES);
  assert.equal(got.error, undefined, got.error);
  assert.deepEqual(got, node.check(LINES, { fileName: 'w.jsonl', today: '2026-11-24', report: 'json' }));
  const own = requests.filter((u) => u.startsWith(site.origin)).map((u) => u.slice(site.origin.length));
  assert.deepEqual(requests.filter((u) => !u.startsWith(site.origin)), [], 'no request leaves the server');
  assert.deepEqual(own.filter((u) => u.includes('validator')), [
    '/ftblock-validator-core.js', '/ftblock-validator.js', '/ftblock-validator-core.wasm',  // the page
    '/ftblock-validator-core.js', '/ftblock-validator.js', '/ftblock-validator-core.wasm',  // the worker
  ]);
  assert.deepEqual(problems, []);
});
