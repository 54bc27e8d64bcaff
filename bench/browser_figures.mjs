// The drafts form's figures in Chromium, at several numbers of drafts in the same run (issue 9):
//   node bench/browser_figures.mjs [--counts 1,1000,20000] [--keys 15] [--site DIR] [--verbose]
// For each count, in a fresh on-disk profile of Debian's Chromium (headless, SwiftShader WebGL2,
// the e2e harness's server and settings):
//   import       a generated JSON Lines file of that many records (tests/e2e/records.mjs, ~700 bytes
//                each) through the real Import… button and file chooser: from the file input's
//                change event until the form's saved event for the import (read, added, stored);
//   longest task the longest task the page ran meanwhile (PerformanceObserver 'longtask', ≥ 50 ms);
//   keystroke    one key typed into Customer until the next frame is drawn: the key event's time
//                stamp to the end of the first frame drawn after it (median and max of --keys keys,
//                each on its own, with the draft saved in between);
//   reload       navigation start of a reload until the form has every draft back: the
//                ftblock:drafts mark when the form started before the store had opened (it then
//                takes the drafts a little later), else ftblock:first-frame (read before it).
// "1" is the form's own first draft and no import. --verbose adds, on stderr, the long tasks of
// each import and the User Timing marks of each reload (wasm-ready, store-open, first-frame).
// A benchmark prints figures; it asserts only that the drafts are all there.
import path from 'node:path';

import { serveSite, launchBrowser, siteDir as defaultSite, sleep } from '../tests/e2e/harness.mjs';
import { jsonLines } from '../tests/e2e/records.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const counts = opt('--counts', '1,1000,20000').split(',').map(Number);
const keys = Number(opt('--keys', 15));
const site = path.resolve(opt('--site', defaultSite));
const verbose = args.includes('--verbose');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const grouped = (n) => n.toLocaleString('en-US');
const ms = (x) => `${Math.round(x)} ms`;
const s = (x) => `${(x / 1000).toFixed(2)} s`;

// In every page: key → next frame, long tasks, and the saved events (for the import's end).
const PROBE = `
window.figures = { keys: [], longTasks: [], saved: [], changeAt: 0 };
try {
  new PerformanceObserver((list) => list.getEntries().forEach((e) => window.figures.longTasks.push([e.startTime, e.duration])))
    .observe({ type: 'longtask', buffered: true });
} catch (e) {}
addEventListener('keydown', (e) => {
  const t0 = e.timeStamp;
  const n0 = window.ftblockPage.framesRendered();
  const check = () => {
    if (window.ftblockPage.framesRendered() > n0) window.figures.keys.push(performance.now() - t0);
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}, true);
addEventListener('change', (e) => { if (e.target && e.target.type === 'file') window.figures.changeAt = performance.now(); }, true);
addEventListener('ftblock:saved', (e) => window.figures.saved.push([performance.now(), e.detail.ok, e.detail.put.length]), true);`;

async function waitReady(page) {
  await page.waitForFunction(() => window.ftblockPage && window.ftblockPage.ready, null, { polling: 20 });
  await page.evaluate(() => window.ftblockPage.ready);
}

