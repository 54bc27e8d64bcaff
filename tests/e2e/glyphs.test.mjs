// Every character the browser can show renders in the form (issue 10; docs/fonts.md), asserted on
// the pixels Chromium shows: for each character of CHARACTERS — GB2312 level 2, GBK, CJK
// Extension A, traditional Chinese, kana, Hangul, Cyrillic, accented Latin, emoji, and one no
// installed font has — drawn in Customer, in Notes, and typed into Notes through a real input
// method composition, in both UI languages: its drawing differs from the drawing of '?' and from
// an empty cell, and its advance (where the '|' after it lands) is the browser's own advance for
// that character in the form's font within one device pixel. Also: at device scales 1, 1.25, 1.5,
// 2 and 3 each kind of character is the browser's own drawing pixel for pixel (crisp), a long
// Chinese text wraps between characters, the atlas grows and evicts within its bound and draws the
// same pixels afterwards, a devicePixelRatio change rebuilds it without moving anything, new
// characters typed through the IME are drawn as they come, and the screenshots of docs/ and the
// README (device scale 1 and 2). The time of those frames is a figure (scripts/figures.sh).
// Run: node --test glyphs.test.mjs (in tests/e2e). Screenshots: build/e2e/ (FTBLOCK_ARTIFACTS_DIR).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { createRequire } from 'node:module';

import { serveSite, chromiumPath } from './harness.mjs';
import { launchChromium, Form, isoDay, CHROMIUM_ARGS } from './form_helpers.mjs';
import { decodePng, crop, ink, inkBefore, inkLines, maskDifference } from './pixels.mjs';

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

export const CHARACTERS = [
  ['GB2312 level 2', '鑫淼昊琨钰婧昶晗曦煜铖骐沣桦圳'],
  ['GBK beyond GB2312', '璟瑄堃翀彧赟珺祎'],
  ['CJK Extension A (GB18030)', '㐀㑇㒸㓁䶮㵘㸚䲜䴙㙟'],
  ['traditional Chinese', '龍臺灣鬱體聽變齊麵廣'],
  ['kana', 'あかさたなカタナヲゐ'],
  ['Hangul', '한국어가나다됐뷁햏힣'],
  ['Cyrillic', 'ЖЩЫЭЮяёїєґ'],
  ['accented Latin', 'ÑñúüéèçøőŁ'],
  ['emoji', '😀🎉👍🚀✅⭐🐼🍜🈶🀄'],
  ['CJK Extension B without an installed font: the browser draws its box', '\u{20000}'],
];
const EMOJI = new Set([...CHARACTERS.find(([k]) => k === 'emoji')[1]]);
const ALL = CHARACTERS.flatMap(([kind, chars]) => [...chars].map((ch) => ({ kind, ch })));
const hex = (ch) => 'U+' + ch.codePointAt(0).toString(16).toUpperCase().padStart(4, '0');

// A valid assignment record: no problem lines move the fields around.
async function validRecord(page, customer, notes) {
  return {
    id: 'FT-2026-000123', customer, workload: 'teams', scenario: 'assignment', updated_by: 'assignment_fm',
    l1: 'blocked', l2: 'customer_it_infrastructure', l3: null, service_state: 'not_applicable',
    engagement_scenario: 'customer_led_ftp_assist', target_date: null, owner: 'delivery_fm', notes,
    next_action_date: await isoDay(page, 7), next_action: 'kickoff_meeting', updated_at: null,
  };
}

// The form's text fields as the test sees them, cropped from one screenshot (device pixels, the
// frame's border left out): Customer's line, and Notes' lines 0, 2 and 4 (a blank line between
// two checked lines keeps one line's ink out of the next one's crop).
const NOTES_LINES = [0, 2, 4];
const LINE = 16;         // the form's text line (kFontSize), CSS pixels
const PAD_Y = 3;         // ImGui's FramePadding.y: where a field's first line starts

class Fields {
  constructor(form) {
    this.form = form;
  }

  async locate() {
    this.customer = await this.form.rect('field_customer');
    this.notes = await this.form.rect('field_notes');
    assert.ok(this.notes.height >= PAD_Y + LINE * 5, 'Notes shows five lines');
  }

