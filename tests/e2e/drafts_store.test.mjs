// The form with its drafts in IndexedDB (docs/storage.md), in Chromium: drafts of today's
// localStorage format migrated on the first load (the legacy keys removed only after the commit,
// an unreadable slot kept downloadable), a full quota and an aborted transaction while saving
// (the not-saved banner at once, the edit kept, the backup, the last good copy stored), a
// database that cannot be opened (private mode), taken over by another tab or cleared, an import
// refused for want of space, an import cancelled half-way, and a large import stored whole.
// Each test runs in a fresh browser context; Form.close() fails the test if a request left
// 127.0.0.1 or the page logged an error. Run: node --test drafts_store.test.mjs (in tests/e2e).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { serveSite } from './harness.mjs';
import { launchChromium, Form, NO_INDEXEDDB, POINTER_KEY, slotKey, readStore, storedRecords, sleep, artifact, fillAssignment,
  isoDay } from './form_helpers.mjs';
import { jsonLines, record } from './records.mjs';

let site, browser;
before(async () => {
  site = await serveSite();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

// How far the record form starts below the toolbar: a message line (banner) pushes it down.
async function formTop(form) {
  const r = await form.rects();
  return r.field_id.y - (r.language.y + r.language.height);
}

// Pages opened with ?noidb see no IndexedDB: the form of the earlier version, which kept its
// drafts in localStorage (the same two-slot code is the fallback today).
const OLD_VERSION = `if (location.search.includes('noidb')) { ${NO_INDEXEDDB} }`;

// Records, in the page, the order of IndexedDB commits and localStorage removals.
const JOURNAL = `
window.journal = [];
const transaction = IDBDatabase.prototype.transaction;
IDBDatabase.prototype.transaction = function (...args) {
  const tx = transaction.apply(this, args);
  if (args[1] === 'readwrite') {
    const puts = [];
    tx.puts = puts;
    tx.addEventListener('complete', () => window.journal.push({ commit: puts.slice() }));
  }
  return tx;
};
const put = IDBObjectStore.prototype.put;
IDBObjectStore.prototype.put = function (value, key) {
  if (this.transaction.puts && this.name === 'drafts') this.transaction.puts.push(key);
  return put.call(this, value, key);
};
const removeItem = Storage.prototype.removeItem;
Storage.prototype.removeItem = function (key) {
  window.journal.push({ removed: key });
  return removeItem.call(this, key);
};`;

async function typeInto(form, field, text) {
  await form.click(field, { settle: false });
  await form.type(text);
}

test('drafts in today\'s localStorage format are migrated on the first load; the old keys go only after the commit', async () => {
  const form = await Form.open(browser, `${site.url}?noidb`, { initScript: [{ content: OLD_VERSION }, { content: JOURNAL }] });
  try {
    await typeInto(form, 'field_customer', 'Alpha');
    await form.click('new_delivery');
    await typeInto(form, 'field_customer', '第二 Beta');
    await form.click('new_assignment');
    await typeInto(form, 'field_notes', 'line one');
    await form.clickEmpty();
    const before = await form.drafts();
    assert.equal(before.length, 3);
    const legacy = await form.storage();
    assert.deepEqual(Object.keys(legacy).sort(), [slotKey('a'), slotKey('b'), POINTER_KEY].sort());

    await form.goto(site.url);  // the new version, same storage
    assert.deepEqual(await form.drafts(), before, 'every draft, as it was');
    const stored = storedRecords(await readStore(form.page));
    assert.deepEqual(stored, Object.fromEntries(before.map((d) => [d.uid, d.record])), 'each draft is its own object');
    assert.deepEqual(await form.storage(), {}, 'the legacy keys are gone');
    const journal = await form.page.evaluate(() => window.journal);
    const legacyKeys = [slotKey('a'), slotKey('b'), POINTER_KEY];
    const firstRemoval = journal.findIndex((e) => legacyKeys.includes(e.removed));
    const commit = journal.findIndex((e) => e.commit && before.every((d) => e.commit.includes(d.uid)));
    assert.ok(commit >= 0 && firstRemoval > commit, `removed after the commit of every draft: ${JSON.stringify(journal)}`);
    assert.deepEqual(journal.filter((e) => legacyKeys.includes(e.removed)).map((e) => e.removed).sort(), legacyKeys.sort());

    await form.reload();
    assert.deepEqual(await form.drafts(), before, 'and again from IndexedDB');
  } finally {
    await form.close();
  }
});

test('migration with an unreadable slot: the readable drafts move, the unreadable text stays downloadable until dismissed', async () => {
  const form = await Form.open(browser, `${site.url}?noidb`, { initScript: { content: OLD_VERSION } });
  try {
    await typeInto(form, 'field_customer', 'Kept');
    await form.clickEmpty();
    const before = await form.drafts();
    const legacy = await form.storage();
    const newer = legacy[POINTER_KEY] === 'a' ? 'b' : 'a';
    const broken = '{"format":"ftblock-drafts/1","drafts":[{"uid":7,"record":{"customer":"Tru';
    await form.page.evaluate(([key, text, pointer, slot]) => {
      localStorage.setItem(key, text);
      localStorage.setItem(pointer, slot);  // the tab died after moving the pointer
    }, [slotKey(newer), broken, POINTER_KEY, newer]);

    await form.goto(site.url);
    assert.deepEqual(await form.drafts(), before, 'the readable slot\'s drafts');
    assert.deepEqual(storedRecords(await readStore(form.page)), { [before[0].uid]: before[0].record });
    assert.equal(await form.has('download_unreadable'), true);
    assert.equal((await form.download('download_unreadable')).text, broken);
    assert.ok(slotKey(newer) in await form.storage(), 'kept while it is unreadable');

    await form.reload();
    assert.equal(await form.has('download_unreadable'), true, 'still offered after a reload');
    assert.equal((await form.download('download_unreadable')).text, broken);
    assert.deepEqual(await form.drafts(), before);
  } finally {
    await form.close();
  }
});

// The store refuses a write: put throws QuotaExceededError (what Chromium does when the quota is
// exceeded), or the transaction aborts.
for (const [what, script, reason] of [
  ['a full quota (QuotaExceededError)', `
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (v, k) {
      if (window.failing) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.call(this, v, k);
    };`, 'QuotaExceededError'],
  ['an aborted transaction', `
    const transaction = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (...args) {
      const tx = transaction.apply(this, args);
      if (window.failing && args[1] === 'readwrite') setTimeout(() => { try { tx.abort(); } catch (e) {} });
      return tx;
    };`, 'AbortError'],
]) {
  test(`${what} while saving: the not-saved banner at once, the edit kept, the backup, the last good copy stored`, async () => {
    const form = await Form.open(browser, site.url, { initScript: { content: script } });
    const saved = [];
    await form.page.exposeFunction('noteSaved', (d) => saved.push(d));
    await form.page.evaluate(() => document.getElementById('ftblock-form')
      .addEventListener('ftblock:saved', (e) => window.noteSaved(e.detail)));
    try {
      await typeInto(form, 'field_customer', 'Kept');
      await form.clickEmpty();
      const good = await readStore(form.page);
      assert.equal(Object.values(storedRecords(good))[0].customer, 'Kept');
      assert.equal(await form.has('save_backup'), false);
      const top = await formTop(form);

      await form.page.evaluate(() => { window.failing = true; });
      await typeInto(form, 'field_customer', 'X');
      assert.equal(await form.has('save_backup'), true, 'the not-saved banner with its backup button');
      assert.ok(await formTop(form) > top + 10);
      assert.equal((await form.record()).customer, 'KeptX', 'the edit stays in memory');
      assert.deepEqual(await readStore(form.page), good, 'the stored copy is the last good one');
      assert.ok(saved.some((d) => d.ok === false && d.error.startsWith(reason)), JSON.stringify(saved.slice(-2)));
      await form.screenshot(`drafts-store-failing-${reason}-en-1x.png`);
      await form.type('Y');
      const backup = await form.download('save_backup');
      assert.match(backup.name, /^ftblock-backup-\d{4}-\d{2}-\d{2}\.json$/);
      assert.equal(JSON.parse(backup.text)[0].customer, 'KeptXY', 'the backup holds the unsaved text');

      await form.page.evaluate(() => { window.failing = false; });
      await typeInto(form, 'field_customer', 'Z');
      await form.clickEmpty();
      assert.equal(Object.values(storedRecords(await readStore(form.page)))[0].customer, 'KeptXYZ', 'stored again');
      assert.equal(await form.has('save_backup'), false, 'the banner goes once a save succeeds');
      assert.equal(await formTop(form), top);
      await form.reload();
      assert.equal((await form.record()).customer, 'KeptXYZ');
    } finally {
      await form.close();
    }
  });
}

for (const [what, prepare, initScript] of [
  ['IndexedDB refuses to open (private mode: InvalidStateError)', null,
    `IDBFactory.prototype.open = function () { throw new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError'); };`],
  ['the database belongs to a newer version (VersionError)', async (page) => {
    await page.goto(`${site.url}ftblock.css`);
    await page.evaluate(() => new Promise((resolve) => {
      const r = indexedDB.open('ftblock.drafts', 7);
      r.onsuccess = () => { r.result.close(); resolve(); };
    }));
  }, null],
]) {
  test(`${what}: a warning at start; the form works and exports; nothing is stored anywhere`, async () => {
    const normal = await Form.open(browser, site.url);
    const usualTop = await formTop(normal);
    await normal.close();
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    if (initScript) await context.addInitScript({ content: initScript });
    const page = await context.newPage();
    if (prepare) await prepare(page);
    const requests = [];
    context.on('request', (r) => requests.push(r.url()));
    const form = new Form(context, page, requests, []);
    try {
      await form.goto(site.url);
      assert.ok(await formTop(form) > usualTop + 10, 'a warning line at start');
      await form.screenshot(`drafts-store-unavailable-${prepare ? 'version' : 'private'}-en-1x.png`);
      const filled = await fillAssignment(form, { nextActionDate: await isoDay(page, 7) });
      const exported = await form.download('export_json');
      assert.deepEqual(JSON.parse(exported.text), filled);
      const backup = await form.download('backup');
      assert.deepEqual(JSON.parse(backup.text), [await form.record()]);
      assert.equal(JSON.parse(backup.text)[0].notes, filled.notes);
      assert.deepEqual(await form.storage(), {}, 'nothing in localStorage either');
    } finally {
      await form.close();
    }
  });
}

test('another tab upgrades the database: this form lets go, and its next edit says it is not saved', async () => {
  const form = await Form.open(browser, site.url);
  try {
    await typeInto(form, 'field_customer', 'Before');
    await form.clickEmpty();
    const other = await form.context.newPage();
    await other.goto(`${site.url}ftblock.css`);
    const upgraded = await other.evaluate(() => new Promise((resolve) => {
      const r = indexedDB.open('ftblock.drafts', 2);
      r.onsuccess = () => { r.result.close(); resolve('upgraded'); };
      r.onblocked = () => resolve('blocked');
    }));
    assert.equal(upgraded, 'upgraded', 'the other tab is not blocked by this one');
    await other.close();
    await typeInto(form, 'field_customer', ' after');
    assert.equal(await form.has('save_backup'), true, 'not saved, with the backup offered');
    assert.equal((await form.record()).customer, 'Before after');
  } finally {
    await form.close();
  }
});

test('the site\'s data cleared while the form is open (as an eviction would): the next edit says it is not saved', async () => {
  const form = await Form.open(browser, site.url);
  try {
    await typeInto(form, 'field_customer', 'Before');
    await form.clickEmpty();
    const cdp = await form.context.newCDPSession(form.page);
    await form.page.evaluate(() => {
      window.failures = [];
      document.getElementById('ftblock-form').addEventListener('ftblock:saved', (e) => { if (!e.detail.ok) window.failures.push(e.detail.error); });
    });
    await cdp.send('Storage.clearDataForOrigin', { origin: site.origin, storageTypes: 'indexeddb' });
    await typeInto(form, 'field_customer', ' after');
    assert.equal(await form.has('save_backup'), true, 'not saved, with the backup offered');
    const failures = await form.page.evaluate(() => window.failures);
    assert.match(failures[0], /^UnknownError: the browser closed the drafts database/, failures.join(' | '));
    assert.equal((await form.record()).customer, 'Before after', 'the edit stays in memory');
    const backup = await form.download('save_backup');
    assert.equal(JSON.parse(backup.text)[0].customer, 'Before after');
  } finally {
    await form.close();
  }
});

test('an import larger than the free space is refused before it starts; nothing is added', async () => {
  const form = await Form.open(browser, site.url, {
    initScript: { content: 'navigator.storage.estimate = async () => ({ quota: 3e6, usage: 1e6 });' },
  });
  try {
    await typeInto(form, 'field_customer', 'Mine');
    await form.clickEmpty();
    const before = await form.drafts();
    const top = await formTop(form);
    const file = jsonLines(3000);  // ~2 MB, twice that needed, 2 MB free
    await form.importFiles([{ name: 'big.jsonl', bytes: file }]);
    assert.deepEqual(await form.drafts(), before);
    assert.ok(await formTop(form) > top + 10, 'a message says why');
    await form.screenshot('drafts-store-import-no-space-en-1x.png');
    assert.deepEqual(Object.keys((await readStore(form.page)).drafts), before.map((d) => String(d.uid)));
    // a file that fits is taken
    await form.importFiles([{ name: 'small.jsonl', bytes: jsonLines(10) }]);
    assert.equal((await form.drafts()).length, 11);
  } finally {
    await form.close();
  }
});

test('import of 25,000 records: Cancel during the progress adds nothing and stores nothing', async () => {
  const form = await Form.open(browser, site.url);
  try {
    await typeInto(form, 'field_customer', 'Mine');
    await form.clickEmpty();
    const before = await form.drafts();
    const stored = await readStore(form.page);
    const file = jsonLines(25000);
    await form.importFiles([{ name: 'tenants.jsonl', bytes: file }], { wait: false });
    await form.page.waitForFunction(() => 'import_cancel' in window.ftblockPage.itemRects(), null, { timeout: 20000 });
    await form.page.screenshot({ path: artifact('drafts-store-import-progress-en-1x.png') });  // not settled: it runs
    await form.click('import_cancel', { settle: false });
    await form.importDone();
    assert.deepEqual(await form.drafts(), before, 'nothing added');
    await sleep(300);
    assert.deepEqual(await readStore(form.page), stored, 'nothing stored');
    await form.reload();
    assert.deepEqual(await form.drafts(), before);
  } finally {
    await form.close();
  }
});

test('import of 5,000 records in two files: every record stored, found again after a reload', async () => {
  const form = await Form.open(browser, site.url);
  try {
    const files = [{ name: 'one.jsonl', bytes: jsonLines(3000) }, { name: 'two.jsonl', bytes: jsonLines(2000, { first: 3000 }) }];
    await form.importFiles(files);
    const drafts = await form.drafts();
    assert.equal(drafts.length, 5001, 'the first empty draft and 5,000 imported');
    assert.deepEqual(drafts[1].record, record(0));
    assert.deepEqual(drafts[5000].record, record(4999));
    const stored = storedRecords(await readStore(form.page));
    assert.equal(Object.keys(stored).length, 5001);
    assert.deepEqual(stored[drafts[4321].uid], drafts[4321].record);
    await form.reload();
    assert.deepEqual(await form.drafts(), drafts);
  } finally {
    await form.close();
  }
});

test('the iframe page (one record) opens no database and stores nothing; ftblock\'s page opens only its own', async () => {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${site.url}embed.html#origins=${site.origin}`);
    await page.waitForFunction(() => window.ftblockFrame && window.ftblockFrame.form);
    await page.evaluate(() => window.ftblockFrame.form.ready);
    const r = await page.evaluate(() => window.ftblockFrame.form.itemRects().field_customer);
    await page.mouse.click(r.x + r.width / 2, r.y + r.height / 2);
    await page.keyboard.type('Framed');
    await page.waitForFunction(() => window.ftblockFrame.form.getRecord().customer === 'Framed');
    await sleep(200);
    assert.deepEqual(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name)), []);
    assert.equal(await page.evaluate(() => localStorage.length), 0);

    await page.goto(site.url);
    await page.waitForFunction(() => window.ftblockPage && window.ftblockPage.ready);
    await page.evaluate(() => window.ftblockPage.ready);
    assert.deepEqual(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name)), ['ftblock.drafts']);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a first visit: the database made just now is not read; a reload reads the drafts back in one transaction', async () => {
  const READS = `window.readTransactions = 0;
const transaction = IDBDatabase.prototype.transaction;
IDBDatabase.prototype.transaction = function (...args) {
  if (args[1] !== 'readwrite') window.readTransactions++;
  return transaction.apply(this, args);
};`;
  const form = await Form.open(browser, site.url, { initScript: READS });
  try {
    assert.equal(await form.page.evaluate(() => window.readTransactions), 0, 'a database made just now is not read');
    await typeInto(form, 'field_customer', 'Again Co');
    await form.page.waitForFunction(async () => {
      const db = await new Promise((resolve) => { const r = indexedDB.open('ftblock.drafts'); r.onsuccess = () => resolve(r.result); });
      const texts = await new Promise((resolve) => { const g = db.transaction('drafts').objectStore('drafts').getAll(); g.onsuccess = () => resolve(g.result); });
      db.close();
      return texts.some((t) => t.includes('Again Co'));
    }, null, { polling: 100, timeout: 5000 });
    await form.reload();
    assert.equal(await form.page.evaluate(() => window.readTransactions), 1, 'the second visit reads the drafts once');
    assert.equal((await form.record()).customer, 'Again Co');
  } finally {
    await form.close();
  }
});

