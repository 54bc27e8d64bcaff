// The form's drafts in a real browser's storage: every draft found again after a reload; import
// that adds and never destroys (broken files change nothing, duplicates are not added twice);
// the clipboard with 100,000 characters. Then the localStorage fallback of a browser without
// IndexedDB (docs/storage.md): a storage that throws (quota full, any other error) while the
// form keeps working; a tab killed in the middle of a save (the next load has the last good
// copy, never a mix); corrupt stored drafts; storage that is not there at all. docs/bad-inputs.md items 27–33.
// IndexedDB itself: drafts_store.test.mjs, store.test.mjs, kill.test.mjs.
// Each test runs in a fresh browser context; Form.close() fails the test if a request left
// 127.0.0.1. Run: node --test (in tests/e2e).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { serveSite } from './harness.mjs';
import { launchChromium, Form, POINTER_KEY, slotKey, isoDay, NO_INDEXEDDB, readStore, storedRecords } from './form_helpers.mjs';

let site, browser;
before(async () => {
  site = await serveSite();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

// The stored copy the form would load: the slot the pointer names.
function storedCopy(storage) {
  const slot = storage[POINTER_KEY];
  assert.ok(slot === 'a' || slot === 'b', `pointer ${slot}`);
  return JSON.parse(storage[slotKey(slot)]);
}

// How far the record form starts below the toolbar: a message line (banner) pushes it down.
async function formTop(form) {
  const r = await form.rects();
  return r.field_id.y - (r.language.y + r.language.height);
}

test('a reload, or a new tab, finds every draft where it was', async () => {
  const form = await Form.open(browser, site.url, { locale: 'en-US' });
  try {
    await form.click('field_customer', { settle: false });
    await form.type('First');
    await form.click('new_delivery');
    await form.click('field_customer', { settle: false });
    await form.ime('dierge', '第二');
    await form.click('field_target_date', { settle: false });
    await form.type(await isoDay(form.page, 30));
    await form.click('new_assignment');
    await form.pick('field_workload', 3);
    await form.click('field_notes', { settle: false });
    await form.type('line one');
    await form.press('Enter');
    await form.type('line two');
    // no click elsewhere: the last keystroke must be saved as it is typed
    const drafts = await form.drafts();
    assert.deepEqual(drafts.map((d) => [d.record.customer, d.record.scenario]),
      [['First', 'assignment'], ['第二', 'delivery'], [undefined, 'assignment']]);
    assert.equal(drafts[2].record.notes, 'line one\nline two');
    assert.equal(drafts[2].record.workload, 'teams');

    const stored = storedRecords(await readStore(form.page));
    assert.deepEqual(stored, Object.fromEntries(drafts.map((d) => [d.uid, d.record])), 'one object per draft in IndexedDB');
    assert.deepEqual(await form.storage(), {}, 'nothing in localStorage');

    await form.reload();
    assert.deepEqual(await form.drafts(), drafts);
    await form.click(`draft_${drafts[1].uid}`);
    assert.deepEqual(await form.record(), drafts[1].record);

    const second = await form.context.newPage();
    await form.goto(site.url, second);
    assert.deepEqual(await form.drafts(), drafts);
  } finally {
    await form.close();
  }
});

test('import: broken files change nothing, a good one adds its records, duplicates are not added twice', async () => {
  const form = await Form.open(browser, site.url, { locale: 'en-US' });
  try {
    await form.click('field_customer', { settle: false });
    await form.type('Mine');
    await form.click('new_delivery');
    await form.click('field_customer', { settle: false });
    await form.type('Also mine');
    const before = await form.drafts();
    const top = await formTop(form);

    const broken = [
      { name: 'truncated.json', text: '[{"customer": "x"}, {"customer": ' },
      { name: 'bad-line.jsonl', text: '{"customer": "ok"}\n{nope}\n' },
      { name: 'rows.csv', text: 'customer,workload\nContoso,teams,extra\n' },
      { name: 'empty.json', text: '' },
      { name: 'random.json', bytes: Buffer.from([0xff, 0xfe, 0x00, 0x41, 0xc3, 0x28, 0x8f, 0x01]) },
    ];
    await form.importFiles(broken);
    assert.deepEqual(await form.drafts(), before, 'a broken file adds nothing and changes nothing');
    assert.ok(await formTop(form) > top + 10, 'the import shows a message');
    await form.screenshot('storage-import-broken-en-1x.png');

    const fabrikam = { customer: 'Fabrikam 中国', scenario: 'delivery', workload: 'teams' };
    await form.importFiles([{ name: 'two.jsonl', text: `${JSON.stringify(before[0].record)}\n${JSON.stringify(fabrikam)}\n` }]);
    let after = await form.drafts();
    assert.equal(after.length, 3, 'the duplicate of an existing draft is not added again');
    assert.deepEqual(after.slice(0, 2), before, 'existing drafts are untouched');
    assert.deepEqual(after[2].record, fabrikam);
    assert.deepEqual(await form.record(), fabrikam, 'the imported record is shown');
    await form.screenshot('storage-import-duplicate-en-1x.png');

    await form.importFiles([{ name: 'one.csv', mimeType: 'text/csv', text: '\uFEFFcustomer,scenario,notes\r\n诺斯温德,assignment,"a, ""quoted"" note"\r\n' }]);
    after = await form.drafts();
    assert.equal(after.length, 4);
    assert.deepEqual(after[3].record, { customer: '诺斯温德', scenario: 'assignment', notes: 'a, "quoted" note' });
    await form.screenshot('storage-import-csv-en-1x.png');

    await form.reload();
    assert.deepEqual(await form.drafts(), after, 'imported drafts are saved');
  } finally {
    await form.close();
  }
});

for (const [what, error] of [
  ['a full quota (QuotaExceededError)', "new DOMException('The quota has been exceeded.', 'QuotaExceededError')"],
  ['any other storage error', "new TypeError('storage backend failed')"],
]) {
  test(`no IndexedDB, ${what} on save: the form says so at once, keeps the text, offers the backup, and leaves the last good copy`, async () => {
    const form = await Form.open(browser, site.url, { locale: 'en-US', initScript: { content: NO_INDEXEDDB } });
    try {
      await form.click('field_customer', { settle: false });
      await form.type('Kept');
      const good = await form.storage();
      assert.equal(storedCopy(good).drafts[0].record.customer, 'Kept');
      const top = await formTop(form);

      await form.page.evaluate((make) => {
        const original = Storage.prototype.setItem;
        window.restoreStorage = () => { Storage.prototype.setItem = original; };
        // eslint-disable-next-line no-new-func
        Storage.prototype.setItem = new Function(`throw ${make};`);
      }, error);
      await form.type('X');  // one save
      assert.equal((await form.record()).customer, 'KeptX', 'the draft stays in memory');
      assert.deepEqual(await form.storage(), good, 'the last good copy is untouched');
      assert.ok(await formTop(form) > top + 10, 'a message says the draft is not saved');
      await form.screenshot(`storage-failing-${error.includes('Quota') ? 'quota' : 'other'}-en-1x.png`);
      await form.type('Y');
      assert.equal((await form.record()).customer, 'KeptXY', 'typing goes on');

      const backup = await form.download('backup');
      assert.match(backup.name, /^ftblock-backup-\d{4}-\d{2}-\d{2}\.json$/);
      const saved = JSON.parse(backup.text);
      assert.equal(JSON.stringify(saved).includes('KeptXY'), true, 'the backup holds the unsaved text');

      await form.page.evaluate(() => window.restoreStorage());
      await form.click('field_customer', { settle: false });
      await form.type('Z');
      const now = await form.storage();
      assert.equal(storedCopy(now).drafts[0].record.customer, 'KeptXYZ', 'the next change is saved again');
      assert.notEqual(now[POINTER_KEY], good[POINTER_KEY]);
      await form.clickEmpty();
      assert.equal(await formTop(form), top, 'the message is gone once a save succeeds');
      await form.reload();
      assert.equal((await form.record()).customer, 'KeptXYZ');
    } finally {
      await form.close();
    }
  });
}

// A tab killed in the middle of a save: the page's script hangs inside a storage write (no
// later line of the save runs), and the page is closed while it hangs. The next page of the
// same profile must find the last complete save.
test('no IndexedDB, a tab killed in the middle of a save: the next load has the last good copy, never a mix', async () => {
  const form = await Form.open(browser, site.url, { locale: 'en-US', initScript: { content: NO_INDEXEDDB } });
  try {
    await form.click('field_customer', { settle: false });
    await form.type('v1');
    await form.clickEmpty();

    // hang: 'slot' = in the write of the new copy; 'pointer' = after it, in the pointer's write
    const killDuring = async (hang, text) => {
      await form.page.evaluate(([hangAt, pointerKey]) => {
        const original = Storage.prototype.setItem;
        Storage.prototype.setItem = function (key, value) {
          const isPointer = key === pointerKey;
          if ((hangAt === 'pointer') === isPointer) {
            console.log('ftblock-test: hung in a save');
            for (;;) { /* the tab stops here */ }
          }
          return original.call(this, key, value);
        };
      }, [hang, 'ftblock.drafts.current']);
      await form.click('field_customer', { settle: false });
      const hung = form.page.waitForEvent('console', { predicate: (m) => m.text() === 'ftblock-test: hung in a save', timeout: 5000 });
      const typing = form.page.keyboard.type(text).catch(() => {});
      await hung;
      let timer;
      await Promise.race([form.page.close(), new Promise((resolve, reject) => {
        timer = setTimeout(() => reject(new Error('the hung tab did not close')), 10000);
      })]).finally(() => clearTimeout(timer));
      await typing;
      await form.goto(site.url, await form.context.newPage());
    };

    await killDuring('slot', 'A');
    assert.equal((await form.record()).customer, 'v1', 'killed while writing the new copy: the old one');
    let stored = await form.storage();
    assert.equal(storedCopy(stored).drafts[0].record.customer, 'v1');

    await killDuring('pointer', 'B');
    assert.equal((await form.record()).customer, 'v1', 'killed before the pointer moved: the old one');
    stored = await form.storage();
    const other = stored[POINTER_KEY] === 'a' ? 'b' : 'a';
    assert.equal(JSON.parse(stored[slotKey(other)]).drafts[0].record.customer, 'v1B',
      'the new copy was written (the kill came between the two writes)');

    // A save that completed is the one found, even if the tab dies in the next one.
    await form.click('field_customer', { settle: false });
    await form.type('2');
    await killDuring('slot', 'C');
    assert.equal((await form.record()).customer, 'v12');
    assert.deepEqual((await form.drafts()).length, 1);
  } finally {
    await form.close();
  }
});

test('no IndexedDB, corrupt stored drafts: the form starts, restores the readable copy, and offers the unreadable one for download', async () => {
  const form = await Form.open(browser, site.url, { locale: 'en-US', initScript: { content: NO_INDEXEDDB } });
  try {
    await form.click('field_customer', { settle: false });
    await form.type('Kept');
    await form.clickEmpty();
    const good = await form.storage();
    const newer = good[POINTER_KEY] === 'a' ? 'b' : 'a';
    const future = '{"format":"ftblock-drafts/9","drafts":[';
    await form.page.evaluate(([key, text, pointer, slot]) => {
      localStorage.setItem(key, text);
      localStorage.setItem(pointer, slot);  // as if the tab died after moving the pointer
    }, [slotKey(newer), future, POINTER_KEY, newer]);
    await form.reload();
    assert.equal((await form.record()).customer, 'Kept');
    assert.equal(await form.has('download_unreadable'), true, 'the unreadable copy is offered');
    const kept = await form.download('download_unreadable');
    assert.equal(kept.text, future);
    await form.screenshot('storage-recovered-en-1x.png');

    // Both copies unreadable (random bytes, truncated): a fresh draft, and the blob kept.
    const garbage = '\u0000\u0001\uFFFD binary \uD83D';
    await form.page.evaluate(([a, b, text]) => {
      localStorage.setItem(a, text);
      localStorage.setItem(b, '{"format":"ftblock-drafts/1","drafts":[{"uid":1,"record":{"customer":"Tru');
    }, [slotKey('a'), slotKey('b'), garbage]);
    await form.reload();
    const drafts = await form.drafts();
    assert.equal(drafts.length, 1);
    assert.equal(drafts[0].record.customer, undefined, 'a new empty draft');
    assert.equal(await form.has('download_unreadable'), true);
    await form.click('field_customer', { settle: false });
    await form.type('Fresh start');
    assert.equal((await form.record()).customer, 'Fresh start');
  } finally {
    await form.close();
  }
});

test('no IndexedDB and localStorage not available (blocked): a warning at start; the form works and exports', async () => {
  const blocked = `Object.defineProperty(window, 'localStorage', { configurable: true, get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });`;
  const normal = await Form.open(browser, site.url, { locale: 'en-US', initScript: { content: NO_INDEXEDDB } });
  const usualTop = await formTop(normal);
  await normal.close();
  const form = await Form.open(browser, site.url, { locale: 'en-US', initScript: [{ content: NO_INDEXEDDB }, { content: blocked }] });
  try {
    assert.ok(await formTop(form) > usualTop + 10, 'a warning line at start');
    await form.screenshot('storage-unavailable-en-1x.png');
    await form.click('field_customer', { settle: false });
    await form.type('No storage');
    assert.equal((await form.record()).customer, 'No storage');
    const backup = await form.download('backup');
    assert.equal(JSON.stringify(JSON.parse(backup.text)).includes('No storage'), true);
  } finally {
    await form.close();
  }
});

test('the clipboard: 100,000 pasted characters are kept whole; copy, cut and paste between fields', async () => {
  const form = await Form.open(browser, site.url, { locale: 'en-US', permissions: ['clipboard-read', 'clipboard-write'] });
  try {
    const big = 'x'.repeat(99990) + '受阻客户。end';
    await form.page.evaluate((text) => navigator.clipboard.writeText(text), big);
    await form.click('field_notes', { settle: false });
    await form.press('Control+V');
    assert.equal((await form.record()).notes, big, 'pasted whole');
    await form.clickEmpty();
    assert.deepEqual(await form.codesOf('notes'), ['too_long']);

    // Copy from a field with the keyboard: Ctrl+A, Ctrl+C; paste into another field.
    await form.click('field_customer', { settle: false });
    await form.type('Contoso 复制');
    await form.press('Control+A', 'Control+C');
    assert.equal(await form.page.evaluate(() => navigator.clipboard.readText()), 'Contoso 复制');
    await form.click('field_id', { settle: false });
    await form.press('Control+V');
    assert.equal((await form.record()).id, 'Contoso 复制');
    // Cut empties the field and fills the clipboard.
    await form.press('Control+A', 'Control+X');
    assert.equal((await form.record()).id, '');
    assert.equal(await form.page.evaluate(() => navigator.clipboard.readText()), 'Contoso 复制');
  } finally {
    await form.close();
  }
});
