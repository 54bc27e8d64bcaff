// The layout at the window sizes partners use (docs/layout.md, issue 12) in Chromium, in both
// UI languages: 1280×800, 800×600, 390×844 (a phone: device scale 3, a touch screen), 320×640
// (WCAG 1.4.10's narrowest window) and 640×400 at device scale 2 (a 1280×800 window at 200 %).
// Mirrors tests/web/test_layout.cpp. At each size, for a long delivery (setRecord) and for a new
// assignment whose problems are shown, from the page handle's a11yTree() and itemRects():
//   - every control lies within the canvas's width (x ≥ 0, x + w ≤ width + 0.5);
//   - every target (button, text field, pick-list, radio) is at least 24 × 24 CSS px, 44 × 44
//     on the touch screen (where (pointer: coarse) matches);
//   - every focusable control of the mirror, focused through the DOM (element.focus(), what Tab
//     and a screen reader do), is inside the canvas's visible area once the form settled — the
//     record's fields inside the record's pane (form_pane), above the pinned problems;
//   - narrow (< 704 CSS px): no drafts list beside the record but the toolbar's drafts_toggle,
//     which opens the list as a panel (the record's fields gone), closed by choosing a draft
//     (Enter in the listbox); each label stands above its field (the field at the left edge,
//     the whole width wide, a label line between two fields); wide and medium: the list beside
//     the record, no toggle.
// Screenshots: layout-<lang>-<w>x<h>-{long,problems,drafts}.png in FTBLOCK_ARTIFACTS_DIR;
// FTBLOCK_LAYOUT_TIMES=1 prints the time each focus walk took.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { serveSite, artifact } from './harness.mjs';
import { Form, launchChromium } from './form_helpers.mjs';