// indexedDB.open answers only after `ms` (a slow disk, a busy browser): the request's handlers
// are called as the real request's events come, later.
const slowOpen = (ms) => `{
  const open = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function (...args) {
    const factory = this;
    const fake = { readyState: 'pending', result: undefined, error: null };
    setTimeout(() => {
      const real = open.apply(factory, args);
      for (const type of ['upgradeneeded', 'blocked', 'success', 'error']) {
        real.addEventListener(type, (e) => {
          fake.readyState = real.readyState;
          try { fake.result = real.result; } catch (err) { fake.error = real.error; }
          if (type === 'error') fake.error = real.error;
          if (typeof fake['on' + type] === 'function') fake['on' + type](e);
        });
      }
    }, ${ms});
    return fake;
  };
}`;

test('the drafts database opens slowly: the form starts at once with a blank draft that says so, then shows the stored drafts; ready waits for them', async () => {
  const form = await Form.open(browser, site.url);
  try {
    await typeInto(form, 'field_customer', 'Stored Co');
    await form.page.waitForFunction(() => window.ftblockPage.getDrafts()[0].record.customer === 'Stored Co');
    await form.page.waitForFunction(async () => {
      const db = await new Promise((resolve) => { const r = indexedDB.open('ftblock.drafts'); r.onsuccess = () => resolve(r.result); });
      const texts = await new Promise((resolve) => { const g = db.transaction('drafts').objectStore('drafts').getAll(); g.onsuccess = () => resolve(g.result); });
      db.close();
      return texts.some((t) => t.includes('Stored Co'));
    }, null, { polling: 100, timeout: 5000 });

    await form.context.addInitScript(slowOpen(1500));
    await form.page.reload();
    await form.page.waitForFunction(() => performance.getEntriesByName('ftblock:mirror').length > 0, null, { polling: 20 });
    const early = await form.page.evaluate(() => ({
      drafts: window.ftblockPage.getDrafts().map((d) => d.record.customer ?? null),
      status: window.ftblockPage.a11yTree().nodes.find((n) => n.id === 'save_state').name,
      importDisabled: !!window.ftblockPage.a11yTree().nodes.find((n) => n.id === 'import').disabled,
      draftsIn: performance.getEntriesByName('ftblock:drafts').length,
    }));
    assert.deepEqual(early, { drafts: [null], status: 'Opening saved drafts…', importDisabled: true, draftsIn: 0 });
    await form.page.evaluate(() => window.ftblockPage.ready);
    await form.settle();
    const marks = await form.page.evaluate(() => Object.fromEntries(['ftblock:first-frame', 'ftblock:drafts']
      .map((n) => [n, performance.getEntriesByName(n)[0].startTime])));
    assert.ok(marks['ftblock:drafts'] - marks['ftblock:first-frame'] > 1000,
              `the first frame did not wait for the slow database: ${JSON.stringify(marks)}`);
    assert.deepEqual((await form.drafts()).map((d) => d.record.customer), ['Stored Co']);
    assert.equal((await form.record()).customer, 'Stored Co');
    const status = await form.page.evaluate(() => window.ftblockPage.a11yTree().nodes.find((n) => n.id === 'save_state').name);
    assert.match(status, /^Saved in this browser( · .+)?$/);
  } finally {
    await form.close();
  }
});
