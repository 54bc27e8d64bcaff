// The mount API in Chromium (docs/embedding.md): a host page (fixtures/mount/) mounts forms with
// options, receives change / valid / submit as DOM events and callbacks, drives the handle
// (getRecord, setRecord, validate, setLanguage, setReadOnly, destroy); two forms stay
// independent; bad options give a readable message; the ES module works. Every test fails if a
// request leaves 127.0.0.1 or the page logs an error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { serveSite } from './harness.mjs';
import { launchChromium, isLocal, isoDay, readStore, storedRecords } from './form_helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
let server, browser;

before(async () => {
  server = await serveSite(undefined, { mounts: { '/fixtures/': path.join(here, 'fixtures') } });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

// The README's valid assignment (docs/record-format.md's example as an assignment).
function assignment(nextActionDate) {
  return {
    id: 'FT-2026-000123', customer: 'Contoso Ltd', workload: 'teams', scenario: 'assignment',
    updated_by: 'assignment_fm', l1: 'blocked', l2: 'customer_it_infrastructure', l3: null,
    service_state: 'not_applicable', engagement_scenario: 'customer_led_ftp_assist', target_date: null,
    owner: 'delivery_fm', notes: '客户的 VPN 设备与服务不兼容，需要先升级固件后才能部署。',
    next_action_date: nextActionDate, next_action: 'kickoff_meeting', updated_at: null,
  };
}

// Opens the fixture with forms a/b mounted with these options; waits until all are settled.
async function openHost(forms, { file = 'index.html', expectReady = true } = {}) {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1100, height: 2400 } });
  const requests = [];
  const errors = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  const query = Object.entries(forms).map(([k, v]) => `${k}=${encodeURIComponent(JSON.stringify(v))}`).join('&');
  await page.goto(`${server.url}fixtures/mount/${file}?${query}`);
  if (file === 'index.html') {
    await page.waitForFunction((n) => window.log && window.log.filter((e) => e.type === 'ready' || e.type === 'failed').length === n,
      Object.keys(forms).length);
  }
  const host = {
    page, errors,
    async settle(name = 'a') {
      await page.evaluate((n) => new Promise((resolve) => {
        const form = window.forms[n];
        let last = form.framesRendered(), still = 0;
        const tick = () => {
          const now = form.framesRendered();
          if (now === last) { if (++still >= 3) { resolve(); return; } } else { still = 0; last = now; }
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }), name);
    },
    async click(name, widget) {
      const r = await page.evaluate(([n, w]) => window.forms[n].itemRects()[w], [name, widget]);
      assert.ok(r, `form ${name} reports no widget "${widget}"`);
      await page.mouse.click(r.x + r.width / 2, r.y + r.height / 2);
      await host.settle(name);
    },
    call: (name, method, ...args) => page.evaluate(([n, m, a]) => window.forms[n][m](...a), [name, method, args]),
    // the call's Error message, or null when it did not throw
    throws: (name, method, ...args) => page.evaluate(([n, m, a]) => {
      try { window.forms[n][m](...a); return null; } catch (e) { return e.message; }
    }, [name, method, args]),
    log: () => page.evaluate(() => window.log),
    events: async (form, type) => (await host.log()).filter((e) => e.form === form && e.type === type),
    async close() {
      try {
        assert.deepEqual(requests.filter((u) => !isLocal(u)), [], 'requests that left 127.0.0.1');
        if (expectReady) assert.deepEqual(errors, [], 'no page or console errors');
      } finally {
        await context.close();
      }
    },
  };
  if (expectReady) for (const name of Object.keys(forms)) await host.settle(name);
  return host;
}

