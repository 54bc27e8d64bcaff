// ftblockValidator.pool() in Chromium on a page served with the strict example page's
// Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval', worker-src falling back to it):
// real Web Workers from ftblock-validator-worker.js next to the loader, the report byte for
// byte the one batch() gives in the page and in node, no policy violation, no request elsewhere.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { launchBrowser, serveSite, siteDir } from '../e2e/harness.mjs';
import h from './helpers.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const CSP = JSON.parse(fs.readFileSync(path.join(siteDir, 'examples/strict-csp/csp.json'), 'utf8'))['Content-Security-Policy'];

const HEADER = 'id,customer,workload,scenario,updated_by,l1,l2,l3,service_state,engagement_scenario,target_date,owner,notes,next_action_date,next_action,updated_at';
const D = {
  id: 'FT-D1', customer: 'Contoso Ltd', workload: 'teams', scenario: 'delivery', updated_by: 'delivery_fm',
  l1: 'blocked', l2: 'customer_it_infrastructure', l3: null, service_state: 'not_applicable',
  engagement_scenario: 'ftc_ftp_led', target_date: '2026-12-15', owner: 'account_team',
  notes: '客户的 VPN 设备与服务不兼容，需要先升级固件后才能部署。', next_action_date: null,
  next_action: 'Customer upgrades VPN firmware, then re-test sign-in', updated_at: '2026-11-24',
};
let lines = '', csv = HEADER + '\r\n';
for (let i = 0; i < 400; i++) {
  lines += JSON.stringify({ ...D, id: `FT-${i}`, owner: i % 7 ? 'account_team' : '客户团队' }) + (i % 50 ? '\n' : '\n\n');
  csv += `FT-C${i},Contoso Ltd,teams,delivery,delivery_fm,blocked,customer_it_infrastructure,,not_applicable,ftc_ftp_led,` +
         `2026-12-15,${i % 9 ? 'account_team' : 'x'},"line one\nline ""two""",,"Customer upgrades, then re-test",2026-11-24\r\n`;
}
csv += 'FT-BAD,"never closed\n';
const FILES = [{ name: 'a.jsonl', data: lines }, { name: 'b.csv', data: csv }, { name: 'c.jsonl', data: lines.slice(0, 3000) }];

let site, browser, page, node;
const requests = [], problems = [];

before(async () => {
  node = await h.loadValidator();
  site = await serveSite(siteDir, { headers: { 'Content-Security-Policy': CSP }, mounts: { '/vt/': path.join(here, 'fixtures') } });
  browser = await launchBrowser();
  page = browser.page;
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  const response = await page.goto(`${site.url}vt/pool.html`);
  assert.equal(response.headers()['content-security-policy'], CSP);
  assert.match(CSP, /script-src 'self' 'wasm-unsafe-eval';/);
  assert.doesNotMatch(CSP, /worker-src|blob:/);
});

after(async () => {
  await browser?.close();
  await site?.close();
});

function batchInNode(options) {
  const b = node.batch(options);
  let text = '';
  for (const f of FILES) text += b.begin(f.name) + b.push(f.data);
  const r = b.finish();
  return { report: text + r.report, exitCode: r.exitCode, summary: r.summary };
}

test('a pool of 3 Web Workers under the strict CSP gives batch()\'s report, cut in pieces of 700 bytes', async () => {
  const got = await page.evaluate(async (files) => {
    const pool = await ftblockValidator.pool({ workers: 3, pieceBytes: 700 });
    const out = { workers: pool.workers, fallback: pool.fallback, runs: [] };
    for (const [report, lang] of [['json', 'en'], ['text', 'zh-CN']]) {
      const options = { report, lang, today: '2026-11-24', previous: [files[0].data.split('\n')[0]] };
      const r = await pool.batch(files, options);
      // The same files as Blobs (what <input type="file"> gives): read piece by piece.
      out.blobs = out.blobs || [];
      out.blobs.push(await pool.batch(files.map((f) => ({ name: f.name, data: new Blob([f.data]) })), options));
      const b = pool.validator.batch(options);
      let text = '';
      for (const f of files) text += b.begin(f.name) + b.push(f.data);
      const one = b.finish();
      out.runs.push({ pool: r, page: { report: text + one.report, exitCode: one.exitCode, summary: one.summary } });
    }
    pool.terminate();
    out.violations = window.cspViolations;
    return out;
  }, FILES);
  assert.equal(got.fallback, null, 'the workers started');
  assert.equal(got.workers, 3);
  const runs = [['json', 'en'], ['text', 'zh-CN']];
  got.runs.forEach((run, i) => {
    const [report, lang] = runs[i];
    const want = batchInNode({ report, lang, today: '2026-11-24', previous: [lines.split('\n')[0]] });
    assert.equal(run.pool.report, run.page.report, `${report} ${lang}: pool against batch() in the page`);
    assert.deepEqual(got.blobs[i], run.pool, `${report} ${lang}: the files as Blobs`);
    assert.deepEqual(run.pool, want, `${report} ${lang}: pool against batch() in node`);
    assert.equal(want.exitCode, 2, 'b.csv ends with a file error');
  });
  assert.deepEqual(got.violations, [], 'securitypolicyviolation events');
  assert.deepEqual(requests.filter((u) => !u.startsWith(site.origin)), [], 'no request leaves the server');
  const own = requests.map((u) => new URL(u).pathname).filter((p) => p.includes('validator'));
  assert.equal(own.filter((p) => p === '/ftblock-validator-worker.js').length, 3, 'one worker script per worker');
  assert.equal(own.filter((p) => p === '/ftblock-validator-core.wasm').length, 4, 'the page\'s instance and one per worker');
  assert.deepEqual(problems, []);
});

test('the policy is in force: a worker from a blob: URL is refused', async () => {
  const refused = await page.evaluate(() => new Promise((resolve) => {
    document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true });
    try {
      new Worker(URL.createObjectURL(new Blob(['postMessage(1)'], { type: 'text/javascript' })));
    } catch (e) {
      resolve(e.name);
    }
  }));
  assert.match(refused, /^(worker-src|script-src|SecurityError)/);
  problems.length = 0;  // the refusal's console message
});

test('where no Worker can be made, the pool checks in the page: same report, workers 0', async () => {
  const got = await page.evaluate(async (files) => {
    const saved = window.Worker;
    window.Worker = undefined;
    try {
      const pool = await ftblockValidator.pool({ workers: 2 });
      const r = await pool.batch(files, { report: 'json', today: '2026-11-24' });
      return { workers: pool.workers, fallback: pool.fallback, r };
    } finally {
      window.Worker = saved;
    }
  }, FILES);
  assert.equal(got.workers, 0);
  assert.equal(got.fallback, 'Web Workers are not available here');
  assert.deepEqual(got.r, batchInNode({ report: 'json', today: '2026-11-24' }));
  assert.deepEqual(problems, []);
});