  async shoot({ notes = true } = {}) {
    const top = Math.floor(this.customer.y);
    const bottom = Math.ceil(notes ? this.notes.y + this.notes.height : this.customer.y + this.customer.height);
    const left = Math.floor(Math.min(this.customer.x, this.notes.x));
    const right = Math.ceil(Math.max(this.customer.x + this.customer.width, this.notes.x + this.notes.width));
    const img = decodePng(await this.form.page.screenshot({ clip: { x: left, y: top, width: right - left, height: bottom - top } }));
    const d = img.width / (right - left);
    const part = (r, y, h) => ink(crop(img, (r.x - left + 2) * d, (y - top) * d, (r.width - 4) * d, h * d));
    return {
      img, left, top,
      customer: part(this.customer, this.customer.y + 1, this.customer.height - 2),
      notes: notes ? NOTES_LINES.map((n) => part(this.notes, this.notes.y + PAD_Y + LINE * n - 2, LINE + 4)) : [],
    };
  }

  // Notes emptied, then `lines` typed into it, each through an input method composition, with
  // a blank line between them (Enter, Enter); Notes stays active, its caret after the last one.
  async typeIntoNotes(lines) {
    await this.form.click('field_notes');
    await this.form.page.keyboard.press('Control+A');
    await this.form.page.keyboard.press('Delete');
    const cdp = await this.form.page.context().newCDPSession(this.form.page);
    try {
      for (const [i, text] of lines.entries()) {
        if (i > 0) {
          await this.form.page.keyboard.press('Enter');
          await this.form.page.keyboard.press('Enter');
        }
        await cdp.send('Input.imeSetComposition', { text: 'pinyin', selectionStart: 6, selectionEnd: 6 });
        await cdp.send('Input.insertText', { text });
      }
    } finally {
      await cdp.detach();
    }
    await this.form.settle();
  }
}

// The browser's own advance of each character in the form's font, in device pixels: the width of
// a DOM text run in the font stack and size the form reports (emoji: its emoji stack).
async function browserAdvances(page, chars) {
  return page.evaluate((list) => {
    const f = window.ftblockPage.fontStats();
    const span = document.createElement('span');
    Object.assign(span.style, { position: 'absolute', left: '0', top: '0', whiteSpace: 'pre', visibility: 'hidden' });
    document.body.appendChild(span);
    const out = list.map(([ch, emoji]) => {
      span.style.font = `${f.size}px ${emoji ? f.emojiFamily : f.family}`;
      span.textContent = ch;
      return span.getBoundingClientRect().width * devicePixelRatio;
    });
    span.remove();
    return out;
  }, chars.map((ch) => [ch, EMOJI.has(ch)]));
}

// What one drawing of `ch|` says, against the drawings of '|' (ref) and '?|' (q) in the same
// place and state: its advance (where the '|' landed), its ink before the '|', and how much that
// differs from the '?' drawn there.
function judge(shot, ref, q) {
  const advance = shot.right - ref.right;
  const glyphWidth = ref.left + advance;  // the columns before the '|'
  return {
    advance,
    inkPixels: inkBefore(shot, glyphWidth),
    fromQuestion: maskDifference(shot, q, glyphWidth, ref.left + q.right - ref.right),
  };
}