test('initial record, typing fires change, the fix fires valid, Submit fires submit; the other form is untouched', async () => {
  const probe = await openHost({});
  const next = await isoDay(probe.page, 7);
  await probe.close();

  const start = { ...assignment(next), customer: '' };
  const host = await openHost({ a: { lang: 'en', record: start }, b: { lang: 'zh-CN' } });
  try {
    assert.deepEqual(await host.call('a', 'getRecord'), start);
    const first = await host.call('a', 'validate');
    assert.equal(first.valid, false);
    assert.deepEqual(first.diagnostics.map((d) => [d.field, d.code, d.severity]), [['customer', 'required', 'error']]);
    const recordB = await host.call('b', 'getRecord');
    assert.equal(recordB.scenario, 'assignment');
    assert.equal(await host.call('b', 'getLanguage'), 'zh-CN');

    await host.click('a', 'field_customer');
    await host.page.keyboard.type('Contoso Ltd');
    await host.settle('a');
    const record = await host.call('a', 'getRecord');
    assert.deepEqual(record, assignment(next));

    const changes = await host.events('a', 'change');
    const viaEvent = changes.filter((e) => e.via === 'event');
    assert.deepEqual(changes.filter((e) => e.via === 'callback').map((e) => e.detail), viaEvent.map((e) => e.detail));
    // one change per frame with an edit: keys typed within one frame arrive together
    assert.ok(viaEvent.length >= 2, `changes while typing (${viaEvent.length})`);
    assert.ok(viaEvent.every((e) => 'Contoso Ltd'.startsWith(e.detail.record.customer)), 'each change shows the text so far');
    const last = viaEvent[viaEvent.length - 1].detail;
    assert.deepEqual(last, { record: assignment(next), valid: true, diagnostics: [] });

    // validity flipped once: invalid → valid, with the first characters
    const valids = await host.events('a', 'valid');
    assert.deepEqual(valids.map((e) => [e.via, e.detail.valid]), [['event', true], ['callback', true]]);
    assert.equal(valids[0].detail.record.customer, viaEvent[0].detail.record.customer);

    await host.click('a', 'submit');
    const submits = await host.events('a', 'submit');
    assert.deepEqual(submits.map((e) => [e.via, e.detail]),
      [['event', { record: assignment(next) }], ['callback', { record: assignment(next) }]]);

    // form b heard nothing and changed nothing
    assert.deepEqual((await host.log()).filter((e) => e.form === 'b' && e.type !== 'ready'), []);
    assert.deepEqual(await host.call('b', 'getRecord'), recordB);
  } finally {
    await host.close();
  }
});

test('setRecord takes a record or refuses it with the reason, leaving the form as it was; validate and setLanguage', async () => {
  const host = await openHost({ a: { lang: 'en' } });
  try {
    const next = await isoDay(host.page, 7);
    const good = assignment(next);
    assert.deepEqual(await host.call('a', 'setRecord', good), { valid: true, diagnostics: [] });
    assert.deepEqual(await host.call('a', 'getRecord'), good);
    // the initial new record was invalid: setRecord flipped it (a valid event, no change event)
    assert.deepEqual((await host.events('a', 'valid')).map((e) => e.detail.valid), [true, true]);
    assert.deepEqual(await host.events('a', 'change'), []);

    const refused = [
      ['not json', /^ftblock: setRecord: line 1, column 1: invalid literal 'not'/],
      ['{"id": x}', /^ftblock: setRecord: line 1, column 8: /],
      ['[{"id": "x"}]', /^ftblock: setRecord: line 1, column 1: expected one JSON object \(one record\), found an array$/],
      ['{"id": "x"', /^ftblock: setRecord: line 1, column 11: /],
      [JSON.stringify({ ...good, notes: 'x'.repeat(1100000) }), /too large|1 MiB|1048576/],
      ['{"id":' + '['.repeat(10000) + ']'.repeat(10000) + '}', /^ftblock: setRecord: line 1, column \d+: .*(deep|nest)/],
    ];
    for (const [text, pattern] of refused) {
      const message = await host.throws('a', 'setRecord', text);
      assert.match(String(message), pattern, `setRecord(${text.slice(0, 30)}…)`);
      assert.deepEqual(await host.call('a', 'getRecord'), good, 'the record is unchanged after a refusal');
    }
    assert.match(String(await host.throws('a', 'setRecord', 42)), /must be a record object or its JSON text/);
    const cyclic = await host.page.evaluate(() => {
      const r = { id: 'x' }; r.self = r;
      try { window.forms.a.setRecord(r); return null; } catch (e) { return e.message; }
    });
    assert.match(String(cyclic), /cannot be written as JSON/);

    const bad = { ...good, workload: 'exchange', next_action_date: '2026-13-40' };
    const verdict = await host.call('a', 'setRecord', JSON.stringify(bad));
    assert.equal(verdict.valid, false);
    assert.deepEqual(verdict.diagnostics.map((d) => [d.field, d.code]), [['workload', 'not_in_list'], ['next_action_date', 'bad_date']]);
    assert.deepEqual(await host.call('a', 'validate'), verdict);
    assert.deepEqual((await host.events('a', 'valid')).filter((e) => e.via === 'event').map((e) => e.detail.valid), [true, false]);

    await host.call('a', 'setLanguage', 'zh-CN');
    await host.settle();
    assert.equal(await host.call('a', 'getLanguage'), 'zh-CN');
    assert.match((await host.call('a', 'validate')).diagnostics[0].message, /[\u4e00-\u9fff]/);
    assert.deepEqual((await host.events('a', 'language')).map((e) => e.detail), [{ lang: 'zh-CN' }, { lang: 'zh-CN' }]);
    assert.match(String(await host.throws('a', 'setLanguage', 'fr')), /unknown language fr/);
  } finally {
    await host.close();
  }
});

