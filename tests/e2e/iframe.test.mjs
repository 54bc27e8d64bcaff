// The form in an <iframe> (embed.html, ftblock-frame-page.js, ftblock.frame; docs/iframe-protocol.md)
// in Chromium, really cross-origin: the frame is served from one 127.0.0.1 port (B, under the
// strict CSP: no inline script or style), host pages from others (A, allowed; C, not). The host
// page is tests/e2e/fixtures/iframe/host.html. An init script in every frame records:
//   - in the ftblock frame: every message it receives, and every postMessage it makes (window.parent
//     and MessageEvent.source are wrapped, so each call is seen with its targetOrigin);
//   - elsewhere: every message the window receives (window.__messages).
// Every test ends by asserting that the frame posted only to its parent, only to origins of its
// allow-list, and that no page logged an error. docs/bad-inputs.md items 34–36.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { serveSite, siteDir, artifact } from './harness.mjs';
import { launchChromium, isoDay, isLocal } from './form_helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; object-src 'none'; base-uri 'none'";
const NO_WASM_CSP = "default-src 'self'; script-src 'self'; style-src 'self'";

let browser;
let frameSite;   // B: embed.html and ftblock-embed.js
let hostA;       // A: the host origin in the allow-list
let hostC;       // C: another host origin, not in it
before(async () => {
  browser = await launchChromium();
  frameSite = await serveSite(siteDir, { headers: { 'Content-Security-Policy': STRICT_CSP } });
  const mounts = { '/fixtures/': path.join(here, 'fixtures') };
  hostA = await serveSite(siteDir, { mounts });
  hostC = await serveSite(siteDir, { mounts });
});
after(async () => {
  await browser?.close();
  await Promise.all([frameSite?.close(), hostA?.close(), hostC?.close()]);
});

// Runs in every frame before its scripts (see the header comment).
function recorder() {
  if (location.pathname.endsWith('/embed.html')) {
    const posts = [];
    const received = [];
    const realParent = window.parent;
    const wrappers = new Map();
    const wrap = (w) => {
      if (!w || w === window) return w;
      if (!wrappers.has(w)) {
        wrappers.set(w, {
          postMessage(message, targetOrigin, ...rest) {
            posts.push({ toParent: w === realParent, targetOrigin, type: message && message.type,
                         id: message && message.id, code: message && message.error ? message.error.code : null });
            return w.postMessage(message, targetOrigin, ...rest);
          },
        });
      }
      return wrappers.get(w);
    };
    Object.defineProperty(window, 'parent', { configurable: true, get: () => wrap(realParent) });
    const source = Object.getOwnPropertyDescriptor(MessageEvent.prototype, 'source');
    Object.defineProperty(MessageEvent.prototype, 'source', { configurable: true, get() { return wrap(source.get.call(this)); } });
    const note = (e) => received.push({ origin: e.origin, fromParent: e.source === window.parent,
      type: e.data && typeof e.data.type === 'string' ? e.data.type.slice(0, 40) : null });
    addEventListener('message', note);
    addEventListener('messageerror', note);
    window.__frameLog = { posts, received };
  } else {
    window.__messages = [];
    addEventListener('message', (e) => window.__messages.push({ origin: e.origin, data: e.data }));
  }
}

// A valid assignment record (docs/record-format.md's example); `nextActionDate` in the future.
function validRecord(nextActionDate) {
  return {
    id: 'FT-2026-000123', customer: 'Contoso Ltd', workload: 'teams', scenario: 'assignment',
    updated_by: 'assignment_fm', l1: 'blocked', l2: 'customer_it_infrastructure', l3: null,
    service_state: 'not_applicable', engagement_scenario: 'customer_led_ftp_assist', target_date: null,
    owner: 'delivery_fm', notes: '客户的 VPN 设备与服务不兼容，需要先升级固件后才能部署。',
    next_action_date: nextActionDate, next_action: 'kickoff_meeting', updated_at: null,
  };
}

const errorsOf = (verdict) => verdict.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.field}:${d.code}`);
const embedUrl = (hash, site = frameSite) => `${site.url}embed.html#${hash}`;

class Session {
  // A fresh context with the recorder, on host.html of `hostSite` with ftblock-embed.js loaded
  // from the frame's server. allowErrors(text): console errors the test expects.
  static async open(hostSite, { allowErrors = () => false } = {}) {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    await context.addInitScript(recorder);
    const requests = [];
    context.on('request', (r) => requests.push(r.url()));
    const page = await context.newPage();
    const s = new Session(context, page, requests, allowErrors);
    await page.goto(`${hostSite.url}fixtures/iframe/host.html?site=${encodeURIComponent(frameSite.url)}`);
    await page.evaluate(() => window.host.loadEmbed());
    return s;
  }

