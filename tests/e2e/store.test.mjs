// The drafts store on its own (shell/embed/15-store.js, ftblock.openDraftStore; docs/storage.md),
// in Chromium, without the form: what it reads back, transactions that are all or nothing and
// report in order, imports written in slices, the legacy localStorage keys removed only after a
// commit, and every way the database can fail (another tab upgrading it, a newer version, an
// open that throws or hangs, a full quota). Run: node --test store.test.mjs (in tests/e2e).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { serveSite } from './harness.mjs';
import { launchChromium } from './form_helpers.mjs';

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

// In the page: window.t.write(store, puts, options) → Promise<[ok, error]>, puts = [[uid, text]].
const HELPERS = `
window.t = {
  batch(puts, o = {}) {
    return { count: puts.length, uid: (i) => puts[i][0], json: (i) => puts[i][1], remove: o.remove || [],
             meta: o.meta || '', removeLegacy: !!o.removeLegacy, isImport: !!o.isImport };
  },
  write(store, puts, o) {
    return new Promise((resolve) => store.write(window.t.batch(puts, o), (ok, error) => resolve([ok, error])));
  },
  async reopen(store, name) {
    store.close();
    const s = await ftblock.openDraftStore(name);
    return { state: s.state, error: s.error, drafts: s.takeDrafts(), meta: s.meta, store: s };
  },
};`;

async function openPage({ initScript = null } = {}) {
  const context = await browser.newContext();
  const errors = [];
  await context.addInitScript({ content: HELPERS });
  if (initScript) await context.addInitScript({ content: initScript });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  await page.goto(`${server.url}fixtures/store/index.html`);
  return {
    page,
    async close() {
      try {
        assert.deepEqual(errors, [], 'no page errors');
      } finally {
        await context.close();
      }
    },
  };
}

for (const [how, initScript] of [
  ['getAllRecords', null],
  ['getAll + getAllKeys (browsers without getAllRecords)', 'delete IDBObjectStore.prototype.getAllRecords;'],
]) {
test(`a new database is created empty; what a write commits is read back exactly, 12,345 drafts in key order (${how})`, async () => {
  const { page, close } = await openPage({ initScript });
  try {
    const result = await page.evaluate(async () => {
      const s = await ftblock.openDraftStore('ftblock.drafts');
      const first = { state: s.state, error: s.error, drafts: s.takeDrafts(), meta: s.meta };
      const big = '{"record":{"notes":"' + '受阻'.repeat(50000) + '"}}';
      const puts = [[3, '{"uid":3,"record":{"customer":"诺斯温德"}}'], [1, big], [2, '{}']];
      const w1 = await t.write(s, puts, { meta: '{"format":"ftblock-meta/1","next_uid":4}' });
      const w2 = await t.write(s, [[2, '{"uid":2,"v":2}']], { remove: [3] });
      const again = await t.reopen(s, 'ftblock.drafts');
      const many = [];
      for (let i = 12345; i >= 1; i--) many.push([i * 7, `{"uid":${i * 7}}`]);
      const w3 = await t.write(again.store, many, { remove: [1, 2], isImport: true });
      const third = await t.reopen(again.store, 'ftblock.drafts');
      third.store.close();
      const keys = third.drafts.map((d) => d[0]);
      return {
        first, w1, w2,
        again: { state: again.state, meta: again.meta, drafts: again.drafts.map(([u, j]) => [u, j.length > 100 ? j.length : j]) },
        bigLength: big.length, w3,
        count: third.drafts.length,
        sorted: keys.every((k, i) => i === 0 || keys[i - 1] < k),
        textsMatch: third.drafts.every(([u, j]) => j === `{"uid":${u}}`),
        firstKey: keys[0], lastKey: keys[keys.length - 1],
      };
    });
    assert.deepEqual(result.first, { state: 'ready', error: '', drafts: [], meta: '' });
    assert.deepEqual(result.w1, [true, '']);
    assert.deepEqual(result.w2, [true, '']);
    assert.deepEqual(result.again, {
      state: 'ready', meta: '{"format":"ftblock-meta/1","next_uid":4}',
      drafts: [[1, result.bigLength], [2, '{"uid":2,"v":2}']],
    });
    assert.deepEqual(result.w3, [true, '']);
    assert.equal(result.count, 12345);
    assert.equal(result.sorted, true, 'read in key order across the chunks');
    assert.equal(result.textsMatch, true);
    assert.deepEqual([result.firstKey, result.lastKey], [7, 12345 * 7]);
  } finally {
    await close();
  }
});
}

