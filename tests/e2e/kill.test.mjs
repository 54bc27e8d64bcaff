// Crash safety (issue 9, docs/storage.md): the tab is killed at random points while the form
// saves keystrokes and while it imports, then the form is loaded again in the same storage.
// After every kill:
//   - every stored draft is whole JSON (never torn);
//   - a draft the form acknowledged (its `saved` event, sent after the IndexedDB transaction
//     completed) is there in that version or a newer one: typing only appends, so the stored
//     customer must be a prefix of what was typed and at least as long as the acknowledged one;
//   - an import is absent or complete (all its records, each exactly as in the file), and
//     complete when its save was acknowledged.
// A kill is the tab's renderer process crashing (CDP Page.crash: no unload handler, no pagehide
// save runs; it lands between two tasks of the page, which is what the storage sees of any
// crash), the next page of the same browser context being the reload. Two workers run side by
// side in two contexts (the machine has two cores): one types, one imports. The crash dumps go to
// a temporary folder (XDG_CONFIG_HOME), removed at the end.
//   FTBLOCK_KILL_POINTS   kill points in all (default 200; docs/storage.md has a longer run)
//   FTBLOCK_KILL_SEED     the random sequence (default: a new one, printed)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

import { serveSite, chromiumPath, artifact } from './harness.mjs';
import { CHROMIUM_ARGS, readStore } from './form_helpers.mjs';
import { jsonLines, record } from './records.mjs';

const POINTS = Math.max(2, Number(process.env.FTBLOCK_KILL_POINTS || 200));
const SEED = Number(process.env.FTBLOCK_KILL_SEED || Math.floor(Math.random() * 2 ** 31));
const TYPING_SHARE = 0.65;          // of the points: kills while typing; the rest during imports
const IMPORT_RECORDS = 300;         // records per imported file (~210 KB)
const IMPORTS_PER_CONTEXT = 8;      // then a fresh context, so reloads stay fast
const MAX_CUSTOMER = 150;           // then the typing goes on in a new draft

const here = path.dirname(fileURLToPath(import.meta.url));
const { chromium } = createRequire(path.join(here, 'package.json'))('playwright-core');

let site, browser, config;
before(async () => {
  site = await serveSite();
  config = fs.mkdtempSync(path.join(os.tmpdir(), 'ftblock-kill-'));
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS,
    env: { ...process.env, XDG_CONFIG_HOME: config } });
  console.log(`# kill points: ${POINTS}, seed: ${SEED} (FTBLOCK_KILL_SEED=${SEED} repeats the sequence)`);
});
after(async () => {
  await browser?.close();
  await site?.close();
  if (config) fs.rmSync(config, { recursive: true, force: true });
});