test('read-only: clicks and keys change nothing and fire nothing; setReadOnly(false) gives editing back', async () => {
  const host = await openHost({ a: { lang: 'en', readOnly: true, record: { id: 'FT-1', customer: 'Contoso' } } });
  try {
    const before = await host.call('a', 'getRecord');
    assert.deepEqual(before, { id: 'FT-1', customer: 'Contoso' });
    assert.equal(await host.call('a', 'isReadOnly'), true);
    const rects = await host.call('a', 'itemRects');
    assert.ok(!('submit' in rects), 'no Submit button in read-only mode');
    await host.click('a', 'field_customer');
    await host.page.keyboard.type(' Ltd');
    await host.page.keyboard.press('Backspace');
    await host.settle();
    assert.deepEqual(await host.call('a', 'getRecord'), before);
    assert.deepEqual(await host.events('a', 'change'), []);

    await host.call('a', 'setReadOnly', false);
    await host.settle();
    await host.click('a', 'field_customer');
    await host.page.keyboard.press('End');
    await host.page.keyboard.type(' Ltd');
    await host.settle();
    assert.equal((await host.call('a', 'getRecord')).customer, 'Contoso Ltd');
    assert.ok((await host.events('a', 'change')).length >= 4);
  } finally {
    await host.close();
  }
});

test('destroy removes the form and its listeners; the host input keeps its keys; the element can mount again', async () => {
  const host = await openHost({ a: { lang: 'en' } });
  try {
    await host.click('a', 'field_customer');
    await host.call('a', 'destroy');
    assert.deepEqual(await host.page.evaluate(() => document.getElementById('form-a').children.length), 0);
    assert.match(String(await host.throws('a', 'getRecord')), /this form was destroyed/);
    await host.page.click('#host-input');
    await host.page.keyboard.type('after destroy');
    await host.page.keyboard.press('Backspace');
    assert.equal(await host.page.inputValue('#host-input'), 'after destro');
    const again = await host.page.evaluate(async () => {
      const form = window.ftblock.mount(document.getElementById('form-a'), { lang: 'zh-CN' });
      await form.ready;
      window.forms.a = form;
      let twice = null;
      try { window.ftblock.mount(document.getElementById('form-a')); } catch (e) { twice = e.message; }
      return { lang: form.getLanguage(), canvases: document.querySelectorAll('#form-a canvas').length, twice };
    });
    assert.deepEqual(again, { lang: 'zh-CN', canvases: 1,
      twice: 'ftblock.mount: this element already holds a form (destroy() it first)' });
  } finally {
    await host.close();
  }
});

test('options the form cannot use: ready rejects and a readable message names the option', async () => {
  const host = await openHost({ a: { record: '[1, 2]' }, b: { previous: 'nope' } }, { expectReady: false });
  try {
    const failed = (await host.log()).filter((e) => e.type === 'failed');
    assert.deepEqual(failed.map((e) => e.form).sort(), ['a', 'b']);
    assert.match(failed.find((e) => e.form === 'a').message, /options\.record: line 1, column 1: expected one JSON object \(one record\), found an array/);
    assert.match(failed.find((e) => e.form === 'b').message, /options\.previous must be an array of records/);
    const shown = await host.page.evaluate(() => ['a', 'b'].map((n) => {
      const el = document.querySelector(`#form-${n} [role=alert]`);
      return { text: el ? el.textContent : null, canvas: !!document.querySelector(`#form-${n} canvas`) };
    }));
    assert.match(shown[0].text, /The page gave the form something it cannot use/);
    assert.match(shown[0].text, /页面提供给表单的数据无法使用/);
    assert.match(shown[0].text, /options\.record/);
    assert.equal(shown[0].canvas, false);
    assert.match(shown[1].text, /options\.previous/);
  } finally {
    await host.close();
  }
});