async function checkLanguage(lang) {
  const form = await Form.open(browser, site.url, { locale: lang === 'en' ? 'en-US' : 'zh-CN', viewport: { width: 1280, height: 1000 } });
  try {
    assert.equal(await form.language(), lang);
    const page = form.page;
    const fields = new Fields(form);
    const set = async (customer, notes) => {
      await page.evaluate((r) => window.ftblockPage.setRecord(r), await validRecord(page, customer, notes));
      await form.settle();
    };
    const notesOf = (texts) => texts.join('\n\n');
    // The references: '|' and '?|' drawn (Customer, Notes) and typed (Notes, active: the caret
    // follows the last line).
    await set('|', notesOf(['|', '|', '|']));
    await fields.locate();
    const ref = await fields.shoot();
    await set('?|', notesOf(['?|', '?|', '?|']));
    const q = await fields.shoot();
    await fields.typeIntoNotes(['|', '|', '|']);
    const refTyped = (await fields.shoot()).notes;
    await fields.typeIntoNotes(['?|', '?|', '?|']);
    const qTyped = (await fields.shoot()).notes;
    await form.clickEmpty();
    assert.ok(ref.customer.count > 0 && q.customer.count > ref.customer.count, 'the references have ink');
    const last = NOTES_LINES.length - 1;

    const expected = await browserAdvances(page, ALL.map((c) => c.ch));
    const problems = [];
    const check = (where, { kind, ch }, i, r) => {
      const what = `${ch} ${hex(ch)} (${kind}) in ${where}`;
      if (r.inkPixels < 4) problems.push(`${what}: blank (${r.inkPixels} ink pixels)`);
      if (r.fromQuestion < 8) problems.push(`${what}: drawn like '?' (${r.fromQuestion} pixels differ)`);
      if (Math.abs(r.advance - expected[i]) > 1)
        problems.push(`${what}: advance ${r.advance} px, the browser's ${expected[i].toFixed(2)} px`);
    };
    for (let b = 0; b < ALL.length; b += NOTES_LINES.length) {
      const batch = ALL.slice(b, b + NOTES_LINES.length);
      const texts = batch.map((c) => `${c.ch}|`);
      while (texts.length < NOTES_LINES.length) texts.push('|');
      for (const [k, c] of batch.entries()) {
        await set(`${c.ch}|`, notesOf(texts));
        const drawn = await fields.shoot({ notes: k === 0 });
        check('Customer', c, b + k, judge(drawn.customer, ref.customer, q.customer));
        if (k === 0) batch.forEach((n, j) => check('Notes', n, b + j, judge(drawn.notes[j], ref.notes[j], q.notes[j])));
      }
      await fields.typeIntoNotes(texts);
      const typed = (await fields.shoot()).notes;
      batch.forEach((n, j) => {
        const [r, qq] = j === last ? [refTyped[j], qTyped[j]] : [ref.notes[j], q.notes[j]];
        check('Notes, typed through the IME', n, b + j, judge(typed[j], r, qq));
      });
      const arrived = (await form.record()).notes;
      if (arrived !== notesOf(texts)) problems.push(`${texts.join(' ')} typed through the IME arrived as ${JSON.stringify(arrived)}`);
      await form.clickEmpty();
    }
    assert.deepEqual(problems, [], `${lang}: ${ALL.length} characters in 3 places`);
  } finally {
    await form.close();
  }
}

test(`${ALL.length} characters (GB2312 level 2, GBK, Extension A, traditional, kana, Hangul, Cyrillic, accented Latin, emoji, no font) render in Customer, Notes and through the IME, with the browser's advances: Chinese UI`, async () => {
  await checkLanguage('zh-CN');
});

test('the same characters render in the English UI', async () => {
  await checkLanguage('en');
});

// --- one character of each kind, at the device scales the issue names ------------------------

const SAMPLE = CHARACTERS.map(([kind, chars]) => ({ kind, ch: [...chars][0] }));

// The coverage (0..1) of white text over the crop's background (its top-left pixel), and the
// box of the pixels above `threshold`.
function coverage(img) {
  const bg = [img.data[0], img.data[1], img.data[2]];
  const cov = new Float32Array(img.width * img.height);
  let box = null;
  for (let y = 0; y < img.height; y++)
    for (let x = 0; x < img.width; x++) {
      const o = (y * img.width + x) * 4;
      let c = 0;
      for (let k = 0; k < 3; k++) c += (img.data[o + k] - bg[k]) / Math.max(1, 255 - bg[k]);
      c = Math.min(1, Math.max(0, c / 3));
      cov[y * img.width + x] = c;
      if (c > 0.25) {
        if (!box) box = { left: x, right: x, top: y, bottom: y };
        box.left = Math.min(box.left, x); box.right = Math.max(box.right, x);
        box.top = Math.min(box.top, y); box.bottom = Math.max(box.bottom, y);
      }
    }
  return { cov, box, width: img.width, height: img.height };
}