let site, browser;
before(async () => {
  site = await serveSite();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

const SIZES = [
  { width: 1280, height: 800, scale: 1 },
  { width: 800, height: 600, scale: 1 },
  { width: 390, height: 844, scale: 3, touch: true },
  { width: 320, height: 640, scale: 1 },
  { width: 640, height: 400, scale: 2 },
];
const NARROW = 704;  // 44 em of 16 px (docs/layout.md)

// tests/web/test_layout.cpp's kLongRecord: long values in Chinese and English.
const LONG_RECORD = {
  id: 'FT-2026-000124',
  customer: '深圳市鑫淼科技有限公司华南区域数字化转型与基础设施现代化联合项目组 (Shenzhen Xinmiao)',
  workload: 'teams', scenario: 'delivery', updated_by: 'delivery_fm', l1: 'blocked',
  l2: 'customer_it_infrastructure', l3: null, service_state: 'not_applicable',
  engagement_scenario: 'customer_led_ftp_assist', target_date: '2026-12-20', owner: 'account_team',
  notes: '客户的 VPN 设备与服务不兼容，需要先升级固件后才能部署。The customer\'s VPN devices are not compatible.',
  next_action_date: '2026-12-01',
  next_action: 'Upgrade the VPN firmware at every branch office, then retest sign-in.',
  updated_at: null,
};

// ImGui's ScrollToRect counts a control up to 1 px over its window's edge as fully visible (its
// window's inner rectangle grown by 1 px), and the pane clips 1 px inside its edge: a focused
// field may lose its bottom border line at the pane's edge.
const SLACK = 2.5;
const TARGET_ROLES = new Set(['button', 'textbox', 'textarea', 'select', 'radio']);
const focusable = (n) => n.role !== 'text' && n.role !== 'option';

// Opens index.html in a fresh context of `size` and `locale` (a touch screen: hasTouch and
// isMobile, as a phone's browser).
async function open(size, locale) {
  const context = await browser.newContext({
    locale, deviceScaleFactor: size.scale, viewport: { width: size.width, height: size.height },
    hasTouch: !!size.touch, isMobile: !!size.touch,
  });
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  const form = new Form(context, page, requests, []);
  await form.goto(site.url);
  return form;
}

// The canvas (CSS px, viewport coordinates) and the part of it the window shows.
async function canvasBox(page) {
  return page.evaluate(() => {
    const r = document.querySelector('#ftblock-form canvas').getBoundingClientRect();
    return { left: r.left, top: r.top, width: r.width, height: r.height,
             visible: Math.min(r.height, window.innerHeight - r.top) };
  });
}

const tree = (page) => page.evaluate(() => window.ftblockPage.a11yTree());
const nodeIds = (t) => new Set(t.nodes.map((n) => n.id));

async function focusMirror(form, id) {
  const ok = await form.page.evaluate((i) => {
    const el = document.querySelector(`.ftblock-mirror [data-ftblock-id="${i}"]`);
    if (!el) return false;
    el.focus();
    return document.activeElement === el;
  }, id);
  assert.ok(ok, `the mirror control "${id}" takes the DOM focus`);
  await form.settle();
}

// Focuses each mirror control in turn (element.focus(), as Tab or a screen reader does) and
// notes, once the form has settled (an animation frame without a new frame of the form), where
// the control is drawn and where the record's pane is (canvas coordinates). Not right after
// focus() (which runs up to 4 frames at once, web/platform/a11y.cpp): later frames still move
// the record. One round trip for all.
async function focusEach(page, ids, view) {
  return page.evaluate(async ([list, v]) => {
    const handle = window.ftblockPage;
    const canvas = document.querySelector('#ftblock-form canvas');
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    const settle = async () => {
      let last = handle.framesRendered(), still = 0;
      while (still < 1) {
        await frame();
        const n = handle.framesRendered();
        if (n === last) still++; else { still = 0; last = n; }
      }
    };
    const measure = (id) => {
      const o = canvas.getBoundingClientRect();
      const rects = handle.itemRects();
      const r = rects[id], p = rects.form_pane;
      const rect = r ? [r.x - o.left, r.y - o.top, r.width, r.height] : null;
      const pane = p ? { top: p.y - o.top, bottom: p.y - o.top + p.height } : null;
      const box = (id.startsWith('field_') || id.startsWith('scenario_')) && pane ? pane : { top: 0, bottom: v.visible };
      const shown = rect ? Math.min(rect[3], v.visible * 0.5) : 0;  // a tall text area: its top half
      const ok = !!rect && rect[1] >= box.top - v.slack && rect[1] + shown <= box.bottom + v.slack &&
                 rect[0] >= -0.5 && rect[0] + rect[2] <= v.width + 0.5;
      return { id, rect, box, ok };
    };
    const out = [];
    for (const id of list) {
      const el = document.querySelector(`.ftblock-mirror [data-ftblock-id="${id}"]`);
      if (el) el.focus();
      await settle();
      const m = measure(id);
      m.focused = !!el && document.activeElement === el;
      out.push(m);
    }
    return out;
  }, [ids, view]);
}

// Every control within the canvas's width and at least a target's size; every focusable one,
// focused through the DOM, inside the visible canvas (a record field: inside the record's pane).
async function checkLayout(form, size, where, faults, minControls = 20) {
  const target = size.touch ? 44 : 24;
  const canvas = await canvasBox(form.page);
  assert.ok(Math.abs(canvas.width - size.width) <= 1, `${where}: the canvas is the window's width (${canvas.width})`);
  const t = await tree(form.page);
  assert.ok(t.nodes.length >= minControls, `${where}: the mirror has the form's controls (${t.nodes.length})`);
  const small = [], outside = [];
  for (const n of t.nodes) {
    const [x, , w, h] = n.rect;
    if (x < -0.5 || x + w > canvas.width + 0.5) outside.push(`${n.id} x ${x} w ${w}`);
    if (TARGET_ROLES.has(n.role) && (w < target - 0.5 || h < target - 0.5)) small.push(`${n.id} ${w}×${h}`);
  }
  for (const o of outside) faults.push(`${where}: beyond the canvas's width (${canvas.width}): ${o}`);
  for (const o of small) faults.push(`${where}: smaller than ${target}×${target}: ${o}`);

  const t0 = Date.now();
  const ids = t.nodes.filter(focusable).map((n) => n.id);
  const seen = await focusEach(form.page, ids, { visible: canvas.visible, width: canvas.width, slack: SLACK });
  const unreachable = [];
  for (const { id, focused, rect, box, ok } of seen) {
    if (!focused) unreachable.push(`${id} did not take the DOM focus`);
    else if (!rect) unreachable.push(`${id} gone`);
    else if (!ok) unreachable.push(`${id} at y ${rect[1].toFixed(1)} h ${rect[3].toFixed(1)} (view ${box.top.toFixed(1)}–${box.bottom.toFixed(1)})`);
  }
  for (const o of unreachable) faults.push(`${where}: not in view once focused: ${o}`);
  if (process.env.FTBLOCK_LAYOUT_TIMES) console.log(`${where}: ${ids.length} controls focused in ${Date.now() - t0} ms`);
  return ids.length;
}

// Narrow: labels above their fields — the field at the left edge and the whole width wide, and
// a label line (≥ 14 px) between one field and the next.
async function checkLabelsAbove(form, size, where) {
  const canvas = await canvasBox(form.page);
  const r = await form.rects();
  for (const id of ['field_id', 'field_customer', 'field_notes', 'field_next_action']) {
    const x = r[id].x - canvas.left;
    assert.ok(x < 40, `${where}: ${id} starts at the left edge (x ${x})`);
    assert.ok(r[id].width > canvas.width - 80, `${where}: ${id} is the width's (${r[id].width} of ${canvas.width})`);
  }
  const gap = r.field_customer.y - (r.field_id.y + r.field_id.height);
  assert.ok(gap >= 14, `${where}: the customer's label stands between the record id and its field (gap ${gap})`);
}

// A new assignment, its fields touched into problems through the mirror (a11y_cases.mjs's
// touchWithProblems, with the new draft made by Enter on the toolbar's button).
async function newWithProblems(form) {
  await focusMirror(form, 'new_assignment');
  await form.press('Enter');
  for (const [id, text] of [['field_customer', 'x'], ['field_id', 'FT 1'], ['field_next_action_date', '2026-02-30'],
    ['field_notes', 'y'], ['field_updated_at', '2026-13-01']]) {
    await focusMirror(form, id);
    await form.type(text);
    if (text.length === 1) await form.press('Backspace');
  }
  await focusMirror(form, 'new_assignment');
  await form.page.evaluate(() => document.activeElement.blur());
  await form.settle();
}

async function shot(form, name) {
  await form.settle();
  await form.page.screenshot({ path: artifact(name) });
}

// One test per window and language, two at a time (three were slower on a loaded 2-core
// machine). Each test gathers every fault it finds, then fails on them.
describe('the layout at every size, in both languages', { concurrency: 2 }, () => {
  for (const [lang, locale] of [['en', 'en-US'], ['zh', 'zh-CN']]) {
    for (const size of SIZES) {
      const tag = `${lang}-${size.width}x${size.height}`;
      test(`${tag}${size.touch ? ' (touch)' : ''} @${size.scale}x: every control fits the width, is a target's size and comes into view when focused`, async () => {
        const form = await open(size, locale);
        const faults = [];
        try {
          const { page } = form;
          assert.equal(await page.evaluate(() => window.ftblockPage.getLanguage()), locale === 'en-US' ? 'en' : 'zh-CN');
          assert.equal(await page.evaluate(() => matchMedia('(pointer: coarse)').matches), !!size.touch,
            `${tag}: (pointer: coarse) on the touch screen only`);
          await page.evaluate((r) => window.ftblockPage.setRecord(r), LONG_RECORD);
          await form.settle();
          assert.equal((await form.record()).customer, LONG_RECORD.customer);
          const narrow = size.width < NARROW;
          let ids = nodeIds(await tree(page));
          if (narrow) {
            assert.ok(ids.has('drafts_toggle') && !ids.has('drafts'), `${tag}: the drafts list is behind the toolbar's toggle`);
            await checkLabelsAbove(form, size, `${tag} long`);
          } else {
            assert.ok(ids.has('drafts') && !ids.has('drafts_toggle'), `${tag}: the drafts list beside the record`);
          }
          await shot(form, `layout-${tag}-long.png`);
          const n = await checkLayout(form, size, `${tag}, a long delivery`, faults);
          assert.ok(n >= 20, `${tag}: ${n} focusable controls checked`);

          if (narrow) {  // the panel: opened from the toolbar, closed by choosing a draft
            await focusMirror(form, 'drafts_toggle');
            await form.press('Enter');
            ids = nodeIds(await tree(page));
            assert.ok(ids.has('drafts') && !ids.has('field_customer'), `${tag}: the toggle opens the drafts panel over the record`);
            await shot(form, `layout-${tag}-drafts.png`);
            await checkLayout(form, size, `${tag}, the drafts panel`, faults, 3);
            await focusMirror(form, 'drafts');
            await form.press('Enter');
            ids = nodeIds(await tree(page));
            assert.ok(!ids.has('drafts') && ids.has('field_customer'), `${tag}: choosing a draft closes the panel`);
          }

          await newWithProblems(form);
          const t = await tree(page);
          const problems = t.nodes.filter((x) => x.role === 'problem').length;
          assert.ok(problems >= 4, `${tag}: the new record's problems are shown (${problems} lines)`);
          await shot(form, `layout-${tag}-problems.png`);
          await checkLayout(form, size, `${tag}, a new assignment with problems`, faults);
          // (A focused field near the record's end once ended up under the pinned problems in
          // the narrow layout: the save its focus made changed the toolbar's status from
          // "Saving…" to the longer "Saved…", which moved the record's pane. The status now
          // keeps the room of its longest form.)
          assert.deepEqual(faults, [], `${tag}: layout faults`);
        } finally {
          await form.close();
        }
      });
    }
  }
});
