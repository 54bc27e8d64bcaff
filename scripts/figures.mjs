// The browser form's figures (scripts/figures.sh runs this after building):
//   node scripts/figures.mjs [--runs N] [--site DIR] [--compare DIR]
// 1. download size, raw and gzip (level 6, what servers typically use), of every file ftblock's
//    page requests, against the budget (350 KB = 350,000 bytes gzip); and of the validator alone
//    and the embedding scripts;
// 2. in Debian's Chromium (headless, fresh profile each run, SwiftShader WebGL2): the time from
//    navigation to the first frame drawn and to the stored drafts being in (a first visit: an
//    empty store; User Timing marks of ftblock-embed.js, docs/embedding.md#timing-marks), at
//    devicePixelRatio 1 and 2, median of N runs; the glyph atlas: its build (texture + the
//    permanent ASCII glyphs) and the glyphs the browser rasterised for the first frame;
// 3. frames drawn in 3 s of idle, counted from 1 s after the first frame (target: 0);
// 4. typing Chinese through the input method (CDP Input.imeSetComposition + insertText, as the
//    browser tests do) into Customer, 24 characters none of which the form showed before, then
//    the same 24 again: the form's own frame times (frameTimes(): target, no frame that drew a
//    new glyph over 50 ms), every requestAnimationFrame callback and input event handler timed
//    from outside, and the main-thread tasks over 50 ms (Long Tasks API; under SwiftShader the
//    browser's own compositing of a large canvas makes them, new characters or not — the second
//    pass shows it).
// --compare DIR measures a second site (e.g. a build of an earlier revision) in the same run,
// alternating with this one, and prints the ratios (the issue-10 bars: first frame ≤ 60 %).
// Sites without fontStats() (builds before issue 10) report their atlas build if they record
// a "ftblock:atlas-build" User Timing measure.
// Exits 1 if the download is over budget, an idle form draws, or a frame that drew a new glyph
// took over 50 ms.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

import { serveSite, launchBrowser, openForm, siteDir as defaultSite, sleep } from '../tests/e2e/harness.mjs';

const BUDGET_GZIP = 350_000;
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const runs = Number(opt('--runs', 5));
const sites = [{ name: 'this build', dir: path.resolve(opt('--site', defaultSite)) }];
if (opt('--compare', null)) sites.push({ name: 'compared', dir: path.resolve(opt('--compare', null)) });

const kb = (n) => (n / 1000).toFixed(1).padStart(8) + ' KB';
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => (Number.isFinite(x) ? `${x.toFixed(0)} ms` : '—');

// Characters the form's own text does not use (GB2312 level 2, CJK Extension A, traditional),
// typed one composition each.
const TYPED = '璟瑄鑫淼堃昊翀彧珺琨鋆赟垚犇龘㐀㑇䶮隽祎煜瑾瀚喆';

// Times every requestAnimationFrame callback and input event handler of the page (the form's
// frames run in one or the other), and collects long tasks.
const FRAME_TIMER = `(() => {
  const times = window.__frameTimes = [];
  window.__longTasks = [];
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longTasks.push(e.duration); })
      .observe({ type: 'longtask' });
  } catch (e) {}
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (cb) => raf((t) => { const s = performance.now(); try { cb(t); } finally { times.push(performance.now() - s); } });
  const add = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (type, fn, o) {
    if (typeof fn !== 'function' || !/^(composition|input|key|beforeinput)/.test(type)) return add.call(this, type, fn, o);
    const timed = function (e) { const s = performance.now(); try { return fn.call(this, e); } finally { times.push(performance.now() - s); } };
    return add.call(this, type, timed, o);
  };
})();`;