  constructor(context, page, requests, allowErrors) {
    Object.assign(this, { context, page, requests, errors: [] });
    page.on('pageerror', (e) => this.errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !allowErrors(m.text())) this.errors.push(`console: ${m.text()} (${m.location().url})`);
    });
  }

  // The ftblock frame (the first embed.html frame of the page), once it is attached.
  async frame() {
    for (let i = 0; i < 200; i++) {
      const f = this.page.frames().find((x) => /\/embed\.html/.test(x.url()));
      if (f) { await f.waitForFunction(() => window.__frameLog); return f; }
      await this.page.waitForTimeout(25);
    }
    assert.fail('no embed.html frame in the page');
  }

  async formReady(frame) {
    await frame.waitForFunction(() => window.ftblockFrame && window.ftblockFrame.form);
    await frame.evaluate(() => window.ftblockFrame.form.ready.then(() => true));
  }

  async log(frame) { return frame.evaluate(() => ({ posts: window.__frameLog.posts.slice(), received: window.__frameLog.received.slice() })); }
  // Waits until the frame has received `n` messages in all (its own listeners run in the same
  // dispatch, so after this whatever it did with them is done or posted).
  async received(frame, n) {
    await frame.waitForFunction((k) => window.__frameLog.received.length >= k, n);
    return frame.evaluate(() => window.__frameLog.received.length);
  }
  async record(frame) { return frame.evaluate(() => window.ftblockFrame.form.getRecord()); }
  async formState(frame) {
    return frame.evaluate(() => {
      const f = window.ftblockFrame.form;
      return { record: f.getRecord(), lang: f.getLanguage(), readOnly: f.isReadOnly(), valid: f.validate().valid };
    });
  }

  // Waits until the frame stops drawing.
  async settle(frame) {
    await frame.evaluate(() => new Promise((resolve) => {
      const form = window.ftblockFrame.form;
      let last = form.framesRendered();
      let still = 0;
      const tick = () => {
        const n = form.framesRendered();
        if (n === last) { if (++still >= 3) { resolve(); return; } } else { still = 0; last = n; }
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    }));
  }

  // Clicks the middle of the form's widget `name` inside the frame, first scrolling the form
  // (mouse wheel over it) until the widget is in view.
  async click(frame, name) {
    const box = await this.page.evaluate(() => {
      const f = document.querySelector('#slot iframe');
      const r = f.getBoundingClientRect();
      return { x: r.left + f.clientLeft, y: r.top + f.clientTop };
    });
    for (let i = 0; i < 20; i++) {
      const { rect, height } = await frame.evaluate((n) => ({ rect: window.ftblockFrame.form.itemRects()[n], height: window.innerHeight }), name);
      assert.ok(rect, `the form reports no widget "${name}"`);
      if (rect.y >= 0 && rect.y + rect.height <= height - 4) {
        await this.page.mouse.click(box.x + rect.x + rect.width / 2, box.y + rect.y + rect.height / 2);
        await this.settle(frame);
        return;
      }
      await this.page.mouse.move(box.x + 500, box.y + height / 2);
      await this.page.mouse.wheel(0, rect.y < 0 ? -100 : 100);
      await this.settle(frame);
    }
    assert.fail(`"${name}" could not be scrolled into view`);
  }

  async events(type) { return this.page.evaluate((t) => window.host.events.filter((e) => !t || e.type === t), type); }
  // Waits for an event of `type` whose detail satisfies `predicate` (the text of a function).
  async waitForEvent(type, predicate = '() => true') {
    await this.page.waitForFunction(([t, p]) => {
      const test = new Function(`return (${p});`)();
      return window.host.events.some((e) => e.type === t && test(e.detail));
    }, [type, predicate]);
  }

  // The frame posted only to its parent, and only to origins of its own allow-list (the one in
  // its address).
  async checkPosts(frame) {
    const list = (new URLSearchParams(new URL(frame.url()).hash.slice(1)).get('origins') || '').split(',');
    const posts = await frame.evaluate(() => (window.__frameLog ? window.__frameLog.posts : []));
    for (const p of posts) {
      assert.equal(p.toParent, true, `the frame posted to a window other than its parent: ${JSON.stringify(p)}`);
      assert.ok(list.includes(p.targetOrigin), `the frame posted to ${p.targetOrigin}, outside its list ${list}`);
    }
    return posts.length;
  }

  // The closing checks every test makes: checkPosts for every frame still there; nothing left
  // 127.0.0.1; no page or console error.
  async close() {
    try {
      for (const f of this.page.frames().filter((x) => /\/embed\.html/.test(x.url()))) await this.checkPosts(f);
      assert.deepEqual(this.requests.filter((u) => !isLocal(u)), [], 'requests that left 127.0.0.1');
      assert.deepEqual(this.errors, [], 'no page or console errors');
    } finally {
      await this.context.close();
    }
  }
}