// The browser's own drawing of `ch` (white, Canvas 2D, the form's font and size, device pixels),
// as coverage: what a crisp glyph in the form must look like.
async function browserDrawing(page, ch) {
  const { width, height, alpha } = await page.evaluate((c) => {
    const f = window.ftblockPage.fontStats();
    const size = f.size * devicePixelRatio;
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(size * 3);
    canvas.height = Math.ceil(size * 2);
    const ctx = canvas.getContext('2d');
    ctx.font = `${size}px ${f.family}`;
    ctx.fillStyle = '#fff';
    ctx.fillText(c, Math.round(size), Math.round(size * 1.3));
    const d = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    return { width: canvas.width, height: canvas.height, alpha: Array.from({ length: d.length / 4 }, (_, i) => d[i * 4 + 3]) };
  }, ch);
  const data = Buffer.alloc(width * height * 4);
  alpha.forEach((a, i) => { data[i * 4] = data[i * 4 + 1] = data[i * 4 + 2] = a; data[i * 4 + 3] = 255; });
  return coverage({ width, height, data });
}

// The largest coverage difference between two drawings aligned on their boxes (Infinity when
// the boxes differ in size by more than a pixel).
function drawingDifference(a, b) {
  if (!a.box || !b.box) return Infinity;
  const w = a.box.right - a.box.left, h = a.box.bottom - a.box.top;
  if (Math.abs(w - (b.box.right - b.box.left)) > 1 || Math.abs(h - (b.box.bottom - b.box.top)) > 1) return Infinity;
  let worst = 0;
  for (let y = -1; y <= h + 1; y++)
    for (let x = -1; x <= w + 1; x++) {
      const at = (d, xx, yy) => (xx < 0 || yy < 0 || xx >= d.width || yy >= d.height ? 0 : d.cov[yy * d.width + xx]);
      worst = Math.max(worst, Math.abs(at(a, a.box.left + x, a.box.top + y) - at(b, b.box.left + x, b.box.top + y)));
    }
  return worst;
}

// At device scale `dpr` (after `before`, e.g. a scale change): each SAMPLE character in Customer
// has the browser's advance, differs from '?', and is the browser's own drawing pixel for pixel
// (crisp: at the physical pixel size, on whole device pixels). Returns the problems found.
async function checkScale(form, dpr) {
  const page = form.page;
  const fields = new Fields(form);
  const set = async (customer) => {
    await page.evaluate((r) => window.ftblockPage.setRecord(r), await validRecord(page, customer, '|'));
    await form.settle();
  };
  await set('|');
  await fields.locate();
  const ref = (await fields.shoot({ notes: false })).customer;
  await set('?|');
  const q = (await fields.shoot({ notes: false })).customer;
  const expected = await browserAdvances(page, SAMPLE.map((c) => c.ch));
  const problems = [];
  for (const [i, { kind, ch }] of SAMPLE.entries()) {
    await set(`${ch}|`);
    const shot = await fields.shoot({ notes: false });
    const r = judge(shot.customer, ref, q);
    const what = `${ch} ${hex(ch)} (${kind}) at scale ${dpr}`;
    if (r.inkPixels < 4 || r.fromQuestion < 8) problems.push(`${what}: blank or '?'`);
    if (Math.abs(r.advance - expected[i]) > 1) problems.push(`${what}: advance ${r.advance} px, the browser's ${expected[i].toFixed(2)} px`);
    if (EMOJI.has(ch) || kind.startsWith('CJK Extension B')) continue;  // colour; the box is not a glyph of the stack
    // The glyph alone: the Customer line up to the '|', as coverage.
    const { img, left, top } = shot;
    const d = img.width / Math.ceil(Math.max(fields.customer.x + fields.customer.width, fields.notes.x + fields.notes.width) - left);
    const glyph = coverage(crop(img, (fields.customer.x - left + 2) * d, (fields.customer.y - top + 1) * d,
                                ref.left + r.advance, (fields.customer.height - 2) * d));
    const diff = drawingDifference(glyph, await browserDrawing(page, ch));
    if (!(diff <= 0.2)) problems.push(`${what}: not the browser's drawing (coverage differs by ${diff.toFixed(2)})`);
  }
  return problems;
}

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
      await form.close();
      await scaled.close();
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
    assert.ok(frames.length >= typed.length, `${frames.length} frames`);
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