test('a batch is all or nothing, and completions come in the order the batches were given', async () => {
  const { page, close } = await openPage();
  try {
    const result = await page.evaluate(async () => {
      const s = await ftblock.openDraftStore('ftblock.drafts');
      const order = [];
      const track = (name, puts, o) => new Promise((resolve) => s.write(t.batch(puts, o), (ok, error) => {
        order.push(name);
        resolve([ok, error]);
      }));
      const results = await Promise.all([
        track('one', [[1, 'a1'], [2, 'b1']]),
        // a key IndexedDB refuses (NaN) in the middle: put throws, nothing of this batch stays
        track('two', [[1, 'a2'], [NaN, 'x'], [2, 'b2']], { meta: '{"m":2}' }),
        track('three', [[3, 'c1']]),
        track('four', [[2, 'b4']], { isImport: true }),
      ]);
      const back = await t.reopen(s, 'ftblock.drafts');
      back.store.close();
      return { order, results, drafts: back.drafts, meta: back.meta };
    });
    assert.deepEqual(result.order, ['one', 'two', 'three', 'four']);
    assert.deepEqual(result.results[0], [true, '']);
    assert.equal(result.results[1][0], false);
    assert.match(result.results[1][1], /^DataError: /);
    assert.deepEqual(result.results.slice(2), [[true, ''], [true, '']]);
    assert.deepEqual(result.drafts, [[1, 'a1'], [2, 'b4'], [3, 'c1']], 'nothing of the failed batch');
    assert.equal(result.meta, '', 'its meta neither');
  } finally {
    await close();
  }
});

test('an import is written in slices inside one transaction: no long task, and a failure in a late slice stores nothing of it', async () => {
  const { page, close } = await openPage();
  try {
    const result = await page.evaluate(async () => {
      const long = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => long.push(Math.round(e.duration))))
        .observe({ type: 'longtask' });
      const s = await ftblock.openDraftStore('ftblock.drafts');
      const text = JSON.stringify({ record: { notes: 'n'.repeat(650) } });
      const puts = [];
      for (let i = 1; i <= 9000; i++) puts.push([i, text]);
      let called = 0;
      const batch = t.batch(puts, { isImport: true });
      const json = batch.json;
      batch.json = (i) => { called = Math.max(called, i + 1); return json(i); };
      const ticks = [];
      const ticking = setInterval(() => ticks.push(performance.now()), 0);
      const ok = await new Promise((resolve) => s.write(batch, (...r) => resolve(r)));
      clearInterval(ticking);
      // the same again with a put that throws in the 4th slice (at draft 7,000)
      const broken = t.batch(puts.map(([u]) => [u + 100000, 'x']), { isImport: true, remove: [1] });
      const uid = broken.uid;
      broken.uid = (i) => (i === 6999 ? {} : uid(i));
      const failed = await new Promise((resolve) => s.write(broken, (...r) => resolve(r)));
      const back = await t.reopen(s, 'ftblock.drafts');
      back.store.close();
      await new Promise((r) => setTimeout(r, 50));
      return { ok, failed, called, count: back.drafts.length, maxKey: back.drafts[back.drafts.length - 1][0],
               long, timerRuns: ticks.length };
    });
    assert.deepEqual(result.ok, [true, '']);
    assert.equal(result.called, 9000);
    assert.ok(result.timerRuns >= 4, `the page ran other tasks between the slices (${result.timerRuns})`);
    assert.equal(result.failed[0], false);
    assert.match(result.failed[1], /^DataError: /);
    assert.equal(result.count, 9000, 'the failed import stored nothing and removed nothing');
    assert.equal(result.maxKey, 9000);
    assert.ok(result.long.every((ms) => ms < 200), `no long task over 200 ms: ${result.long}`);
  } finally {
    await close();
  }
});

