// The form in a real browser, driven like a user: clicks on the widgets the form reports
// (window.ftblockPage.itemRects()), text typed right after a click, Chinese through a real input
// method composition (CDP Input.imeSetComposition + Input.insertText), pick-lists and the
// calendar, the problem summary, the language switch, hand-over (export JSON / CSV, copy JSON)
// with the exact bytes checked, an idle form drawing nothing, and the screenshots of the README
// (zh and en, device scale 1 and 2). Mirrors tests/web/test_form_ui.cpp. Every test runs in a
// fresh browser context and fails if any request leaves 127.0.0.1 (Form.close()).
// Run: node --test (in tests/e2e). Screenshots: build/e2e/ (FTBLOCK_ARTIFACTS_DIR).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';

import { serveSite } from './harness.mjs';
import { launchChromium, Form, FIELDS, fillAssignment, isoDay, isLocal, sleep, readStore, writeStore } from './form_helpers.mjs';

let site, browser;
before(async () => {
  site = await serveSite();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

const CLIPBOARD = ['clipboard-read', 'clipboard-write'];
const withoutNulls = (r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null));
const csvCell = (v) => (v === null ? '' : /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csvOf = (r) => `\uFEFF${FIELDS.join(',')}\r\n${FIELDS.map((k) => csvCell(r[k])).join(',')}\r\n`;
const pairs = (diags) => diags.map((d) => [d.field, d.code]);

test('an assignment record filled by mouse and keyboard (Chinese through the IME) is valid and hands over exactly', async () => {
  const form = await Form.open(browser, site.url, { locale: 'en-US', permissions: CLIPBOARD });
  try {
    const day = await isoDay(form.page, 7);
    assert.deepEqual(withoutNulls(await form.record()), {
      scenario: 'assignment', updated_by: 'assignment_fm', l1: 'blocked', service_state: 'not_applicable',
      engagement_scenario: 'customer_led_ftp_assist', owner: 'delivery_fm', next_action: 'kickoff_meeting',
    }, 'a new assignment draft has its fixed values and FTOP\'s default engagement scenario');

    // Before anything is filled, hand-over is refused: no download, the clipboard untouched.
    await form.page.evaluate(() => navigator.clipboard.writeText('untouched'));
    await form.noDownload('export_json');
    await form.noDownload('export_csv');
    await form.click('copy_json');
    assert.equal(await form.page.evaluate(() => navigator.clipboard.readText()), 'untouched');

    // The composition's preedit is shown in the field's control of the semantic mirror, over the
    // field, and is not text yet.
    await form.click('field_notes');
    const cdp = await form.context.newCDPSession(form.page);
    await cdp.send('Input.imeSetComposition', { text: 'ke', selectionStart: 2, selectionEnd: 2 });
    await cdp.send('Input.imeSetComposition', { text: 'kehu', selectionStart: 4, selectionEnd: 4 });
    await form.settle();
    const composing = await form.page.evaluate(() => {
      const ta = document.activeElement;
      return { id: ta.getAttribute('data-ftblock-id'), opacity: getComputedStyle(ta).opacity, value: ta.value };
    });
    assert.deepEqual(composing, { id: 'field_notes', opacity: '1', value: 'kehu' }, 'the preedit is visible while composing');
    assert.equal((await form.record()).notes, undefined, 'the preedit is not committed text');
    await cdp.send('Input.insertText', { text: '客户' });
    await cdp.detach();
    await form.settle();
    assert.equal((await form.record()).notes, '客户', 'the committed text arrives once');
    assert.equal(await form.page.evaluate(() => getComputedStyle(document.activeElement).opacity), '0');
    await form.press('Control+A', 'Backspace');
    assert.equal((await form.record()).notes, '');

    const expected = await fillAssignment(form, { nextActionDate: day });
    assert.deepEqual(await form.record(), withoutNulls(expected));
    assert.deepEqual(await form.diagnostics(), []);
    const drafts = await form.drafts();
    assert.equal(drafts.length, 1);
    assert.equal(drafts[0].valid, true);

    const json = await form.download('export_json');
    assert.equal(json.name, 'ftblock-FT-2026-000123.json');
    assert.deepEqual(JSON.parse(json.text), expected);
    assert.deepEqual(Object.keys(JSON.parse(json.text)), FIELDS, 'all 16 fields, in the playbook\'s order');
    assert.equal(json.text, `${JSON.stringify(expected, null, 2)}\n`);

    const csv = await form.download('export_csv');
    assert.equal(csv.name, 'ftblock-FT-2026-000123.csv');
    assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM (Excel)');
    assert.equal(csv.text, csvOf(expected));

    await form.click('copy_json');
    assert.equal(await form.page.evaluate(() => navigator.clipboard.readText()), json.text);

    // Duplicate it and hand it to delivery: the delivery values come in, the engagement
    // scenario is the previous value of the entitlement (locked), undo restores the assignment.
    await form.click('duplicate');
    assert.equal((await form.drafts()).length, 2);
    await form.click('scenario_delivery');
    let r = await form.record();
    assert.deepEqual([r.scenario, r.updated_by, r.owner, r.next_action, r.engagement_scenario],
      ['delivery', 'delivery_fm', 'account_team', '', 'customer_led_ftp_assist']);
    assert.deepEqual(pairs(await form.diagnostics()), [['target_date', 'required'], ['next_action', 'required']]);
    await form.click('undo');
    r = await form.record();
    assert.deepEqual([r.scenario, r.updated_by, r.owner, r.next_action], ['assignment', 'assignment_fm', 'delivery_fm', 'kickoff_meeting']);
    assert.deepEqual(await form.diagnostics(), []);
    assert.deepEqual((await form.drafts())[0].record, drafts[0].record, 'the original draft is untouched');
    await form.screenshot('form-assignment-en-1x.png');
  } finally {
    await form.close();
  }
});

test('a delivery record: IME and typing, pick-lists by mouse, the target date from the calendar by keyboard', async () => {
  const form = await Form.open(browser, site.url, { locale: 'zh-CN', permissions: CLIPBOARD });
  try {
    assert.equal(await form.language(), 'zh-CN');
    await form.click('new_delivery');
    assert.equal((await form.drafts()).length, 2);
    await form.click('field_customer', { settle: false });
    await form.ime('shouzu kehu', '受阻客户');
    await form.type(' Fabrikam');
    await form.pick('field_workload', 0);                 // exchange_online
    await form.pick('field_l2', 0);                       // customer_it_infrastructure
    await form.pick('field_engagement_scenario', 1);      // ftc_css_led (no earlier draft of it)
    await form.click('calendar_target_date');
    await form.press('ArrowRight', 'ArrowRight', 'ArrowDown', 'Enter');  // today + 2 + 7
    const target = await isoDay(form.page, 9);
    await form.click('field_notes', { settle: false });
    await form.type('VPN ');
    await form.ime('gujian', '固件');
    await form.type(' 2.1 too old, needs an upgrade');  // a note with its why: no note_quality hint
    await form.reveal('field_next_action');
    await form.click('field_next_action', { settle: false });
    await form.type('Customer upgrades VPN firmware, then re-test sign-in');
    await form.clickEmpty();
    const expected = {
      id: null, customer: '受阻客户 Fabrikam', workload: 'exchange_online', scenario: 'delivery',
      updated_by: 'delivery_fm', l1: 'blocked', l2: 'customer_it_infrastructure', l3: null,
      service_state: 'not_applicable', engagement_scenario: 'ftc_css_led', target_date: target,
      owner: 'account_team', notes: 'VPN 固件 2.1 too old, needs an upgrade', next_action_date: null,
      next_action: 'Customer upgrades VPN firmware, then re-test sign-in', updated_at: null,
    };
    assert.deepEqual(await form.record(), withoutNulls(expected));
    assert.deepEqual(await form.diagnostics(), []);
    assert.deepEqual((await form.drafts()).map((d) => d.valid), [false, true]);
    await form.screenshot('form-delivery-zh-1x.png');

    // The hand-over buttons stay pinned under the record, in view of an 800 px window unscrolled.
    const button = await form.rect('export_json');
    const pane = await form.rect('form_pane');
    assert.ok(button.y >= pane.y + pane.height && button.y + button.height <= 800, 'export is in view, under the record');
    const json = await form.download('export_json');
    const uid = (await form.drafts())[1].uid;
    assert.equal(json.name, `ftblock-record-${uid}.json`);
    assert.equal(json.text, `${JSON.stringify(expected, null, 2)}\n`);
    const csv = await form.download('export_csv');
    assert.equal(csv.text, csvOf(expected));
    await form.click('copy_json');
    assert.equal(await form.page.evaluate(() => navigator.clipboard.readText()), json.text);
  } finally {
    await form.close();
  }
});

test('wrong values show their problems as they are typed; a click on a problem goes to its field', async () => {
  const form = await Form.open(browser, site.url, { locale: 'en-US' });
  try {
    assert.deepEqual(await form.diagnostics(), [
      { field: 'customer', code: 'required', severity: 'error', message: 'Customer is required: the customer\'s name' },
      { field: 'workload', code: 'required', severity: 'error', message: 'Workload is required: choose the workload' },
      { field: 'l2', code: 'required', severity: 'error', message: 'L2 value is required: Blocked L2 (see below)' },
      { field: 'notes', code: 'required', severity: 'error', message: 'Notes is required: explanation of the blocking issue' },
      { field: 'next_action_date', code: 'required', severity: 'error', message: 'In the Assignment scenario, Next action date is required: date of the initiate discussion' },
    ]);
    await form.reveal('field_next_action_date');
    await form.click('field_next_action_date', { settle: false });
    await form.type('2026-02-30');
    assert.deepEqual((await form.diagnostics()).filter((d) => d.field === 'next_action_date'), [
      { field: 'next_action_date', code: 'bad_date', severity: 'error', message: 'Next action date must be a real date written YYYY-MM-DD, not "2026-02-30"' },
    ]);
    await form.press('Control+A');
    await form.type('2026-1-5');
    assert.deepEqual(await form.codesOf('next_action_date'), ['bad_date']);

    // A 201-character customer (inserted as the OS would) is kept whole and is too long.
    await form.reveal('field_customer');
    await form.click('field_customer');
    await form.page.keyboard.insertText('客'.repeat(201));
    await form.settle();
    assert.equal([...(await form.record()).customer].length, 201);
    assert.deepEqual((await form.diagnostics()).filter((d) => d.field === 'customer'), [
      { field: 'customer', code: 'too_long', severity: 'error', message: 'Customer is 201 characters long; at most 200 are allowed' },
    ]);
    await form.press('Control+A', 'Backspace');
    assert.deepEqual(await form.codesOf('customer'), ['required']);
    await form.clickEmpty();

    // The summary's first line is the customer: a click there, then typing, fills the customer.
    await form.click('problem_0');
    await form.type('Northwind');
    assert.equal((await form.record()).customer, 'Northwind');
    await form.clickEmpty();

    // Delivery: a target date before today is a warning, a next action after it another.
    await form.click('scenario_delivery');
    assert.deepEqual(await form.codesOf('target_date'), ['required']);
    await form.click('field_target_date', { settle: false });
    await form.type(await isoDay(form.page, -1));
    await form.reveal('field_next_action_date');
    await form.click('field_next_action_date', { settle: false });
    await form.press('Control+A');
    await form.type(await isoDay(form.page, 9));
    await form.clickEmpty();
    const warnings = (await form.diagnostics()).filter((d) => d.severity === 'warning');
    assert.deepEqual(pairs(warnings), [['target_date', 'date_in_past'], ['next_action_date', 'date_order']]);
    assert.equal(warnings[0].message, `Target date ${await isoDay(form.page, -1)} is before the day of this update, ${await isoDay(form.page, 0)}`);
    assert.deepEqual(pairs((await form.diagnostics()).filter((d) => d.severity === 'error')),
      [['workload', 'required'], ['l2', 'required'], ['notes', 'required'], ['next_action', 'required']]);
    await form.screenshot('form-problems-en-1x.png');
  } finally {
    await form.close();
  }
});

// The release runs the frames that activate the field (App::settling) before it returns, so the
// text bridge has the focus when the next key arrives.
test('text typed at once after a click on a problem in the summary lands in its field', async () => {
    const form = await Form.open(browser, site.url, { locale: 'en-US' });
    try {
      await form.click('problem_0', { settle: false });
      await form.page.keyboard.type('Northwind');
      await form.settle();
      assert.equal((await form.record()).customer, 'Northwind');
    } finally {
      await form.close();
    }
  });

// The popup opens with its first entry under the keyboard focus (not highlighted after a
// click), so each Down moves one entry on from it: Down, Down, Space is the third entry.
// Natively the same (tests/web/test_form_ui.cpp picks "Down, Space" = the second entry).
// The DOM focus is on the field's <select> in the mirror meanwhile: while the drawn list is open
// its keys are the list's.
test('pick-lists open on click and take arrows and Space from the keyboard', async () => {
  const form = await Form.open(browser, site.url, { locale: 'en-US' });
  try {
    await form.pickByKeyboard('field_workload', 2);
    assert.equal((await form.record()).workload, 'onedrive');
    await form.click('field_workload');
    await form.press('ArrowDown', 'ArrowUp', 'ArrowUp', 'Space');
    assert.equal((await form.record()).workload, 'sharepoint_online', 'the popup starts at the chosen entry');
    assert.equal(await form.page.evaluate(() => document.activeElement.getAttribute('data-ftblock-id')), 'field_workload');
    // With the drawn list closed, the arrows move the select's value (Down: the next entry).
    await form.press('ArrowDown');
    assert.equal((await form.record()).workload, 'onedrive', 'a closed pick-list takes the arrows itself');
    await form.click('field_l2');
    await form.press('Escape');
    assert.equal((await form.record()).l2, undefined, 'Escape closes the list without choosing');
    assert.equal(await form.has('field_l2'), true);
  } finally {
    await form.close();
  }
});

test('the language switches from the form\'s own list and from setLanguage, messages included', async () => {
  const form = await Form.open(browser, site.url, { locale: 'en-US' });
  try {
    await form.page.evaluate(() => {
      window.langEvents = [];
      window.ftblockPage.element.addEventListener('ftblock:language', (e) => window.langEvents.push(e.detail.lang));
    });
    assert.equal(await form.language(), 'en');
    await form.click('field_customer', { settle: false });
    await form.type('Contoso');
    await form.pick('language', 1);
    assert.equal(await form.language(), 'zh-CN');
    assert.deepEqual(await form.page.evaluate(() => [document.documentElement.lang, document.title, window.langEvents]),
      ['zh-CN', 'FastTrack 受阻状态 · ftblock', ['zh-CN']]);
    assert.deepEqual((await form.diagnostics())[0],
      { field: 'workload', code: 'required', severity: 'error', message: '工作负载为必填项：选择工作负载' });
    assert.equal((await form.record()).customer, 'Contoso', 'the language does not touch the record');
    await form.screenshot('form-language-zh-1x.png');

    await form.pick('language', 0);
    assert.equal(await form.language(), 'en');
    assert.equal((await form.diagnostics())[0].message, 'Workload is required: choose the workload');
    await form.page.evaluate(() => window.ftblockPage.setLanguage('zh-Hans'));
    await form.settle();
    assert.equal(await form.language(), 'zh-CN');
    assert.equal((await form.diagnostics())[0].message, '工作负载为必填项：选择工作负载');
    assert.deepEqual(await form.page.evaluate(() => window.langEvents), ['zh-CN', 'en', 'zh-CN']);
  } finally {
    await form.close();
  }
});

test('an idle form draws no frames: after loading, after typing, with a text field active', async () => {
  const form = await Form.open(browser, site.url, { locale: 'en-US' });
  try {
    const idleFrames = async () => {
      await sleep(1000);  // the frames that settle the last event
      const start = await form.frames();
      await sleep(3000);
      return (await form.frames()) - start;
    };
    assert.equal(await idleFrames(), 0, 'frames drawn by a freshly loaded form');
    await form.click('field_customer', { settle: false });
    await form.type('Idle');
    assert.equal(await form.page.evaluate(() => document.activeElement.getAttribute('data-ftblock-id')), 'field_customer');
    const before = await form.frames();
    assert.equal(await idleFrames(), 0, 'frames drawn with the caret in a field');
    assert.ok(before > 10, 'typing drew frames');
    assert.equal((await form.record()).customer, 'Idle');
  } finally {
    await form.close();
  }
});

// The README's pictures: the assignment record of the README, filled through the form, next to a
// delivery draft and an unfinished one, in English and Chinese, at device scale 1 and 2.
test('screenshots of a filled record: en and zh, device scale 1 and 2', async () => {
  let stored;
  const shots = [];
  for (const scale of [1, 2]) {
    // The second context starts from the first one's stored drafts (as after a reload).
    const prepare = stored ? (page) => writeStore(page, stored) : null;
    const form = await Form.open(browser, site.url, { locale: 'en-US', deviceScaleFactor: scale, prepare });
    try {
      if (!stored) {
        await form.click('new_delivery');
        await form.click('field_id', { settle: false });
        await form.type('FT-2026-000124');
        await form.click('field_customer', { settle: false });
        await form.ime('fabrikam', '法布里坎');
        await form.type(' Fabrikam');
        await form.click('new_assignment');
        await form.click('field_customer', { settle: false });
        await form.type('Northwind Traders');
        // The form's first, empty draft goes: Delete asks first.
        const first = (await form.drafts())[0];
        await form.click(`draft_${first.uid}`);
        await form.click('delete');
        await form.click('delete_confirm');
        assert.deepEqual((await form.drafts()).map((d) => d.record.customer), ['法布里坎 Fabrikam', 'Northwind Traders']);
        await form.click('new_assignment');
        await fillAssignment(form, { nextActionDate: await isoDay(form.page, 7) });
        assert.deepEqual(await form.diagnostics(), []);
        stored = await readStore(form.page);
      } else {
        const drafts = await form.drafts();
        assert.equal(drafts.length, 3);
        await form.click(`draft_${drafts[2].uid}`);
      }
      assert.equal((await form.record()).id, 'FT-2026-000123');
      // No hover highlight, no focus ring: the mouse off the canvas, the focus off the form.
      await form.page.mouse.move(640, 10);
      await form.page.evaluate(() => document.activeElement && document.activeElement.blur());
      await form.settle();
      const canvas = await form.page.evaluate(() => document.querySelector('#ftblock-form canvas').width);
      assert.equal(canvas, 1280 * scale, 'the canvas is backed at device resolution');
      shots.push(await form.screenshot(`form-en-${scale}x.png`));
      await form.page.evaluate(() => window.ftblockPage.setLanguage('zh-CN'));
      await form.settle();
      shots.push(await form.screenshot(`form-zh-${scale}x.png`));
    } finally {
      await form.close();
    }
  }
  for (const file of shots) assert.ok(fs.statSync(file).size > 30000, `${file} has content`);
});

test('the request guard tells the test server from everything else', () => {
  assert.equal(isLocal('http://127.0.0.1:4000/ftblock.wasm'), true);
  assert.equal(isLocal('blob:http://127.0.0.1:4000/8a1c'), true);
  assert.equal(isLocal('data:image/png;base64,AAAA'), true);
  assert.equal(isLocal('http://localhost:4000/'), false);
  assert.equal(isLocal('https://fonts.googleapis.com/css'), false);
  assert.equal(isLocal('http://127.0.0.1.example.com/'), false);
});