test('a host on an allowed origin: ready, then setRecord, getRecord, validate, setLanguage and setReadOnly answer exactly', async () => {
  const s = await Session.open(hostA);
  try {
    const { page } = s;
    const ready = await page.evaluate(() => window.host.frame({ lang: 'en' }));
    assert.equal(ready.protocol, 1);
    assert.equal(ready.lang, 'en');
    assert.equal(ready.readOnly, false);
    assert.equal(ready.valid, false, 'a new assignment is not valid yet');
    assert.equal(ready.record.scenario, 'assignment');
    assert.equal(await page.evaluate(() => window.host.handle.origin), frameSite.origin);
    const frame = await s.frame();
    assert.equal(new URL(frame.url()).origin, frameSite.origin, 'the frame is on another origin than its host');
    assert.equal(new URL(frame.url()).hash, `#origins=${hostA.origin}&lang=en`);
    assert.equal(await frame.evaluate(() => window.ftblockFrame.hostOrigin()), hostA.origin);
    assert.deepEqual((await s.log(frame)).posts.find((p) => p.type === 'ready'), { toParent: true, targetOrigin: hostA.origin, type: 'ready', id: undefined, code: null });

    // The exact reply of the protocol, by hand.
    const pong = await page.evaluate(() => window.host.request({ ftblock: 1, type: 'ping', id: 'p1' }));
    assert.deepEqual(pong, { ftblock: 1, type: 'reply', id: 'p1', ok: true, result: { protocol: 1, version: pong.result.version, ready: true, failed: null } });
    assert.match(pong.result.version, /^\d+\.\d+\.\d+/);

    const good = validRecord(await isoDay(page, 7));
    const bad = { ...good, customer: '', workload: 'Teams' };
    const set = await page.evaluate((r) => window.host.handle.setRecord(r), bad);
    assert.equal(set.valid, false);
    assert.deepEqual(errorsOf(set), ['customer:required', 'workload:not_in_list']);
    assert.deepEqual(await page.evaluate(() => window.host.handle.getRecord()), bad);
    assert.deepEqual(await s.record(frame), bad, 'the form in the frame holds the record');
    const checked = await page.evaluate(() => window.host.handle.validate());
    assert.deepEqual(checked, set);

    const setGood = await page.evaluate((r) => window.host.handle.setRecord(r), good);
    assert.deepEqual(setGood, { valid: true, diagnostics: [] });
    await s.waitForEvent('valid', '(d) => d.valid === true');
    assert.deepEqual((await s.events('valid')).map((e) => e.detail), [{ valid: true, record: good }]);
    assert.deepEqual(await page.evaluate(() => window.host.handle.validate()), { valid: true, diagnostics: [] });

    // A record the form cannot take: an error, and the form keeps what it had.
    const refused = await page.evaluate(async () => {
      const out = [];
      for (const r of ['{"id": ', '{"a":'.repeat(10000) + '1' + '}'.repeat(10000), [1, 2], 42]) {
        try { await window.host.handle.setRecord(r); out.push('accepted'); } catch (e) { out.push(`${e.code}: ${e.message}`); }
      }
      return out;
    });
    assert.equal(refused.length, 4);
    for (const r of refused) assert.match(r, /^bad_record: ftblock.frame: /);
    assert.match(refused[1], /64/, 'JSON text nested 10,000 deep is refused for its depth');
    assert.deepEqual(await page.evaluate(() => window.host.handle.getRecord()), good);

    assert.deepEqual(await page.evaluate(() => window.host.handle.setLanguage('zh-CN')), { lang: 'zh-CN' });
    await s.waitForEvent('language', "(d) => d.lang === 'zh-CN'");
    assert.equal(await frame.evaluate(() => document.documentElement.lang), 'zh-CN');
    assert.equal(await page.evaluate(() => window.host.handle.setLanguage('fr').then(() => 'accepted', (e) => e.code)), 'bad_language');
    assert.deepEqual(await page.evaluate(() => window.host.handle.setReadOnly(true)), { readOnly: true });
    assert.equal(await frame.evaluate(() => window.ftblockFrame.form.isReadOnly()), true);
    assert.deepEqual(await page.evaluate(() => window.host.handle.setReadOnly(false)), { readOnly: false });
    assert.deepEqual(await s.formState(frame), { record: good, lang: 'zh-CN', readOnly: false, valid: true });

    assert.ok(await s.checkPosts(frame) >= 15);
    // destroy(): the iframe goes, and the handle's requests fail.
    const after = await page.evaluate(async () => {
      window.host.handle.destroy();
      const gone = document.querySelector('#slot iframe') === null;
      const call = await window.host.handle.getRecord().then(() => 'answered', (e) => e.message);
      return { gone, call };
    });
    assert.deepEqual(after, { gone: true, call: 'ftblock.frame: destroyed' });
  } finally {
    await s.close();
  }
});