async function settle(page) {
  await page.evaluate(() => new Promise((resolve) => {
    let last = window.ftblockPage.framesRendered(), still = 0;
    const tick = () => {
      const n = window.ftblockPage.framesRendered();
      if (n === last) { if (++still >= 3) { resolve(); return; } } else { still = 0; last = n; }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }));
}

async function click(page, name) {
  const r = await page.evaluate((n) => window.ftblockPage.itemRects()[n], name);
  if (!r) throw new Error(`the form reports no widget "${name}"`);
  await page.mouse.click(r.x + r.width / 2, r.y + r.height / 2);
}

async function measure(server, count) {
  const browser = await launchBrowser({ acceptDownloads: true });
  const { context, page } = browser;
  const row = { count, import: null, longest: null, keys: [], reload: null };
  try {
    await context.addInitScript({ content: PROBE });
    page.on('pageerror', (e) => console.error(`  page error: ${e.message}`));
    await page.goto(server.url);
    await waitReady(page);
    await settle(page);
    if (count > 1) {
      const file = jsonLines(count);
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), click(page, 'import')]);
      await chooser.setFiles([{ name: `tenants-${count}.jsonl`, mimeType: 'application/json', buffer: file }]);
      await page.waitForFunction((n) => window.figures.saved.some(([, ok, puts]) => ok && puts >= n), count,
        { timeout: 30 * 60 * 1000, polling: 100 });
      const f = await page.evaluate(() => window.figures);
      const end = f.saved.find(([, ok, puts]) => ok && puts >= count)[0];
      row.import = end - f.changeAt;
      const during = f.longTasks.filter(([start]) => start >= f.changeAt && start <= end).map(([, d]) => d);
      row.longest = during.length ? Math.max(...during) : 0;
      if (verbose) {
        console.error(`  long tasks of the import [start ms after the change event, duration ms]: ${
          JSON.stringify(f.longTasks.filter(([a]) => a >= f.changeAt).map(([a, d]) => [Math.round(a - f.changeAt), Math.round(d)]))}`);
      }
      await settle(page);
    }
    const drafts = await page.evaluate(() => window.ftblockPage.getDrafts().length);
    const expected = count > 1 ? count + 1 : 1;
    if (drafts !== expected) throw new Error(`${drafts} drafts, expected ${expected}`);

    // Keystrokes into the current draft's Customer, one at a time.
    await click(page, 'field_customer');
    await settle(page);
    await page.keyboard.press('End');
    await settle(page);
    await page.evaluate(() => { window.figures.keys.length = 0; });
    for (let i = 0; i < keys; i++) {
      await page.keyboard.type(String.fromCharCode(97 + (i % 26)));
      await settle(page);
      await sleep(50);
    }
    row.keys = await page.evaluate(() => window.figures.keys.slice());
    await click(page, 'new_assignment');  // leaves the field: the last edit is saved too
    await settle(page);
    await sleep(300);

    // Reload until the drafts are back.
    await page.reload();
    await waitReady(page);
    row.reload = await page.evaluate(() => {
      const at = (name) => performance.getEntriesByName(name)[0]?.startTime;
      return at('ftblock:drafts') ?? at('ftblock:first-frame');
    });
    if (verbose) {
      console.error(`  reload marks (ms after navigation start): ${await page.evaluate(() => performance.getEntriesByType('mark')
        .map((m) => `${m.name} ${Math.round(m.startTime)}`).join(', '))}`);
    }
    const back = await page.evaluate(() => window.ftblockPage.getDrafts().length);
    if (back !== expected + 1) throw new Error(`after the reload: ${back} drafts, expected ${expected + 1}`);
  } finally {
    await browser.close();
  }
  return row;
}

const server = await serveSite(site);
const rows = [];
try {
  for (const count of counts) {
    process.stderr.write(`measuring ${grouped(count)} drafts…\n`);
    rows.push(await measure(server, count));
  }
} finally {
  await server.close();
}

const header = ['drafts', 'import', 'longest task', 'keystroke → frame (median / max)', 'reload until drafts are back'];
const lines = rows.map((r) => [
  grouped(r.count),
  r.import == null ? '–' : s(r.import),
  r.longest == null ? '–' : r.longest ? ms(r.longest) : '< 50 ms',
  r.keys.length ? `${ms(median(r.keys))} / ${ms(Math.max(...r.keys))}` : '?',
  s(r.reload),
]);
const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
console.log(`Chromium headless (${site}), generated JSON Lines (~700 bytes a record); ${keys} keys each`);
console.log(header.map((h, i) => h.padEnd(widths[i])).join('  '));
for (const l of lines) console.log(l.map((c, i) => (i === 0 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  '));
console.log('drafts: imported records plus the form\'s first draft; the reload adds the draft typed into.');
