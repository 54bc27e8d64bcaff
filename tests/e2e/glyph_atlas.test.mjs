// The glyphs beyond the character list (issue 10; docs/fonts.md), on Chromium's pixels: at device
// scales 1, 1.25, 1.5, 2 and 3 one character of each kind is the browser's own drawing pixel for
// pixel (crisp) with the browser's advance; a devicePixelRatio change rebuilds the atlas without
// moving anything; a long Chinese text wraps between characters; the atlas grows and evicts
// within its bound and draws the same pixels afterwards; new characters typed through the IME are
// drawn as they come; the screenshots of docs/ and the README (device scale 1 and 2). How long
// those frames take is a figure (scripts/figures.sh), not a test.
// Run: node --test glyph_atlas.test.mjs (in tests/e2e). Screenshots: build/e2e/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

import { serveSite, chromiumPath } from './harness.mjs';
import { launchChromium, Form, CHROMIUM_ARGS } from './form_helpers.mjs';
import { decodePng, ink, inkLines, maskDifference } from './pixels.mjs';
import { ALL, Fields, checkScale, validRecord } from './glyph_helpers.mjs';

const { chromium } = createRequire(import.meta.url)('playwright-core');

let site, browser;
before(async () => {
  site = await serveSite();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

// A real device scale factor (--force-device-scale-factor), not playwright's emulated one: under
// emulation Chromium reports no device-pixel box and resamples a canvas at a fractional scale.
for (const dpr of [1, 1.25, 1.5, 2, 3]) {
  test(`at device scale ${dpr} one character of each kind has the browser's advance and is the browser's own drawing, pixel for pixel`, async () => {
    const scaled = await chromium.launch({ executablePath: chromiumPath, headless: true,
      args: [...CHROMIUM_ARGS, `--force-device-scale-factor=${dpr}`, '--window-size=1280,1000'] });
    const context = await scaled.newContext({ viewport: null, locale: 'zh-CN' });
    const requests = [];
    context.on('request', (r) => requests.push(r.url()));
    const form = new Form(context, await context.newPage(), requests, []);
    try {
      await form.goto(site.url);
      assert.equal(await form.page.evaluate(() => devicePixelRatio), dpr);
      const stats = await form.page.evaluate(() => window.ftblockPage.fontStats());
      assert.equal(stats.atlasWidth, dpr <= 1.25 ? 1024 : 2048);
      assert.deepEqual(await checkScale(form, dpr), []);
    } finally {
      try {
        await form.close();
      } finally {
        await scaled.close();  // even when close() found a stray request or a page error
      }
    }
  });
}

test('a devicePixelRatio change rebuilds the atlas at the new size before the next frame: nothing moves, the glyphs are the new scale\'s', async () => {
  const form = await Form.open(browser, site.url, { locale: 'zh-CN', viewport: { width: 1280, height: 1000 } });
  try {
    const page = form.page;
    await page.evaluate(async (r) => window.ftblockPage.setRecord(r), await validRecord(page, '璟瑄科技 鑫淼 😀 한국 Ñandú', 'x'));
    await form.settle();
    const fieldRects = async () => Object.fromEntries(Object.entries(await form.rects()).filter(([k]) => /^(field|draft)_/.test(k)));
    const before = await fieldRects();
    const builds = (await page.evaluate(() => window.ftblockPage.fontStats())).builds;
    // The emulated scale changes without any event the page could hear, as a browser's zoom or
    // another screen would send; the window's height changing by one pixel sends one.
    const cdp = await form.context.newCDPSession(page);
    await cdp.send('Emulation.setDeviceMetricsOverride', { width: 1280, height: 999, deviceScaleFactor: 2, mobile: false });
    await form.settle();
    const stats = await page.evaluate(() => window.ftblockPage.fontStats());
    assert.equal(await page.evaluate(() => devicePixelRatio), 2);
    assert.equal(stats.builds, builds + 1, 'one new atlas');
    assert.equal(stats.atlasWidth, 2048);
    const after = await fieldRects();
    for (const [name, r] of Object.entries(before))
      for (const k of ['x', 'y', 'width', 'height'])
        assert.ok(Math.abs(after[name][k] - r[k]) < 0.5, `${name}.${k} stays: ${r[k]} → ${after[name][k]}`);
    assert.deepEqual(await checkScale(form, 2), []);
    await cdp.detach();
  } finally {
    await form.close();
  }
});

test('a long Chinese text of rare characters wraps between characters (the problem that quotes it), inside its column', async () => {
  for (const lang of ['zh-CN', 'en']) {
    const form = await Form.open(browser, site.url, { locale: lang === 'en' ? 'en-US' : 'zh-CN', viewport: { width: 1280, height: 1000 } });
    try {
      const page = form.page;
      // Quoted by the problem under Workload (a value not in its list), wrapped to the column.
      // 60 characters (messages quote up to 60): wider than the column, so the run itself breaks.
      const long = '璟瑄堃翀彧赟珺祎鑫淼昊琨钰婧昶晗曦煜铖骐沣桦圳㐀㑇㒸㓁䶮㵘㸚䲜䴙㙟龍臺灣鬱體聽變齊麵廣あかさたなカタナヲゐ深圳臺灣龍鬱體';
      assert.equal([...long].length, 60);
      const record = await validRecord(page, 'Contoso', 'x');
      await page.evaluate((r) => window.ftblockPage.setRecord(r), { ...record, workload: long });
      await form.settle();
      const workload = await form.rect('field_workload');
      const next = await form.rect('scenario_assignment');
      const top = workload.y + workload.height + 1, bottom = next.y - 4;
      const img = decodePng(await page.screenshot({ clip: { x: workload.x, y: top, width: workload.width, height: bottom - top } }));
      const lines = inkLines(ink(img));
      assert.ok(lines.length >= 3, `${lang}: the problem takes ${lines.length} lines`);
      const cjk = 14;  // one Han character's advance, about
      // Every line but the last ends near the column's edge: it broke between two characters
      // of the quoted run, not at the space before it; no line runs past the column.
      for (const line of lines.slice(0, 1))
        assert.ok(line.right >= img.width - 2 * cjk, `${lang}: the first line is full (ends at ${line.right} of ${img.width})`);
      for (const line of lines) assert.ok(line.right < img.width - 1, `${lang}: a line ends inside the column`);
      const [problem] = (await form.diagnostics()).filter((d) => d.field === 'workload');
      assert.ok(problem.message.includes(long.slice(0, 20)), `${lang}: the message quotes the value`);
    } finally {
      await form.close();
    }
  }
});

test('the atlas grows, then drops its glyphs when full, within its bound; the text drawn afterwards is pixel for pixel what it was', async () => {
  const form = await Form.open(browser, site.url, { locale: 'zh-CN', viewport: { width: 1280, height: 1000 } });
  try {
    const page = form.page;
    const fields = new Fields(form);
    const text = ALL.map((c) => c.ch).slice(0, 40).join('');
    const show = async (customer, notes) => {
      await page.evaluate((r) => window.ftblockPage.setRecord(r), await validRecord(page, customer, notes));
      await form.settle();
    };
    await show(text, '|');
    await fields.locate();
    const first = (await fields.shoot()).customer;
    const start = await page.evaluate(() => window.ftblockPage.fontStats());
    // Notes full of Han characters never shown before: five lines of 58, 300 new glyphs a time.
    for (let round = 0; round < 16; round++) {
      const lines = [];
      for (let l = 0; l < 5; l++)
        lines.push(Array.from({ length: 58 }, (_, i) => String.fromCodePoint(0x4E00 + round * 290 + l * 58 + i)).join(''));
      await show('x', lines.join('\n'));
    }
    const stats = await page.evaluate(() => window.ftblockPage.fontStats());
    assert.equal(start.atlasHeight, 256);
    assert.ok(stats.grows >= 2, `it grew (${stats.grows} times)`);
    assert.ok(stats.evictions >= 1, `it dropped its glyphs when full (${stats.evictions} times)`);
    assert.ok(stats.atlasHeight <= stats.atlasMaxHeight && stats.atlasWidth * stats.atlasHeight * 4 <= 4 * 1024 * 1024,
              `texture memory stays bounded: ${stats.atlasWidth} × ${stats.atlasHeight}`);
    await show(text, '|');
    const again = (await fields.shoot()).customer;
    assert.equal(maskDifference(first, again, first.width, again.width), 0, 'the same text draws the same pixels after the eviction');
  } finally {
    await form.close();
  }
});

// How long those frames take is a figure (scripts/figures.sh), not a test: this checks that each
// new character is measured, drawn and shown as it comes, in as many frames as typing takes.
test('typing new characters through the IME: each is drawn into the atlas as it comes and shown', async () => {
  const form = await Form.open(browser, site.url, { locale: 'zh-CN' });
  try {
    const page = form.page;
    await form.click('field_customer');
    await page.evaluate(() => window.ftblockPage.frameTimes());  // from here on
    const before = await page.evaluate(() => window.ftblockPage.fontStats());
    const typed = '璟瑄堃翀彧赟珺祎鑫淼昊琨钰婧昶晗曦煜铖骐';
    for (const ch of typed) await form.ime('pinyin', ch);
    const after = await page.evaluate(() => window.ftblockPage.fontStats());
    const frames = await page.evaluate(() => window.ftblockPage.frameTimes());
    assert.equal((await form.record()).customer, typed);
    assert.ok(after.rasterized - before.rasterized >= typed.length, `${after.rasterized - before.rasterized} glyphs drawn`);
    const withNew = frames.filter((f) => f.glyphs > 0);
    assert.equal(frames.reduce((n, f) => n + f.glyphs, 0), after.rasterized - before.rasterized, 'each frame counts its glyphs');
    assert.ok(withNew.length >= typed.length / 2, `new characters were drawn in ${withNew.length} frames as they came`);
    const fields = new Fields(form);
    await fields.locate();
    const line = (await fields.shoot({ notes: false })).customer;
    assert.ok(line.right - line.left > typed.length * 12, `the ${typed.length} characters are shown (${line.right - line.left} px of ink)`);
  } finally {
    await form.close();
  }
});

// The pictures of docs/ and the README: a record whose customer is 璟瑄科技 鑫淼 😀 한국 Ñandú and
// whose note holds the test's characters, next to two other drafts, in both languages, at
// device scale 1 and 2 (build/e2e/glyphs-{zh,en}-{1,2}x.png).
test('screenshots: a record with 璟瑄科技 鑫淼 😀 한국 Ñandú, en and zh, device scale 1 and 2', async () => {
  for (const scale of [1, 2]) {
    const form = await Form.open(browser, site.url, { locale: 'zh-CN', deviceScaleFactor: scale });
    try {
      const page = form.page;
      const set = async (r) => { await page.evaluate((x) => window.ftblockPage.setRecord(x), r); await form.settle(); };
      await set({ ...(await validRecord(page, '深圳市鑫淼科技有限公司', '客户的 VPN 设备与服务不兼容，需要先升级固件后才能部署。')), id: 'FT-2026-000124', scenario: 'assignment' });
      await form.click('new_delivery');
      await set({ customer: '臺灣龍騰股份有限公司', scenario: 'delivery', workload: 'teams' });
      await form.click('new_assignment');
      const notes = 'GB2312 二级：鑫淼昊琨钰婧昶晗曦煜 · 扩展 A：㐀㑇㒸㓁䶮 · 繁體：龍臺灣鬱體\n' +
                    'かな カナ · 한국어 · Привет · Ñandú · 😀🎉👍🚀✅ — 客户的 VPN 设备与服务不兼容，需要先升级固件后才能部署。';
      await set(await validRecord(page, '璟瑄科技 鑫淼 😀 한국 Ñandú', notes));
      assert.deepEqual(await form.diagnostics(), []);
      await page.mouse.move(640, 10);
      await page.evaluate(() => document.activeElement && document.activeElement.blur());
      await form.screenshot(`glyphs-zh-${scale}x.png`);
      await page.evaluate(() => window.ftblockPage.setLanguage('en'));
      await form.settle();
      await form.screenshot(`glyphs-en-${scale}x.png`);
      const stats = await page.evaluate(() => window.ftblockPage.fontStats());
      assert.equal(stats.evictions, 0);
    } finally {
      await form.close();
    }
  }
});