test('typing in the frame sends change and valid events to the host; Submit sends submit', async () => {
  const s = await Session.open(hostA);
  try {
    const { page } = s;
    const good = validRecord(await isoDay(page, 7));
    const ready = await page.evaluate((r) => window.host.frame({ lang: 'en', record: r }), good);
    assert.equal(ready.valid, false, 'ready comes before the initial record is set');
    const frame = await s.frame();
    assert.deepEqual(await s.record(frame), good, 'options.record is in the form when ready resolves');
    await s.waitForEvent('valid', '(d) => d.valid === true');
    await page.evaluate(() => { window.host.events.length = 0; });

    await s.click(frame, 'field_customer');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await s.waitForEvent('valid', '(d) => d.valid === false');
    const emptied = (await s.events('change')).at(-1).detail;
    assert.equal(emptied.record.customer, '');
    assert.equal(emptied.valid, false);
    assert.deepEqual(errorsOf(emptied), ['customer:required']);

    await page.keyboard.type('Fabrikam');
    await s.waitForEvent('change', "(d) => d.record.customer === 'Fabrikam'");
    await s.waitForEvent('valid', '(d) => d.valid === true');
    const typed = (await s.events('change')).at(-1).detail;
    assert.deepEqual(typed, { record: { ...good, customer: 'Fabrikam' }, valid: true, diagnostics: [] });
    assert.deepEqual((await s.events('valid')).map((e) => e.detail.valid), [false, true], 'valid fires when validity flips, only then');
    // A change event for each frame that edited the record (keys typed within one frame make
    // one event): the customers seen grow letter by letter from '' to 'Fabrikam'.
    const seen = (await s.events('change')).map((e) => e.detail.record.customer);
    assert.equal(seen[0], '');
    assert.equal(seen.at(-1), 'Fabrikam');
    for (let i = 1; i < seen.length; i++)
      assert.ok(seen[i].length > seen[i - 1].length && 'Fabrikam'.startsWith(seen[i]), `change events: ${JSON.stringify(seen)}`);

    await s.click(frame, 'submit');
    await s.waitForEvent('submit');
    assert.deepEqual((await s.events('submit')).map((e) => e.detail), [{ record: { ...good, customer: 'Fabrikam' } }]);
    assert.deepEqual(await page.evaluate(() => window.host.handle.getRecord()), { ...good, customer: 'Fabrikam' });
    // The same events as DOM events on the element given to ftblock.frame.
    const dom = await page.evaluate(() => new Promise((resolve) => {
      document.getElementById('slot').addEventListener('ftblock:language', (e) => resolve(e.detail), { once: true });
      window.host.handle.setLanguage('zh-CN');
    }));
    assert.deepEqual(dom, { lang: 'zh-CN' });
    await page.screenshot({ path: artifact('iframe-host.png') });
  } finally {
    await s.close();
  }
});

test('readOnly and lang in the frame address: the form starts read-only, in Chinese', async () => {
  const s = await Session.open(hostA);
  try {
    const ready = await s.page.evaluate(() => window.host.frame({ lang: 'zh-CN', readOnly: true }));
    assert.equal(ready.lang, 'zh-CN');
    assert.equal(ready.readOnly, true);
    const frame = await s.frame();
    assert.equal(new URL(frame.url()).hash, `#origins=${hostA.origin}&lang=zh-CN&readOnly=1`);
    assert.equal(await frame.evaluate(() => window.ftblockFrame.form.isReadOnly()), true);
    assert.equal(await frame.evaluate(() => document.documentElement.lang), 'zh-CN');
  } finally {
    await s.close();
  }
});

// The requests every ignored sender tries: they must neither be answered nor change anything.
const ATTEMPTS = (record) => [
  { ftblock: 1, type: 'ping', id: 'x1' },
  { ftblock: 1, type: 'getRecord', id: 'x2' },
  { ftblock: 1, type: 'setRecord', id: 'x3', record },
  { ftblock: 1, type: 'validate', id: 'x4' },
  { ftblock: 1, type: 'setLanguage', id: 'x5', lang: 'zh-CN' },
  { ftblock: 1, type: 'setReadOnly', id: 'x6', readOnly: true },
  { type: 'getRecord', id: 'x7' },
  { ftblock: 2, type: 'getRecord', id: 'x8' },
];