for (const s of sites) s.server = await serveSite(s.dir);
let failures = 0;
try {
  // --- 1. sizes: what the page requests, measured in Chromium, not assumed ---
  const gzipSize = (dir, name) => zlib.gzipSync(fs.readFileSync(path.join(dir, name)), { level: 6 }).length;
  const rawSize = (dir, name) => fs.statSync(path.join(dir, name)).size;
  const table = (dir, title, names, budget) => {
    console.log(title);
    console.log(`  ${'file'.padEnd(30)} ${'raw'.padStart(11)} ${'gzip'.padStart(11)}`);
    let raw = 0, gz = 0;
    for (const name of [...names].sort()) {
      if (!fs.existsSync(path.join(dir, name))) continue;
      raw += rawSize(dir, name);
      gz += gzipSize(dir, name);
      console.log(`  ${name.padEnd(30)} ${kb(rawSize(dir, name))} ${kb(gzipSize(dir, name))}`);
    }
    console.log(`  ${'total'.padEnd(30)} ${kb(raw)} ${kb(gz)}` +
                (budget ? `   budget ${kb(budget).trim()} gzip: ${gz <= budget ? 'within' : 'OVER'}` : ''));
    return gz;
  };
  for (const s of sites) {
    const requested = new Set();
    const browser = await launchBrowser();
    try {
      browser.page.on('request', (r) => {
        const u = new URL(r.url());
        if (u.origin === s.server.origin) requested.add(decodeURIComponent(u.pathname.slice(1)) || 'index.html');
      });
      await openForm(browser.page, s.server.url);
    } finally {
      await browser.close();
    }
    console.log(`\n== ${s.name}: ${s.dir}`);
    s.gzip = table(s.dir, 'ftblock\'s page (index.html): every file it requested', requested, s === sites[0] ? BUDGET_GZIP : 0);
    if (s === sites[0]) {
      if (s.gzip > BUDGET_GZIP) failures++;
      table(s.dir, 'The validator alone (ftblock.validate): loaded on first use, no form', [
        'ftblock-validator-core.wasm', 'ftblock-validator-core.js', 'ftblock-validator.js']);
      table(s.dir, 'Embedding scripts', ['ftblock-embed.js', 'ftblock-embed.mjs', 'embed.html', 'ftblock-frame-page.js']);
    }
  }

  // --- 2, 3. first frame, atlas, idle: the sites alternate run by run ---
  for (const dpr of [1, 2]) {
    for (const s of sites) s.t = { firstFrame: [], drafts: [], wasm: [], atlas: [], firstGlyphs: [], idle: [] };
    for (let run = 0; run < runs; run++) {
      for (const s of sites) {
        const browser = await launchBrowser({ deviceScaleFactor: dpr });
        try {
          const { page } = browser;
          const errors = await openForm(page, s.server.url);
          if (errors.length) console.log(`  ${s.name}: page errors: ${errors.join('; ')}`);
          const m = await page.evaluate(() => {
            const at = (n) => performance.getEntriesByName(n)[0];
            const stats = window.ftblockPage.fontStats ? window.ftblockPage.fontStats() : null;
            return {
              wasm: at('ftblock:wasm-ready')?.startTime ?? NaN,
              firstFrame: at('ftblock:first-frame')?.startTime ?? NaN,
              // the stored drafts in: later than the first frame when the form started before
              // the drafts database had opened (docs/storage.md#opening)
              drafts: at('ftblock:drafts')?.startTime ?? at('ftblock:first-frame')?.startTime ?? NaN,
              atlas: stats ? stats.buildMs : (at('ftblock:atlas-build')?.duration ?? NaN),
              glyphs: stats ? [stats.rasterized, stats.rasterizeMs] : null,
            };
          });
          s.t.firstFrame.push(m.firstFrame);
          s.t.drafts.push(m.drafts);
          s.t.wasm.push(m.wasm);
          s.t.atlas.push(m.atlas);
          if (m.glyphs) s.t.firstGlyphs.push(m.glyphs);
          await sleep(1000);
          const before = await page.evaluate(() => window.ftblockPage.framesRendered());
          await sleep(3000);
          s.t.idle.push((await page.evaluate(() => window.ftblockPage.framesRendered())) - before);
        } finally {
          await browser.close();
        }
      }
    }
    console.log(`\nChromium headless, devicePixelRatio ${dpr}, median of ${runs} runs, from navigation start:`);
    for (const s of sites) {
      const t = s.t;
      const all = (xs) => xs.map((x) => x.toFixed(0)).join(', ');
      console.log(`  ${s.name}:`);
      console.log(`    module ready         ${ms(median(t.wasm))} (runs: ${all(t.wasm)})`);
      console.log(`    first frame          ${ms(median(t.firstFrame))} (runs: ${all(t.firstFrame)})`);
      console.log(`    drafts in            ${ms(median(t.drafts))} (runs: ${all(t.drafts)})`);
      console.log(`    atlas build          ${ms(median(t.atlas))}` +
                  (t.firstGlyphs.length ? ` + first frame's glyphs: ${median(t.firstGlyphs.map((g) => g[0]))} rasterised ` +
                   `in ${ms(median(t.firstGlyphs.map((g) => g[1])))}` : ''));
      console.log(`    idle frames in 3 s   ${t.idle.join(', ')} (after the first second; target 0)`);
      if (s === sites[0]) failures += t.idle.filter((n) => n !== 0).length;
      s[`firstFrame${dpr}`] = median(t.firstFrame);
    }
    if (sites.length > 1) {
      const ratio = sites[0][`firstFrame${dpr}`] / sites[1][`firstFrame${dpr}`];
      console.log(`  first frame, this build / compared: ${(100 * ratio).toFixed(0)} % (bar: ≤ 60 %)`);
    }
  }

  // --- 4. typing new Chinese characters through the input method, then the same ones again ---
  for (const dpr of [1, 2]) {
    console.log(`\nTyping ${TYPED.length} characters through the IME into Customer (Chinese UI), devicePixelRatio ${dpr}:`);
    for (const s of sites) {
      const browser = await launchBrowser({ deviceScaleFactor: dpr, locale: 'zh-CN' });
      try {
        const { page, context } = browser;
        await context.addInitScript(FRAME_TIMER);
        await openForm(page, s.server.url);
        await sleep(300);
        const r = (await page.evaluate(() => window.ftblockPage.itemRects())).field_customer;
        const cdp = await context.newCDPSession(page);
        for (const pass of ['new to the form', 'typed again']) {
          await page.mouse.click(r.x + r.width / 2, r.y + r.height / 2);
          await page.keyboard.press('Control+A');
          await page.keyboard.press('Delete');
          await sleep(300);
          await page.evaluate(() => { window.__frameTimes.length = 0; window.__longTasks.length = 0; });
          await page.evaluate(() => window.ftblockPage.frameTimes?.());  // from here on
          for (const ch of TYPED) {
            await cdp.send('Input.imeSetComposition', { text: 'pinyin', selectionStart: 6, selectionEnd: 6 });
            await sleep(30);
            await cdp.send('Input.insertText', { text: ch });
            await sleep(120);
          }
          await sleep(500);
          const res = await page.evaluate(() => ({
            handlers: Math.max(0, ...window.__frameTimes),
            longTasks: window.__longTasks.slice(),
            frames: window.ftblockPage.frameTimes ? window.ftblockPage.frameTimes() : null,
            customer: window.ftblockPage.getCurrentRecord().customer,
          }));
          const typedOk = res.customer === TYPED;
          let own = '';
          if (res.frames) {
            const all = res.frames.map((f) => f.ms), fresh = res.frames.filter((f) => f.glyphs > 0).map((f) => f.ms);
            own = `; the form's frames: ${all.length}, longest ${Math.max(0, ...all).toFixed(1)} ms` +
                  (fresh.length ? `; with a new glyph: ${fresh.length}, longest ${Math.max(...fresh).toFixed(1)} ms, ` +
                   `median ${median(fresh).toFixed(1)} ms` : '; none drew a new glyph');
            if (s === sites[0] && pass === 'new to the form' && fresh.some((ms) => ms > 50)) failures++;
          }
          console.log(`  ${s.name}, ${pass}: longest frame or input handler ${res.handlers.toFixed(1)} ms${own}` +
                      `; main-thread tasks over 50 ms: ${res.longTasks.length ? res.longTasks.length + ' (longest ' + Math.max(...res.longTasks).toFixed(0) + ' ms)' : 'none'}` +
                      (typedOk ? '' : `; typed text arrived as ${JSON.stringify(res.customer)}`));
          if (s === sites[0] && !typedOk) failures++;
        }
        await cdp.detach();
      } finally {
        await browser.close();
      }
    }
  }
} finally {
  for (const s of sites) await s.server.close();
}

process.exit(failures ? 1 : 0);
