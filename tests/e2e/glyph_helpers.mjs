// The glyph tests' shared pieces (glyphs.test.mjs, glyph_atlas.test.mjs): the characters, the
// form's Customer and Notes lines cropped from Chromium's screenshots, the browser's own
// advances and drawings of a character in the form's font, and how a drawing is judged.
import assert from 'node:assert/strict';

import { isoDay } from './form_helpers.mjs';
import { decodePng, crop, ink, inkBefore, maskDifference } from './pixels.mjs';

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
export const EMOJI = new Set([...CHARACTERS.find(([k]) => k === 'emoji')[1]]);
export const ALL = CHARACTERS.flatMap(([kind, chars]) => [...chars].map((ch) => ({ kind, ch })));
export const hex = (ch) => 'U+' + ch.codePointAt(0).toString(16).toUpperCase().padStart(4, '0');

// A valid assignment record: no problem lines move the fields around.
export async function validRecord(page, customer, notes) {
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
export const NOTES_LINES = [0, 2, 4];
const LINE = 16;         // the form's text line (kFontSize), CSS pixels
const PAD_Y = 3;         // ImGui's FramePadding.y: where a field's first line starts

export class Fields {
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
export async function browserAdvances(page, chars) {
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

// Until the form has drawn two frames (the record just set is on screen; a settle would wait for
// idle, three times as long, 94 times per language).
export async function drawn(page, start = null) {
  // Two frames after `start` (the count before the change, where the caller has it), or — when
  // the change's frames ran before this could look, and the form is idle again — 60 animation
  // frames without one: never a wait without an end.
  await page.evaluate((from) => new Promise((resolve) => {
    const first = from ?? window.ftblockPage.framesRendered();
    let ticks = 0;
    const tick = () => (window.ftblockPage.framesRendered() >= first + 2 || ++ticks > 60 ? resolve() : requestAnimationFrame(tick));
    requestAnimationFrame(tick);
  }), start);
}

// What one drawing of `ch|` says, against the drawings of '|' (ref) and '?|' (q) in the same
// place and state: its advance (where the '|' landed), its ink before the '|', and how much that
// differs from the '?' drawn there.
export function judge(shot, ref, q) {
  const advance = shot.right - ref.right;
  const glyphWidth = ref.left + advance;  // the columns before the '|'
  return {
    advance,
    inkPixels: inkBefore(shot, glyphWidth),
    fromQuestion: maskDifference(shot, q, glyphWidth, ref.left + q.right - ref.right),
  };
}


export const SAMPLE = CHARACTERS.map(([kind, chars]) => ({ kind, ch: [...chars][0] }));

// The coverage (0..1) of white text over the crop's background (its top-left pixel), and the
// box of the pixels above `threshold`.
export function coverage(img) {
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
export async function browserDrawing(page, ch) {
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
export function drawingDifference(a, b) {
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
export async function checkScale(form, dpr) {
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