test('a host on an origin not in the list gets no reply and changes nothing, even while the user types', async () => {
  const s = await Session.open(hostC);
  try {
    const { page } = s;
    // ftblock.frame itself refuses a list without the page's own origin.
    const refused = await page.evaluate((a) => {
      try { window.ftblock.frame(document.getElementById('slot'), { origins: [a] }); return 'accepted'; } catch (e) { return e.message; }
    }, hostA.origin);
    assert.match(refused, /must include this page's origin/);

    await page.evaluate((src) => window.host.rawFrame(src), embedUrl(`origins=${hostA.origin}&lang=en`));
    const frame = await s.frame();
    await s.formReady(frame);
    const before = await s.formState(frame);
    const attempts = ATTEMPTS(validRecord(await isoDay(page, 7)));
    await page.evaluate((list) => list.forEach((m) => window.host.post(m)), attempts);
    assert.equal(await s.received(frame, attempts.length), attempts.length);
    const log = await s.log(frame);
    assert.ok(log.received.every((m) => m.origin === hostC.origin && m.fromParent), 'from the parent, on origin C');
    assert.deepEqual(log.posts, [], 'not a single message, not even ready');
    assert.deepEqual(await s.formState(frame), before);
    assert.equal(await frame.evaluate(() => window.ftblockFrame.hostOrigin()), null);

    await s.click(frame, 'field_customer');
    await page.keyboard.type('C');
    await frame.waitForFunction(() => window.ftblockFrame.form.getRecord().customer === 'C');
    assert.deepEqual((await s.log(frame)).posts, [], 'the user\'s edits are not told to C');
    assert.deepEqual(await page.evaluate(() => window.__messages.filter((m) => m.origin !== location.origin)), [],
                     'C received nothing from the frame');
  } finally {
    await s.close();
  }
});

test('a parent with the null origin (a data: URL frame) is ignored, even with the allowed origin above it', async () => {
  const s = await Session.open(hostA);
  try {
    const { page } = s;
    // host A → a data: URL frame (the null origin, not sandboxed, so the form's own frame keeps
    // its origin and runs) → the ftblock frame, whose list holds A: A is its grandparent.
    const html = `<!doctype html><title>null origin</title><link rel="icon" href="data:,">` +
                 `<iframe src="${embedUrl(`origins=${hostA.origin}&lang=en`)}" width="900" height="600"></iframe>`;
    await page.evaluate((src) => window.host.rawFrame(src), `data:text/html,${encodeURIComponent(html)}`);
    const middle = page.frames().find((f) => f.url().startsWith('data:'));
    assert.equal(await middle.evaluate(() => window.origin), 'null');
    const frame = await s.frame();
    await s.formReady(frame);
    assert.deepEqual(await frame.evaluate(() => Array.from(location.ancestorOrigins)), ['null', hostA.origin]);
    const before = await s.formState(frame);
    const attempts = ATTEMPTS(validRecord(await isoDay(page, 7)));
    await middle.evaluate(([list, origin]) => {
      const win = document.querySelector('iframe').contentWindow;
      list.forEach((m) => win.postMessage(m, origin));
    }, [attempts, frameSite.origin]);
    await s.received(frame, attempts.length);
    const log = await s.log(frame);
    assert.ok(log.received.every((m) => m.origin === 'null' && m.fromParent), 'from the parent, with the null origin');
    assert.deepEqual(log.posts, [], 'not a single message, not even ready');
    assert.deepEqual(await s.formState(frame), before);
    assert.deepEqual(await page.evaluate(() => window.__messages), [], 'A received nothing');
  } finally {
    await s.close();
  }
});

test('the right origin from another window, and a sandboxed (null origin) window, are ignored; forged events do not reach the host', async () => {
  const s = await Session.open(hostA);
  try {
    const { page } = s;
    await page.evaluate(() => window.host.frame({ lang: 'en' }));
    await page.evaluate(() => Promise.all([window.host.addSibling(), window.host.addSandboxed()]));
    const frame = await s.frame();
    const sibling = page.frames().find((f) => f.url().endsWith('/fixtures/iframe/other.html'));
    const sandboxed = page.frames().find((f) => f !== page.mainFrame() && f !== frame && f !== sibling);
    assert.ok(sibling && sandboxed);
    assert.equal(await sibling.evaluate(() => window.origin), hostA.origin);
    assert.equal(await sandboxed.evaluate(() => window.origin), 'null');

    const before = await s.formState(frame);
    const { posts: postsBefore, received: receivedBefore } = await s.log(frame);
    const attempts = ATTEMPTS(validRecord(await isoDay(page, 7)));
    // window.frames[0] of the host is the ftblock frame (the first iframe in the document).
    for (const w of [sibling, sandboxed]) {
      await w.evaluate(([list, origin]) => list.forEach((m) => window.parent.frames[0].postMessage(m, origin)),
                       [attempts, frameSite.origin]);
    }
    await s.received(frame, receivedBefore.length + 2 * attempts.length);
    const log = await s.log(frame);
    const fresh = log.received.slice(receivedBefore.length);
    assert.equal(fresh.filter((m) => m.origin === hostA.origin && !m.fromParent).length, attempts.length);
    assert.equal(fresh.filter((m) => m.origin === 'null' && !m.fromParent).length, attempts.length);
    assert.deepEqual(log.posts, postsBefore, 'no reply to either window, nothing to the parent');
    assert.deepEqual(await s.formState(frame), before);

    // The parent itself is still answered.
    const pong = await page.evaluate(() => window.host.request({ ftblock: 1, type: 'ping', id: 'after' }));
    assert.equal(pong.ok, true);

    // A same-origin window forging the frame's events and replies at the host: the helper only
    // listens to its iframe's window.
    const forged = [{ ftblock: 1, type: 'submit', record: { id: 'forged' } }, { ftblock: 1, type: 'change', record: { id: 'forged' }, valid: true, diagnostics: [] }];
    const count = await page.evaluate(() => window.__messages.length);
    await sibling.evaluate((list) => list.forEach((m) => window.parent.postMessage(m, '*')), forged);
    await page.waitForFunction((n) => window.__messages.length >= n, count + forged.length);
    assert.deepEqual(await s.events('submit'), []);
    assert.deepEqual(await s.events('change'), []);
  } finally {
    await s.close();
  }
});

test('malformed messages from the allowed host get error replies with exact codes, and change nothing', async () => {
  const s = await Session.open(hostA);
  try {
    const { page } = s;
    await page.evaluate((r) => window.host.frame({ lang: 'en', record: r }), validRecord(await isoDay(page, 7)));
    const frame = await s.frame();
    await s.waitForEvent('valid', '(d) => d.valid === true');
    const before = await s.formState(frame);
    const { posts: postsBefore } = await s.log(frame);

    const replies = await page.evaluate(async () => {
      const deep = (n) => { let v = {}; for (let i = 0; i < n; i++) v = { a: v }; return v; };
      const sparse = []; sparse.length = 2 ** 32 - 1;
      const cycle = {}; cycle.self = cycle;
      const cases = {
        noType: { ftblock: 1, id: 'noType' },
        emptyType: { ftblock: 1, type: '', id: 'emptyType' },
        noVersion: { type: 'getRecord', id: 'noVersion' },
        version2: { ftblock: 2, type: 'getRecord', id: 'version2' },
        versionText: { ftblock: '1', type: 'getRecord', id: 'versionText' },
        unknownType: { ftblock: 1, type: 'explode', id: 'unknownType' },
        protoType: { ftblock: 1, type: '__proto__', id: 'protoType' },
        tenMegabytes: { ftblock: 1, type: 'setRecord', id: 'tenMegabytes', record: 'x'.repeat(10 * 1024 * 1024) },
        manyKeys: { ftblock: 1, type: 'setRecord', id: 'manyKeys', record: Object.fromEntries(Array.from({ length: 300000 }, (_, i) => [`k${i}`, i])) },
        sparseArray: { ftblock: 1, type: 'setRecord', id: 'sparseArray', record: sparse },
        deep2000: { ftblock: 1, type: 'setRecord', id: 'deep2000', record: deep(2000) },
        deep63: { ftblock: 1, type: 'setRecord', id: 'deep63', record: deep(63) },  // its innermost {} is level 65
        cycle: { ftblock: 1, type: 'setRecord', id: 'cycle', record: cycle },
        mapValue: { ftblock: 1, type: 'setRecord', id: 'mapValue', record: new Map([['id', 'x']]) },
        dateValue: { ftblock: 1, type: 'setRecord', id: 'dateValue', record: { updated_at: new Date() } },
        noRecord: { ftblock: 1, type: 'setRecord', id: 'noRecord' },
        arrayRecord: { ftblock: 1, type: 'setRecord', id: 'arrayRecord', record: [1, 2] },
        readOnlyText: { ftblock: 1, type: 'setReadOnly', id: 'readOnlyText', readOnly: 'yes' },
        language: { ftblock: 1, type: 'setLanguage', id: 'language', lang: 'fr' },
      };
      const out = {};
      for (const [name, message] of Object.entries(cases)) {
        const r = await window.host.request(message);
        out[name] = r === 'timeout' ? r : { ok: r.ok, code: r.error && r.error.code, message: r.error && r.error.message, supported: r.error && r.error.supported };
      }
      // Without a usable id the reply has id null: a string message, an object id.
      const win = document.querySelector('#slot iframe').contentWindow;
      const origin = new URL(document.querySelector('#slot iframe').src).origin;
      const start = window.__messages.length;
      win.postMessage('getRecord', origin);
      win.postMessage({ ftblock: 1, type: 'getRecord', id: { x: 1 } }, origin);
      win.postMessage(null, origin);
      await new Promise((resolve) => {
        const t = setInterval(() => { if (window.__messages.length >= start + 3) { clearInterval(t); resolve(); } }, 10);
      });
      out.withoutId = window.__messages.slice(start).map((m) => `${m.data.id}:${m.data.error.code}`);
      // A structured value nested 10,000 deep: Chromium refuses to clone it (RangeError at the
      // sender); were it posted, it would be too_deep.
      try {
        const r = await window.host.request({ ftblock: 1, type: 'setRecord', id: 'deep10000', record: deep(10000) });
        out.deep10000 = r === 'timeout' ? r : r.error.code;
      } catch (e) { out.deep10000 = e.name; }
      return out;
    });

    const codes = Object.fromEntries(Object.entries(replies).filter(([k]) => k !== 'withoutId' && k !== 'deep10000').map(([k, v]) => [k, v.ok === false ? v.code : v]));
    assert.deepEqual(codes, {
      noType: 'bad_message', emptyType: 'bad_message', noVersion: 'bad_message', version2: 'unsupported_version',
      versionText: 'unsupported_version', unknownType: 'unknown_type', protoType: 'unknown_type',
      tenMegabytes: 'too_large', manyKeys: 'too_large', sparseArray: 'too_large', deep2000: 'too_deep',
      deep63: 'too_deep', cycle: 'too_deep', mapValue: 'bad_message', dateValue: 'bad_message', noRecord: 'bad_message',
      arrayRecord: 'bad_record', readOnlyText: 'bad_message', language: 'bad_language',
    });
    assert.deepEqual(replies.version2.supported, [1]);
    assert.match(replies.noType.message, /no "type"/);
    assert.match(replies.noVersion.message, /not an ftblock message/);
    assert.match(replies.tenMegabytes.message, /larger than/);
    assert.match(replies.deep2000.message, /deeper than 64/);
    assert.deepEqual(replies.withoutId, ['null:bad_message', 'null:bad_message', 'null:bad_message']);
    assert.ok(['RangeError', 'too_deep'].includes(replies.deep10000), replies.deep10000);

    assert.deepEqual(await s.formState(frame), before, 'the form is as it was');
    const posts = (await s.log(frame)).posts.slice(postsBefore.length);
    assert.ok(posts.every((p) => p.type === 'reply'), `only replies: ${posts.map((p) => p.type)}`);
    assert.equal(posts.length, Object.keys(codes).length + 3 + (replies.deep10000 === 'too_deep' ? 1 : 0));
  } finally {
    await s.close();
  }
});

test('before the form is ready, ping says so and requests are answered not_ready; then ready comes', async () => {
  const s = await Session.open(hostA);
  try {
    const { page, context } = s;
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await context.route(`${frameSite.url}ftblock.wasm`, async (route) => { await held; await route.continue(); });
    await page.evaluate((src) => { window.host.rawFrame(src); }, embedUrl(`origins=${hostA.origin}`));
    const frame = await s.frame();
    await frame.waitForFunction(() => window.ftblockFrame && window.ftblockFrame.form);
    const early = await page.evaluate(async () => ({
      ping: await window.host.request({ ftblock: 1, type: 'ping', id: 'e1' }),
      get: await window.host.request({ ftblock: 1, type: 'getRecord', id: 'e2' }),
    }));
    assert.equal(early.ping.ok, true);
    assert.equal(early.ping.result.ready, false);
    assert.deepEqual({ ok: early.get.ok, code: early.get.error.code }, { ok: false, code: 'not_ready' });

    release();
    await page.waitForFunction(() => window.__messages.some((m) => m.data && m.data.type === 'ready'));
    const later = await page.evaluate(() => window.host.request({ ftblock: 1, type: 'getRecord', id: 'e3' }));
    assert.equal(later.ok, true);
    assert.equal(later.result.scenario, 'assignment');
  } finally {
    await s.close();
  }
});

test('a frame whose page may not run WebAssembly shows why and tells its host with an error event', async () => {
  const noWasm = await serveSite(siteDir, { headers: { 'Content-Security-Policy': NO_WASM_CSP } });
  const s = await Session.open(hostA, { allowErrors: (t) => /WebAssembly|wasm-unsafe-eval|Content Security Policy/i.test(t) });
  try {
    const { page } = s;
    const outcome = await page.evaluate((src) => window.host.frame({ src }).then(() => 'ready', (e) => e.message), `${noWasm.url}embed.html`);
    assert.match(outcome, /^ftblock\.frame: the form could not start: .*(CompileError|WebAssembly|unsafe-eval)/);
    const errors = await s.events('error');
    assert.equal(errors.length, 1);
    assert.equal(errors[0].detail.code, 'form_failed');
    const frame = s.page.frames().find((f) => f.url().startsWith(`${noWasm.url}embed.html`));
    const text = await frame.evaluate(() => document.getElementById('ftblock-form').innerText);
    assert.match(text, /The form could not start/);
    assert.match(text, /表单无法启动/);
    assert.equal(await frame.evaluate(() => document.querySelector('canvas')), null, 'no blank canvas');
    const answers = await page.evaluate(async () => ({
      ping: await window.host.request({ ftblock: 1, type: 'ping', id: 'f1' }),
      get: await window.host.request({ ftblock: 1, type: 'getRecord', id: 'f2' }),
    }));
    assert.equal(answers.ping.result.ready, false);
    assert.match(answers.ping.result.failed, /CompileError|WebAssembly|unsafe-eval/);
    assert.equal(answers.get.error.code, 'form_failed');
    await page.screenshot({ path: artifact('iframe-no-wasm.png') });
  } finally {
    await s.close();
    await noWasm.close();
  }
});

test('an unusable allow-list: the frame says so in both languages and answers nothing', async () => {
  const s = await Session.open(hostA);
  try {
    const { page } = s;
    const a = hostA.origin;
    const cases = [
      ['', /no origins given/],
      ['origins=', /no origins given/],
      ['origins=*', /wildcards are not allowed/],
      ['origins=http://127.0.0.1:*', /wildcards are not allowed/],
      ['origins=null', /"null".*cannot be allowed/],
      [`origins=${a}/`, new RegExp(`write "${a}"`)],
      [`origins=${a}/fixtures`, new RegExp(`write "${a}"`)],
      [`origins=${a.replace('http', 'HTTP')}`, new RegExp(`write "${a}"`)],
      [`origins=${a},`, /an empty entry/],
      [`origins=${a},file:///etc`, /only http and https/],
      [`origins=intranet`, /is not a URL origin/],
    ];
    for (const [hash, reason] of cases) {
      await page.evaluate(() => { document.getElementById('slot').textContent = ''; });
      await page.evaluate((src) => window.host.rawFrame(src), `${frameSite.url}embed.html#${hash}`);
      const frame = page.frames().find((f) => f.url().startsWith(`${frameSite.url}embed.html`));
      await frame.waitForFunction(() => window.ftblockFrame);
      const text = await frame.evaluate(() => document.getElementById('ftblock-form').innerText);
      assert.match(text, /must list the host pages allowed to use it/, hash);
      assert.match(text, /必须列出允许使用它的宿主页面/, hash);
      assert.match(text, reason, hash);
      assert.equal(await frame.evaluate(() => document.querySelector('canvas')), null);
      await page.evaluate(() => window.host.post({ ftblock: 1, type: 'ping', id: 'n1' }));
      await s.received(frame, 1);
      assert.deepEqual((await s.log(frame)).posts, [], `${hash}: no answer`);
    }
    // The list in the query instead of the fragment: said so.
    await page.evaluate(() => { document.getElementById('slot').textContent = ''; });
    await page.evaluate((src) => window.host.rawFrame(src), `${frameSite.url}embed.html?origins=${a}`);
    const frame = page.frames().find((f) => f.url().startsWith(`${frameSite.url}embed.html`));
    await frame.waitForFunction(() => window.ftblockFrame);
    assert.match(await frame.evaluate(() => document.body.innerText), /put them after # \(#origins=…\)/);

    // ftblock.frame refuses such lists before making an iframe.
    const thrown = await page.evaluate(() => ['*', 'null', `${location.origin}/`].map((o) => {
      try { window.ftblock.frame(document.getElementById('slot'), { origins: [o, location.origin] }); return 'accepted'; } catch (e) { return e.message; }
    }));
    assert.equal(thrown.length, 3);
    for (const t of thrown) assert.match(t, /^ftblock\.frame: origins: /);
    await page.screenshot({ path: artifact('iframe-bad-list.png') });
  } finally {
    await s.close();
  }
});