test('the localStorage slots of the old format go only once the batch that migrated them is committed', async () => {
  const { page, close } = await openPage();
  try {
    const result = await page.evaluate(async () => {
      const keys = ['ftblock.drafts.a', 'ftblock.drafts.b', 'ftblock.drafts.current', 'other.a'];
      keys.forEach((k) => localStorage.setItem(k, 'old'));
      const left = () => keys.filter((k) => localStorage.getItem(k) !== null);
      const s = await ftblock.openDraftStore('ftblock.drafts');
      const failed = await t.write(s, [[NaN, 'x']], { removeLegacy: true });
      const afterFailure = left();
      let during = null;
      const ok = await new Promise((resolve) => {
        s.write(t.batch([[1, 'y']], { removeLegacy: true }), (...r) => resolve(r));
        during = left();  // written, not yet committed
      });
      s.close();
      return { failed: failed[0], afterFailure, during, ok, after: left() };
    });
    assert.equal(result.failed, false);
    assert.deepEqual(result.afterFailure, ['ftblock.drafts.a', 'ftblock.drafts.b', 'ftblock.drafts.current', 'other.a']);
    assert.deepEqual(result.during, result.afterFailure);
    assert.deepEqual(result.ok, [true, '']);
    assert.deepEqual(result.after, ['other.a'], 'only this form\'s keys, once committed');
  } finally {
    await close();
  }
});

test('another tab upgrading the database: this one lets go at once, and its later writes fail with the reason', async () => {
  const { page, close } = await openPage();
  try {
    const result = await page.evaluate(async () => {
      const s = await ftblock.openDraftStore('ftblock.drafts');
      const before = await t.write(s, [[1, 'a']]);
      // "another tab": a second connection asking for version 2
      const upgraded = await new Promise((resolve, reject) => {
        const req = indexedDB.open('ftblock.drafts', 2);
        req.onsuccess = () => { req.result.close(); resolve('upgraded'); };
        req.onblocked = () => resolve('blocked');
        req.onerror = () => reject(req.error);
      });
      const afterwards = await t.write(s, [[1, 'b']]);
      return { before, upgraded, afterwards };
    });
    assert.deepEqual(result.before, [true, '']);
    assert.equal(result.upgraded, 'upgraded', 'the other tab was not blocked');
    assert.equal(result.afterwards[0], false);
    assert.match(result.afterwards[1], /^VersionError: another tab opened a newer version/);
  } finally {
    await close();
  }
});

