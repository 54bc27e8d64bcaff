// Helpers for the form's browser tests (form.test.mjs, storage.test.mjs): one Chromium per test
// file, a fresh browser context (fresh storage, clipboard permissions) per test, and a driver
// that clicks the form's widgets by the names it reports (window.ftblockPage.itemRects()), types
// like a user (keyboard, a real IME composition over CDP), and reads the form's state only
// through window.ftblockPage. Every context records every request it makes: a test's close()
// fails when one left 127.0.0.1 (data: and blob: URLs stay in the page), or when the page
// logged an error.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

import { chromiumPath, artifact, sleep } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const { chromium } = createRequire(path.join(here, 'package.json'))('playwright-core');

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// The storage keys of the form's two-slot save in localStorage (web/app.cpp): the fallback where
// IndexedDB is missing, and the format drafts are migrated from (docs/storage.md).
export const POINTER_KEY = 'ftblock.drafts.current';
export const slotKey = (slot) => `ftblock.drafts.${slot}`;

// An init script for a browser without IndexedDB: the form keeps its drafts in localStorage.
export const NO_INDEXEDDB = `Object.defineProperty(window, 'indexedDB', { configurable: true, get() { return undefined; } });`;

// The drafts database of a form (docs/storage.md), read from inside `page`: { drafts: { uid:
// JSON text }, meta: text or null }, or null when there is no such database.
export async function readStore(page, name = 'ftblock.drafts') {
  return page.evaluate(async (dbName) => {
    const names = (await indexedDB.databases()).map((d) => d.name);
    if (!names.includes(dbName)) return null;
    const db = await new Promise((resolve, reject) => {
      const req = indexedDB.open(dbName);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    try {
      return await new Promise((resolve, reject) => {
        const tx = db.transaction(['drafts', 'meta'], 'readonly');
        const out = { drafts: {}, meta: null };
        let keys, values;
        tx.objectStore('drafts').getAllKeys().onsuccess = (e) => { keys = e.target.result; };
        tx.objectStore('drafts').getAll().onsuccess = (e) => { values = e.target.result; };
        tx.objectStore('meta').get('meta').onsuccess = (e) => { out.meta = e.target.result ?? null; };
        tx.oncomplete = () => {
          keys.forEach((k, i) => { out.drafts[k] = values[i]; });
          resolve(out);
        };
        tx.onabort = () => reject(tx.error);
      });
    } finally {
      db.close();
    }
  }, name);
}

// Writes `contents` ({ drafts: { uid: JSON text }, meta: text or null }, as readStore gives it)
// into the drafts database `name` from inside `page` (a page of the form's origin).
export async function writeStore(page, contents, name = 'ftblock.drafts') {
  await page.evaluate(async ([dbName, { drafts, meta }]) => {
    const db = await new Promise((resolve, reject) => {
      const req = indexedDB.open(dbName, 1);
      req.onupgradeneeded = () => { req.result.createObjectStore('drafts'); req.result.createObjectStore('meta'); };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    await new Promise((resolve, reject) => {
      const tx = db.transaction(['drafts', 'meta'], 'readwrite');
      for (const [uid, text] of Object.entries(drafts)) tx.objectStore('drafts').put(text, Number(uid));
      if (meta !== null) tx.objectStore('meta').put(meta, 'meta');
      tx.oncomplete = resolve;
      tx.onabort = () => reject(tx.error);
    });
    db.close();
  }, [name, contents]);
}

// The records of a stored drafts database: { uid: record }.
export function storedRecords(store) {
  const out = {};
  for (const [uid, text] of Object.entries(store?.drafts || {})) out[uid] = JSON.parse(text).record;
  return out;
}

// The CSV header of an exported record (the playbook's field order) and the record's 16 keys.
export const FIELDS = ['id', 'customer', 'workload', 'scenario', 'updated_by', 'l1', 'l2', 'l3',
  'service_state', 'engagement_scenario', 'target_date', 'owner', 'notes', 'next_action_date',
  'next_action', 'updated_at'];

export async function launchChromium() {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
}

// An ISO date `days` after the browser's local today (the form's "today" is the user's date).
export async function isoDay(page, days = 0) {
  return page.evaluate((n) => {
    const d = new Date();
    d.setDate(d.getDate() + n);
    const p = (x) => String(x).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
  }, days);
}

// A URL a page may load: the test server on 127.0.0.1, or something the page made itself.
export function isLocal(url) {
  if (/^(data|blob|about):/.test(url)) return true;
  try { return new URL(url).hostname === '127.0.0.1'; } catch { return false; }
}

// Waits until the form drew its last frame (the handle's frame count stands still).
export async function settle(page, handle = 'window.ftblockPage') {
  await page.evaluate((h) => new Promise((resolve) => {
    const form = eval(h);  // eslint-disable-line no-eval
    let last = form.framesRendered();
    let still = 0;
    const tick = () => {
      const n = form.framesRendered();
      if (n === last) {
        if (++still >= 3) { resolve(); return; }
      } else {
        still = 0;
        last = n;
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }), handle);
}

export class Form {
  constructor(context, page, requests, errors) {
    this.context = context;
    this.page = page;
    this.requests = requests;
    this.errors = errors;
  }

  // A fresh context on `browser` with the form open and drawn.
  // prepare(page): runs on a page of the form's origin before the form opens (e.g. writeStore).
  static async open(browser, url, { locale = 'en-US', deviceScaleFactor = 1, permissions = [],
    viewport = { width: 1280, height: 800 }, initScript = null, prepare = null } = {}) {
    const context = await browser.newContext({ locale, deviceScaleFactor, viewport, acceptDownloads: true });
    if (permissions.length) await context.grantPermissions(permissions, { origin: new URL(url).origin });
    const requests = [];
    context.on('request', (r) => requests.push(r.url()));
    for (const script of [].concat(initScript || [])) await context.addInitScript(script);
    const page = await context.newPage();
    if (prepare) {
      await page.goto(new URL('ftblock.css', url).href);
      await prepare(page);
    }
    const form = new Form(context, page, requests, []);
    await form.goto(url, page);
    return form;
  }

  // Opens the form's page (again) in `page` (default: this form's page) and waits for its first
  // frame; errors of the page go to this.errors.
  async goto(url, page = this.page) {
    page.on('pageerror', (e) => this.errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') this.errors.push(`console: ${m.text()}`); });
    await page.goto(url);
    await page.waitForFunction(() => window.ftblockPage && window.ftblockPage.ready);
    await page.evaluate(() => window.ftblockPage.ready);
    this.page = page;
    await this.settle();
  }

  async reload() {
    await this.page.reload();
    await this.page.waitForFunction(() => window.ftblockPage && window.ftblockPage.ready);
    await this.page.evaluate(() => window.ftblockPage.ready);
    await this.settle();
  }

  // Waits until the form stops drawing (its input is applied, its layout settled).
  async settle() {
    await settle(this.page);
  }

  async rects() { return this.page.evaluate(() => window.ftblockPage.itemRects()); }
  async rect(name) {
    const r = (await this.rects())[name];
    assert.ok(r, `the form reports no widget "${name}"`);
    return r;
  }
  async has(name) { return name in (await this.rects()); }

  // Clicks the middle of a named widget; `settle` false: type right after it.
  async click(name, { settle = true } = {}) {
    const r = await this.rect(name);
    await this.page.mouse.click(r.x + r.width / 2, r.y + r.height / 2);
    if (settle) await this.settle();
  }

  // A click on an empty spot (the bottom of the drafts list, under its last row): ends
  // editing, like the native tests' click_empty().
  async clickEmpty() {
    const box = await this.page.evaluate(() => {
      const r = document.querySelector('#ftblock-form canvas').getBoundingClientRect();
      return { x: r.left, y: r.top, width: r.width, height: r.height };
    });
    await this.page.mouse.click(box.x + 100, box.y + box.height - 8);
    await this.settle();
  }

  // Scrolls the record form (mouse wheel over it) until the widget `name` is fully visible in
  // the record's pane (above the pinned problems and hand-over buttons).
  async reveal(name) {
    const pane = await this.rect('form_pane');
    const canvas = { top: pane.y, bottom: pane.y + pane.height };
    for (let i = 0; i < 20; i++) {
      const r = await this.rect(name);
      if (r.y >= canvas.top && r.y + r.height <= canvas.bottom - 8) return r;
      const form = await this.rect('field_customer');
      await this.page.mouse.move(form.x + form.width / 2, (canvas.top + canvas.bottom) / 2);
      await this.page.mouse.wheel(0, r.y < canvas.top ? -100 : 100);
      await this.settle();
    }
    assert.fail(`"${name}" could not be scrolled into view`);
  }

  async type(text) {
    await this.page.keyboard.type(text);
    await this.settle();
  }

  async press(...keys) {
    for (const k of keys) await this.page.keyboard.press(k);
    await this.settle();
  }

  // Chinese through the input method, as Chromium delivers it: a composition with its preedit
  // text (compositionstart / compositionupdate), then the committed text (compositionend).
  async ime(preedit, committed) {
    const cdp = await this.page.context().newCDPSession(this.page);
    try {
      await cdp.send('Input.imeSetComposition', { text: preedit, selectionStart: preedit.length, selectionEnd: preedit.length });
      await cdp.send('Input.insertText', { text: committed });
    } finally {
      await cdp.detach();
    }
    await this.settle();
  }

  // Picks the n-th entry (1-based) of the combo `name` by keyboard, as the native tests do:
  // a click opens it, Down moves through its items, Space chooses.
  async pickByKeyboard(name, n = 1) {
    await this.click(name);
    for (let i = 0; i < n; i++) await this.page.keyboard.press('ArrowDown');
    await this.page.keyboard.press('Space');
    await this.settle();
  }

  // Picks entry `index` (0-based) of the combo `name` with the mouse: a click opens it, a click
  // on the item chooses. The form names no rectangle for the items of an open combo, so the
  // item is found from ImGui's layout: the list opens right under the combo, after the
  // popup's padding, one text line plus item spacing per plain entry (for L2, whose entries
  // carry their definitions, only the first entry can be found this way). The caller asserts
  // the value that was chosen, so a layout change fails loudly, never silently.
  async pick(name, index = 0) {
    const combo = await this.rect(name);
    await this.click(name);
    const line = 16, spacing = 4, padding = 8;  // kFontSize, ImGui's ItemSpacing.y, WindowPadding.y
    const y = combo.y + combo.height + padding + index * (line + spacing) + line / 2;
    await this.page.mouse.click(combo.x + 60, y);
    await this.settle();
  }

  async record() { return this.page.evaluate(() => window.ftblockPage.getCurrentRecord()); }
  async drafts() { return this.page.evaluate(() => window.ftblockPage.getDrafts()); }
  async diagnostics() { return this.page.evaluate(() => window.ftblockPage.getDiagnostics()); }
  async codesOf(field) { return (await this.diagnostics()).filter((d) => d.field === field).map((d) => d.code); }
  async language() { return this.page.evaluate(() => window.ftblockPage.getLanguage()); }
  async frames() { return this.page.evaluate(() => window.ftblockPage.framesRendered()); }
  async storage() {
    return this.page.evaluate(() => {
      const out = {};
      for (let i = 0; i < localStorage.length; i++) out[localStorage.key(i)] = localStorage.getItem(localStorage.key(i));
      return out;
    });
  }

  // Clicks `name` and returns the file it downloads: { name, text, bytes }.
  async download(name) {
    const [dl] = await Promise.all([this.page.waitForEvent('download', { timeout: 5000 }), this.click(name)]);
    const file = await dl.path();
    const bytes = fs.readFileSync(file);
    return { name: dl.suggestedFilename(), bytes, text: bytes.toString('utf8') };
  }

  // Clicks `name` and asserts that no download starts within `ms`.
  async noDownload(name, ms = 700) {
    let got = null;
    const listener = (d) => { got = d.suggestedFilename(); };
    this.page.on('download', listener);
    await this.click(name);
    await sleep(ms);
    this.page.off('download', listener);
    assert.equal(got, null, `"${name}" downloaded ${got}`);
  }

  // Imports files ({ name, text } or { name, bytes }) through the form's import button and the
  // file chooser it opens; `wait` false: return once the files are chosen (the import runs on).
  async importFiles(files, { wait = true, timeout = 60000 } = {}) {
    const [chooser] = await Promise.all([this.page.waitForEvent('filechooser', { timeout: 5000 }), this.click('import')]);
    assert.ok(chooser.isMultiple(), 'the import dialog takes several files');
    await chooser.setFiles(files.map((f) => ({ name: f.name, mimeType: f.mimeType || 'application/json',
      buffer: f.bytes || Buffer.from(f.text, 'utf8') })));
    if (wait) await this.importDone(timeout);
  }

  // Waits until no import runs: the files are read one by one, their drafts added and stored
  // (the progress window shows until then).
  async importDone(timeout = 60000) {
    const end = Date.now() + timeout;
    for (;;) {
      await this.settle();
      if (!(await this.has('import_progress'))) return;
      assert.ok(Date.now() < end, 'the import did not finish in time');
      await sleep(20);
    }
  }

  async screenshot(name) {
    await this.settle();
    const file = artifact(name);
    await this.page.screenshot({ path: file });
    return file;
  }

  // Asserts what every test must: no request left 127.0.0.1, no page error.
  async close() {
    try {
      const away = this.requests.filter((u) => !isLocal(u));
      assert.deepEqual(away, [], 'requests that left 127.0.0.1');
      assert.ok(this.requests.length >= 5, `the page loaded its files from the test server (${this.requests.length} requests)`);
      assert.deepEqual(this.errors.filter((e) => !/favicon/.test(e)), [], 'no page or console errors');
    } finally {
      await this.context.close();
    }
  }
}

// Fills the valid assignment record of the README (docs/record-format.md's example as an assignment): ASCII
// typed right after each click, Chinese notes through the input method with a word typed in
// between, pick-lists by mouse, the date typed. Returns the record as exported.
export async function fillAssignment(form, { nextActionDate }) {
  await form.click('field_id', { settle: false });
  await form.type('FT-2026-000123');
  await form.click('field_customer', { settle: false });
  await form.type('Contoso Ltd');
  await form.pick('field_workload', 3);             // teams
  await form.pick('field_l2', 0);                   // customer_it_infrastructure
  await form.click('field_notes');
  await form.ime('kehu de', '客户的 ');
  await form.type('VPN');
  await form.ime('shebei yu fuwu bu jianrong', ' 设备与服务不兼容，需要先升级固件后才能部署。');
  await form.reveal('field_next_action_date');  // under the problems when a warning line takes room
  await form.click('field_next_action_date', { settle: false });
  await form.type(nextActionDate);
  await form.clickEmpty();
  return {
    id: 'FT-2026-000123', customer: 'Contoso Ltd', workload: 'teams', scenario: 'assignment',
    updated_by: 'assignment_fm', l1: 'blocked', l2: 'customer_it_infrastructure', l3: null,
    service_state: 'not_applicable', engagement_scenario: 'customer_led_ftp_assist', target_date: null,
    owner: 'delivery_fm', notes: '客户的 VPN 设备与服务不兼容，需要先升级固件后才能部署。',
    next_action_date: nextActionDate, next_action: 'kickoff_meeting', updated_at: null,
  };
}

export { sleep, artifact };