function random(seed) {  // mulberry32
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// In every page of a worker's context: what the form acknowledged, with the text it stored.
// The commit of each readwrite transaction is noted (a listener added when the transaction is
// created runs before the form's own oncomplete); the form's saved event then names the drafts
// of that batch, whose committed texts go to the test at once (window.killAck). How long a
// save's transaction takes here goes to the test too, to spread the kills over it.
const OBSERVER = `
(() => {
  const committed = new Map();
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (...args) {
    const tx = transaction.apply(this, args);
    if (args[1] === 'readwrite') {
      const puts = new Map();
      const created = performance.now();
      tx.killPuts = puts;
      tx.addEventListener('complete', () => {
        for (const [k, v] of puts) committed.set(k, v);
        if (puts.size <= 8) window.killAck({ latency: performance.now() - created });
      });
    }
    return tx;
  };
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (value, key) {
    if (this.name === 'drafts' && this.transaction.killPuts) this.transaction.killPuts.set(key, value);
    return put.call(this, value, key);
  };
  let chosen = 0;  // when the last file was chosen (an import starts)
  window.addEventListener('change', (e) => { if (e.target && e.target.type === 'file') chosen = performance.now(); }, true);
  window.addEventListener('ftblock:saved', (e) => {
    const d = e.detail;
    if (!d.ok) return;
    const missing = d.put.filter((uid) => !committed.has(uid));
    if (missing.length) window.killAck({ early: missing.slice(0, 5) });
    else if (d.put.length <= 8) window.killAck({ drafts: d.put.map((uid) => [uid, committed.get(uid)]) });
    else window.killAck({ batch: d.put.length, took: performance.now() - chosen });
  }, true);
})();`;

// One worker: its own browser context (its own storage), killed again and again.
class Worker {
  constructor(name, rand) {
    this.name = name;
    this.rand = rand;
    this.kills = 0;
    this.errors = [];
    this.context = null;
    this.page = null;
    this.onAck = () => {};
  }

  async fresh() {
    if (this.context) await this.context.close();
    this.context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    await this.context.exposeFunction('killAck', (ack) => this.onAck(ack));
    await this.context.addInitScript({ content: OBSERVER });
    this.page = null;
    await this.load();
  }

  // The form in a new page of the same context (after a kill: the reload).
  async load() {
    const page = await this.context.newPage();
    page.on('pageerror', (e) => this.errors.push(`${this.name}: pageerror: ${e.message}`));
    await page.goto(site.url, { waitUntil: 'commit' });
    // one round trip: until the form's first frame is drawn
    await page.evaluate(() => new Promise((resolve, reject) => {
      const wait = () => (window.ftblockPage ? window.ftblockPage.ready.then(resolve, reject) : setTimeout(wait, 5));
      wait();
    }));
    this.cdp = await this.context.newCDPSession(page);
    this.page = page;
  }

  // Kills the tab's renderer now, and loads the form again.
  async kill() {
    const page = this.page;
    const crashed = page.waitForEvent('crash', { timeout: 10000 });
    this.cdp.send('Page.crash').catch(() => {});
    await crashed;
    this.kills++;
    this.page = null;
    await page.close().catch(() => {});
    await this.load();
  }

  async rects() { return this.page.evaluate(() => window.ftblockPage.itemRects()); }
  async click(name) {
    const r = (await this.rects())[name];
    assert.ok(r, `${this.name}: the form reports no widget "${name}"`);
    await this.page.mouse.click(r.x + r.width / 2, r.y + r.height / 2);
  }
  async settle() {
    await this.page.evaluate(() => new Promise((resolve) => {
      let last = window.ftblockPage.framesRendered();
      let still = 0;
      const tick = () => {
        const n = window.ftblockPage.framesRendered();
        if (n === last) { if (++still >= 3) { resolve(); return; } } else { still = 0; last = n; }
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    }));
  }
  // Clicks Import… until the file chooser opens (a click on a page that has just been loaded,
  // on a busy machine, may land before the form has settled).
  async chooseFile() {
    await this.settle();
    for (let attempt = 1; ; attempt++) {
      try {
        const [chooser] = await Promise.all([this.page.waitForEvent('filechooser', { timeout: 3000 }), this.click('import')]);
        return chooser;
      } catch (err) {
        const shot = artifact(`kill-${this.name}-no-file-chooser-${attempt}.png`);
        await this.page.screenshot({ path: shot }).catch(() => {});
        console.log(`# ${this.name}: no file chooser after a click on Import… (attempt ${attempt}; ${shot})`);
        if (attempt === 3) throw err;
        await this.settle();
      }
    }
  }

  async stored() {
    const store = await readStore(this.page);
    const out = new Map();
    for (const [uid, text] of Object.entries(store?.drafts || {})) {
      let value;
      try {
        value = JSON.parse(text);
      } catch (err) {
        assert.fail(`${this.name}: draft ${uid} is not whole JSON after kill ${this.kills}: ${text.slice(0, 200)}`);
      }
      out.set(Number(uid), value);
    }
    return out;
  }
}

// The text typed into draft `uid`'s customer: the stored one is always a prefix of it.
const typedFor = (uid) => `K${uid}-` + 'abcdefghijklmnopqrstuvwxyz0123456789'.repeat(6);

// Typing: a burst of keys into one draft's customer, killed after a random delay.
async function typingWorker(w, points) {
  const acked = new Map();  // uid → the longest acknowledged customer
  let early = 0, acks = 0;
  let saveMs = 100;  // how long a save's transaction takes here (measured in the page)
  w.onAck = (ack) => {
    if (ack.early) { early++; w.errors.push(`${w.name}: acknowledged before the commit: ${ack.early}`); }
    if (ack.drafts) acks++;
    if (ack.latency !== undefined) saveMs = 0.7 * saveMs + 0.3 * Math.min(ack.latency, 2000);
    for (const [uid, text] of ack.drafts || []) {
      const customer = JSON.parse(text).record.customer || '';
      if (customer.length >= (acked.get(uid) || '').length) acked.set(uid, customer);
    }
  };
  await w.fresh();
  let uid = (await w.page.evaluate(() => window.ftblockPage.getDrafts()))[0].uid;
  let checked = 0;
  let keyMs = 60;  // how long one typed key takes here, until its frame is drawn (measured below)
  for (let point = 0; point < points; point++) {
    const stored = await w.stored();
    for (const [u, ack] of acked) {
      const draft = stored.get(u);
      assert.ok(draft, `${w.name}: draft ${u} (acknowledged "${ack}") is gone after kill ${w.kills}`);
      const customer = draft.record.customer || '';
      assert.ok(typedFor(u).startsWith(customer), `${w.name}: draft ${u} holds "${customer}", never typed`);
      assert.ok(customer.length >= ack.length,
        `${w.name}: draft ${u} lost an acknowledged edit after kill ${w.kills}: "${customer}" < "${ack}"`);
      checked++;
    }
    let current = stored.get(uid)?.record.customer || '';
    if (current.length >= MAX_CUSTOMER || !stored.has(uid)) {
      await w.click('new_assignment');
      await w.settle();
      const drafts = await w.page.evaluate(() => window.ftblockPage.getDrafts());
      uid = drafts[drafts.length - 1].uid;
      current = '';
    }
    await w.click(`draft_${uid}`);
    await w.click('field_customer');
    await w.page.keyboard.press('End');
    // The kill lands anywhere from the first key to a while after the last one is saved: keys
    // are typed one frame each and saved in a transaction each, so the span follows the time a
    // key and a save take here (both measured as the test runs).
    const burst = 1 + Math.floor(w.rand() * 8);
    const text = typedFor(uid).slice(current.length, current.length + burst);
    const started = Date.now();
    let typed = 0;
    const typing = w.page.keyboard.type(text).then(() => { typed = Date.now(); }, () => {});
    await new Promise((resolve) => setTimeout(resolve, w.rand() * (burst * keyMs + saveMs) * 1.3));
    const killedAt = Date.now();
    await w.kill();
    await typing;
    if (typed && typed <= killedAt) keyMs = 0.7 * keyMs + 0.3 * ((typed - started) / burst);
  }
  const stored = await w.stored();  // the last kill's reload, checked too
  for (const [u, ack] of acked) assert.ok((stored.get(u)?.record.customer || '').length >= ack.length);
  await w.context.close();
  return { acknowledged: acked.size, acks, checked, early };
}

// Imports: a file of IMPORT_RECORDS new records, killed at a random point of its reading,
// adding or storing.
async function importWorker(w, points) {
  let imports = 0, complete = 0, absent = 0, ackedBatches = 0;
  let lastTook = 600;
  let acks = 0;
  w.onAck = (ack) => {
    if (ack.early) w.errors.push(`${w.name}: acknowledged before the commit: ${ack.early}`);
    if (ack.batch >= IMPORT_RECORDS) {
      acks++;
      lastTook = 0.7 * lastTook + 0.3 * ack.took;
    }
  };
  let tags = [];  // imports of this context: { tag, acked }
  for (let point = 0; point < points; point++) {
    if (point % IMPORTS_PER_CONTEXT === 0) {
      await w.fresh();
      tags = [];
    }
    const tag = `${w.name}${point}x`;
    const file = jsonLines(IMPORT_RECORDS, { tag, first: 0 });
    const before = acks;
    const chooser = await w.chooseFile();
    await chooser.setFiles([{ name: `${tag}.jsonl`, mimeType: 'application/json', buffer: file }]);
    // anywhere from the choice of the file until a while after the import is stored (how long
    // that takes here is measured from the imports that were not killed first)
    await new Promise((resolve) => setTimeout(resolve, w.rand() * lastTook * 1.3));
    if (acks === before) lastTook *= 1.15;  // killed before it was stored: try later ones too
    await w.kill();
    imports++;
    const acked = acks > before;
    if (acked) ackedBatches++;
    tags.push({ tag, acked });

    const stored = await w.stored();
    const byTag = new Map();
    for (const draft of stored.values()) {
      const m = /^FT-2026-(\d{6})(.+)$/.exec(draft.record.id || '');
      if (!m) continue;
      if (!byTag.has(m[2])) byTag.set(m[2], []);
      byTag.get(m[2]).push([Number(m[1]), draft.record]);
    }
    for (const t of tags) {
      const got = byTag.get(t.tag) || [];
      assert.ok(got.length === 0 || got.length === IMPORT_RECORDS,
        `${w.name}: import ${t.tag} is partly stored after kill ${w.kills}: ${got.length} of ${IMPORT_RECORDS}`);
      if (t.acked) assert.equal(got.length, IMPORT_RECORDS, `${w.name}: acknowledged import ${t.tag} is missing`);
      for (const [n, rec] of got) assert.deepEqual(rec, record(n, { tag: t.tag }), `${w.name}: ${t.tag} record ${n}`);
      if (t.tag === tag) { if (got.length) complete++; else absent++; }
    }
  }
  await w.context.close();
  return { imports, complete, absent, ackedBatches };
}

test(`the tab killed at ${POINTS} random points while saving and importing: no acknowledged edit lost, nothing torn, imports all or nothing`, { timeout: 30 * 60 * 1000 }, async () => {
  const rand = random(SEED);
  const typingPoints = Math.round(POINTS * TYPING_SHARE);
  const typing = new Worker('T', random(Math.floor(rand() * 2 ** 31)));
  const importing = new Worker('I', random(Math.floor(rand() * 2 ** 31)));
  const started = Date.now();
  const [t, i] = await Promise.all([typingWorker(typing, typingPoints), importWorker(importing, POINTS - typingPoints)]);
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  console.log(`# typing: ${typing.kills} kills, ${t.acks} saves acknowledged (${t.acknowledged} drafts), ${t.checked} checks; ` +
    `imports: ${importing.kills} kills, ${i.complete} complete (${i.ackedBatches} acknowledged), ${i.absent} absent; ${seconds} s`);
  assert.deepEqual([...typing.errors, ...importing.errors], []);
  assert.equal(typing.kills + importing.kills, POINTS);
  assert.ok(t.checked > 0 && i.imports > 0);
});