test('a database it cannot use is "failed" with the browser\'s reason; no IndexedDB at all is "missing"', async () => {
  const { page, close } = await openPage();
  try {
    const result = await page.evaluate(async () => {
      const out = {};
      // a newer version of the form made the database (version 5): VersionError
      await new Promise((resolve) => { const r = indexedDB.open('newer', 5); r.onsuccess = () => { r.result.close(); resolve(); }; });
      let s = await ftblock.openDraftStore('newer');
      out.newer = [s.state, s.error];
      // a database of that name that is not ours (no object stores): NotFoundError
      await new Promise((resolve) => { const r = indexedDB.open('foreign', 1); r.onsuccess = () => { r.result.close(); resolve(); }; });
      s = await ftblock.openDraftStore('foreign');
      out.foreign = [s.state, s.error];
      // an open that hangs: a delete waits for a connection that never closes, and ours waits behind it
      const holder = await new Promise((resolve) => { const r = indexedDB.open('held', 1); r.onsuccess = () => resolve(r.result); });
      indexedDB.deleteDatabase('held');
      const t0 = performance.now();
      s = await ftblock.openDraftStore('held', { timeout: 400 });
      out.held = [s.state, s.error, performance.now() - t0];
      holder.close();
      // open() throws (a sandboxed frame's SecurityError, old Firefox private mode's InvalidStateError)
      const open = IDBFactory.prototype.open;
      IDBFactory.prototype.open = () => { throw new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError'); };
      s = await ftblock.openDraftStore('ftblock.drafts');
      out.throws = [s.state, s.error];
      IDBFactory.prototype.open = open;
      const factory = Object.getOwnPropertyDescriptor(window, 'indexedDB') || Object.getOwnPropertyDescriptor(Window.prototype, 'indexedDB');
      Object.defineProperty(window, 'indexedDB', { configurable: true, get() { return undefined; } });
      s = await ftblock.openDraftStore('ftblock.drafts');
      out.missing = [s.state, s.error];
      Object.defineProperty(window, 'indexedDB', { configurable: true, get() { throw new DOMException('Access is denied for this document.', 'SecurityError'); } });
      s = await ftblock.openDraftStore('ftblock.drafts');
      out.denied = [s.state, s.error];
      Object.defineProperty(window, 'indexedDB', factory);
      // a failed store refuses writes, later and in order
      out.write = await t.write(s, [[1, 'x']]);
      return out;
    });
    assert.equal(result.newer[0], 'failed');
    assert.match(result.newer[1], /^VersionError: /);
    assert.equal(result.foreign[0], 'failed');
    assert.match(result.foreign[1], /^NotFoundError: /);
    assert.equal(result.held[0], 'failed');
    assert.match(result.held[1], /^TimeoutError: the drafts database did not open within 0.4 s/);
    assert.ok(result.held[2] >= 390 && result.held[2] < 3000, `gave up after ${result.held[2]} ms`);
    assert.deepEqual(result.throws, ['failed', 'InvalidStateError: A mutation operation was attempted on a database that did not allow mutations.']);
    assert.deepEqual(result.missing, ['missing', '']);
    assert.deepEqual(result.denied, ['failed', 'SecurityError: Access is denied for this document.']);
    assert.deepEqual(result.write, [false, 'InvalidStateError: the drafts database is not open']);
  } finally {
    await close();
  }
});

// Chromium's quota cannot be lowered from a test (Storage.overrideQuotaForOrigin has no effect on
// estimate() or on writes here), so the full disk is what the browser throws from put when the
// quota is exceeded: a QuotaExceededError. The estimate is replaced the same way.
test('a full quota: the write fails with QuotaExceededError, nothing of it is stored; the free space is quota − usage', async () => {
  const { page, close } = await openPage({ initScript: `
    navigator.storage.estimate = async () => ({ quota: 50e6, usage: window.usage || 1e6 });
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (value, key) {
      if (window.full && key > 40) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.call(this, value, key);
    };` });
  try {
    const result = await page.evaluate(async () => {
      const s = await ftblock.openDraftStore('ftblock.drafts');
      let changes = 0;
      s.onchange = () => { changes++; };
      await new Promise((r) => setTimeout(r, 50));
      const start = s.freeBytes;
      const small = await t.write(s, [[1, 'small']]);
      window.usage = 45e6;
      window.full = true;
      const puts = [];
      for (let i = 2; i < 80; i++) puts.push([i, 'q' + i]);
      const big = await t.write(s, puts, { isImport: true });
      const later = await t.write(s, [[1, 'later']]);
      await new Promise((r) => setTimeout(r, 50));
      const back = await t.reopen(s, 'ftblock.drafts');
      await new Promise((r) => setTimeout(r, 100));  // persisted() / persist() answer
      back.store.close();
      return { start, small, big, later, end: s.freeBytes, changes, drafts: back.drafts, persistence: back.store.persistence };
    });
    assert.equal(result.start, 49e6);
    assert.deepEqual(result.small, [true, '']);
    assert.deepEqual(result.big, [false, 'QuotaExceededError: The quota has been exceeded.']);
    assert.deepEqual(result.later, [true, '']);
    assert.equal(result.end, 5e6, 'estimated again after a completed write');
    assert.ok(result.changes >= 1, 'the form was told to draw the new figure');
    assert.deepEqual(result.drafts, [[1, 'later']]);
    assert.ok(['persistent', 'best-effort'].includes(result.persistence), result.persistence);
  } finally {
    await close();
  }
});