test('previous records given by the page decide the delivery rule: the form shows the difference and adopts the value on a click; read-only shows the error', async () => {
  const probe = await openHost({});
  const today = await isoDay(probe.page, 0);
  await probe.close();
  const earlier = { ...assignment(today), updated_at: '2026-01-05' };
  const delivery = {
    id: 'FT-2026-000123', customer: 'Contoso Ltd', workload: 'teams', scenario: 'delivery',
    updated_by: 'delivery_fm', l1: 'blocked', l2: 'customer_it_infrastructure', l3: null,
    service_state: 'not_applicable', engagement_scenario: 'ftc_ftp_led', target_date: '2026-12-15',
    owner: 'account_team', notes: 'VPN devices are incompatible; firmware first.', next_action_date: null,
    next_action: 'Upgrade the VPN firmware',
    updated_at: today,
  };
  const host = await openHost({ a: { lang: 'en', record: delivery, previous: [earlier] },
                                b: { lang: 'en', record: delivery, previous: [earlier], readOnly: true } });
  try {
    // editable: the page's record is never rewritten behind the user's back (issue 9): the
    // difference is an error with a one-click "use the previous value", which is a change
    assert.deepEqual(await host.call('a', 'getRecord'), delivery);
    const before = await host.call('a', 'validate');
    assert.deepEqual(before.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.field, d.code]),
      [['engagement_scenario', 'changed_from_previous']]);
    assert.deepEqual(await host.events('a', 'change'), []);
    await host.click('a', 'use_previous');
    assert.deepEqual(await host.call('a', 'getRecord'), { ...delivery, engagement_scenario: 'customer_led_ftp_assist' });
    assert.deepEqual(await host.call('a', 'validate'), { valid: true, diagnostics: [] });
    assert.equal((await host.events('a', 'change')).at(-1).detail.record.engagement_scenario, 'customer_led_ftp_assist');
    // read-only: the record stays as given, with the verdict the CLI would give it
    assert.deepEqual(await host.call('b', 'getRecord'), delivery);
    const verdict = await host.call('b', 'validate');
    assert.deepEqual(verdict.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.field, d.code]),
      [['engagement_scenario', 'changed_from_previous']]);
    assert.deepEqual(await host.events('b', 'change'), []);
  } finally {
    await host.close();
  }
});

test('two forms in drafts mode keep their drafts under their own storage keys', async () => {
  const host = await openHost({ a: { lang: 'en', drafts: true, storageKey: 'team1.ftblock' },
                                b: { lang: 'en', drafts: true, storageKey: 'team2.ftblock' } });
  try {
    await host.click('a', 'field_customer');
    await host.page.keyboard.type('Alpha');
    await host.settle('a');
    await host.click('b', 'field_customer');
    await host.page.keyboard.type('Beta');
    await host.settle('b');
    // One IndexedDB database per storage key (docs/storage.md), nothing in localStorage.
    const names = await host.page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name).sort());
    assert.deepEqual(names, ['team1.ftblock', 'team2.ftblock'], 'only the two keys are used');
    const customers = async (name) => Object.values(storedRecords(await readStore(host.page, name))).map((r) => r.customer);
    assert.deepEqual(await customers('team1.ftblock'), ['Alpha']);
    assert.deepEqual(await customers('team2.ftblock'), ['Beta']);
    assert.equal(await host.page.evaluate(() => localStorage.length), 0);
    const saved = (await host.events('a', 'saved')).filter((e) => e.via === 'event').map((e) => e.detail);
    assert.ok(saved.length >= 1 && saved.every((d) => d.ok === true && d.error === ''), 'the saved event says so');
  } finally {
    await host.close();
  }
});

test('the ES module exports the same API and finds its files from import.meta.url', async () => {
  const host = await openHost({}, { file: 'module.html', expectReady: false });
  try {
    await host.page.waitForFunction(() => window.moduleReady !== undefined);
    assert.equal(await host.page.evaluate(() => window.moduleReady), true);
    const info = await host.page.evaluate(() => window.moduleInfo);
    assert.match(info.version, /^\d+\.\d+\.\d+$/);
    assert.equal(info.baseUrl, server.url);
    assert.equal(info.sameObject, true);
    assert.equal(await host.call('a', 'getLanguage'), 'zh-CN');
    assert.deepEqual(host.errors, []);
  } finally {
    await host.close();
  }
});
