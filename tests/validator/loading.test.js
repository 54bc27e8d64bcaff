// Loading ftblock-validator.js the three ways docs/validator.md gives: node's require, a Web Worker
// (importScripts, fetch) and a page through ftblock-embed.js (ftblock.validator / validate / check).
// The worker and the page are emulated with vm contexts that have only what those globals have
// (no process, no require): the module takes its web/worker paths, and every URL it asks for is
// recorded and served from the built site.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test } = require('node:test');
const vm = require('node:vm');
const h = require('./helpers');

const D = {
  id: 'FT-D1', customer: 'Contoso Ltd', workload: 'teams', scenario: 'delivery', updated_by: 'delivery_fm',
  l1: 'blocked', l2: 'customer_it_infrastructure', l3: null, service_state: 'not_applicable',
  engagement_scenario: 'ftc_ftp_led', target_date: '2026-12-15', owner: 'account_team',
  notes: '客户的 VPN 设备与服务不兼容，需要先升级固件后才能部署。', next_action_date: null,
  next_action: 'Customer upgrades VPN firmware, then re-test sign-in', updated_at: '2026-11-24',
};
const BAD_OWNER = {
  valid: false,
  diagnostics: [{ field: 'owner', code: 'fixed_value', severity: 'error', message: 'In the Delivery scenario, Owner must be Account team ("account_team"), not "客户团队". Microsoft\'s account team, not the customer\'s own staff.' }],
};
const plain = (v) => JSON.parse(JSON.stringify(v));  // objects from another realm, for deepEqual

// A browser-like global: fetch() and script URLs under any origin map to files of the site.
function browserContext(extra) {
  const requested = [];
  const file = (url) => {
    const name = new URL(url).pathname.split('/').pop();
    const f = path.join(h.SITE_DIR, name);
    return fs.existsSync(f) ? f : null;
  };
  const sandbox = {
    console, TextEncoder, TextDecoder, URL, setTimeout, clearTimeout,
    fetch: async (url) => {
      requested.push(String(url));
      const f = file(String(url));
      if (!f) return new Response('not found', { status: 404 });
      return new Response(fs.readFileSync(f), { status: 200, headers: { 'Content-Type': 'application/wasm' } });
    },
    ...extra,
  };
  sandbox.self = sandbox;
  const context = vm.createContext(sandbox);
  const run = (url) => {
    requested.push(url);
    const f = file(url);
    if (!f) throw new Error('no such script: ' + url);
    vm.runInContext(fs.readFileSync(f, 'utf8'), context, { filename: url });
  };
  return { sandbox, context, requested, run };
}

test('node: require() and load() read the module next to the wrapper; base, wasmBinary and locateFile work', async () => {
  const api = require(h.wrapperPath());
  assert.deepEqual(Object.keys(api), ['load', 'pool']);
  const check = async (options) => {
    const v = await api.load(options);
    assert.deepEqual(v.validate(Object.assign({}, D, { owner: '客户团队' }), { today: h.TODAY }), BAD_OWNER);
  };
  await check(undefined);
  await check({ base: h.SITE_DIR });
  await check({ wasmBinary: fs.readFileSync(path.join(h.SITE_DIR, 'ftblock-validator-core.wasm')) });
  const asked = [];
  await check({ locateFile: (name) => (asked.push(name), path.join(h.SITE_DIR, name)) });
  assert.deepEqual(asked, ['ftblock-validator-core.wasm']);
  await assert.rejects(api.load({ base: path.join(h.SITE_DIR, 'nowhere') }), /ENOENT.*nowhere[/\\]ftblock-validator-core\.wasm/);
  await assert.rejects(api.load({ wasm: 'x' }), /^TypeError: ftblock: unknown option "wasm" for load\(\)/);
});

test('Web Worker: importScripts of the two scripts, then load() fetches the .wasm next to the worker or from base', async () => {
  const w = browserContext({ location: { href: 'https://example.test/app/worker.js' } });
  w.sandbox.importScripts = (...names) => names.forEach((n) => w.run(new URL(n, w.sandbox.location.href).href));
  vm.runInContext(`
    importScripts('ftblock-validator-core.js', 'ftblock-validator.js');
    self.done = ftblockValidator.load().then(function (v) {
      var record = ${JSON.stringify(Object.assign({}, D, { owner: '客户团队' }))};
      var bytes = new TextEncoder().encode(JSON.stringify(record) + '\\n');
      return { one: v.validate(record, { today: '2026-11-24' }),
               all: v.check(bytes, { fileName: 'w.jsonl', today: '2026-11-24' }) };
    });`, w.context);
  const r = plain(await w.sandbox.done);
  assert.deepEqual(r.one, BAD_OWNER);
  assert.equal(r.all.exitCode, 1);
  assert.match(r.all.report, /^w\.jsonl:1: error: owner: In the Delivery scenario, Owner must be Account team/);
  assert.equal(typeof w.sandbox.process, 'undefined');
  assert.deepEqual(w.requested, ['https://example.test/app/ftblock-validator-core.js', 'https://example.test/app/ftblock-validator.js',
                                 'https://example.test/app/ftblock-validator-core.wasm']);
  w.requested.length = 0;
  const v2 = await vm.runInContext(`ftblockValidator.load({ base: 'https://cdn.test/ftb' })`, w.context);
  assert.deepEqual(w.requested, ['https://cdn.test/ftb/ftblock-validator-core.wasm']);
  assert.deepEqual(plain(v2.validate(D, { today: '2026-11-24' })), { valid: true, diagnostics: [] });
});

test('Web Worker without the core script: load() rejects and says which script to load first', async () => {
  const w = browserContext({ location: { href: 'https://example.test/app/worker.js' } });
  w.sandbox.importScripts = (...names) => names.forEach((n) => w.run(new URL(n, w.sandbox.location.href).href));
  vm.runInContext(`importScripts('ftblock-validator.js'); self.done = ftblockValidator.load();`, w.context);
  await assert.rejects(w.sandbox.done, (e) => /ftblock-validator-core\.js is not loaded: load it before ftblock-validator\.js/.test(e.message));
});

test('page: ftblock-embed.js loads both scripts once from its own folder; ftblock.validate and check resolve', async () => {
  const site = fs.readFileSync(path.join(h.SITE_DIR, 'ftblock-embed.js'), 'utf8');
  assert.ok(site.includes('Part 20 — the validator alone'), 'the built ftblock-embed.js includes shell/embed/20-validator.js');
  const documentStub = {
    currentScript: { src: 'https://intranet.test/ftblock/ftblock-embed.js' },
    createElement: (tag) => ({ tag }),
    head: {
      appendChild: (el) => setTimeout(() => {
        documentStub.currentScript = el;
        try {
          page.run(el.src);
        } catch (e) {
          documentStub.currentScript = null;
          return el.onerror(e);
        }
        documentStub.currentScript = null;
        el.onload();
      }, 0),
    },
  };
  const page = browserContext({ document: documentStub, navigator: { languages: ['en-GB'] } });
  page.sandbox.window = page.sandbox;
  const part = (name) => fs.readFileSync(path.join(h.SOURCE_DIR, 'shell', 'embed', name), 'utf8');
  vm.runInContext(part('00-core.js') + part('20-validator.js'), page.context, { filename: 'ftblock-embed.js' });
  documentStub.currentScript = null;
  const ftblock = page.sandbox.ftblock;
  assert.equal(ftblock.baseUrl, 'https://intranet.test/ftblock/');
  const first = ftblock.validator();
  assert.equal(ftblock.validator(), first, 'one load, cached');
  const one = await ftblock.validate(Object.assign({}, D, { owner: '客户团队' }), { today: '2026-11-24' });
  assert.deepEqual(plain(one), BAD_OWNER);
  const all = await ftblock.check(JSON.stringify([D]), { fileName: 'p.json', today: '2026-11-24', report: 'json' });
  assert.deepEqual(plain(all.summary), { files: 1, file_errors: 0, records: 1, valid: 1, invalid: 0, errors: 0, warnings: 0 });
  await assert.rejects(ftblock.validate(D, { lang: 'fr' }), (e) => e.name === 'TypeError' && /lang must be 'en' or 'zh-CN'/.test(e.message));
  assert.deepEqual(page.requested, ['https://intranet.test/ftblock/ftblock-validator-core.js', 'https://intranet.test/ftblock/ftblock-validator.js',
                                    'https://intranet.test/ftblock/ftblock-validator-core.wasm']);
  assert.equal(await ftblock.validator(), await first);
});

test('page: a failed load rejects with the file\'s URL, and a later call tries again', async () => {
  let fail = true;
  const documentStub = {
    currentScript: { src: 'https://intranet.test/x/ftblock-embed.js' },
    createElement: (tag) => ({ tag }),
    head: {
      appendChild: (el) => setTimeout(() => {
        if (fail) return el.onerror(new Error('offline'));
        documentStub.currentScript = el;
        page.run(el.src);
        documentStub.currentScript = null;
        el.onload();
      }, 0),
    },
  };
  const page = browserContext({ document: documentStub, navigator: { languages: ['zh-CN'] } });
  page.sandbox.window = page.sandbox;
  const part = (name) => fs.readFileSync(path.join(h.SOURCE_DIR, 'shell', 'embed', name), 'utf8');
  vm.runInContext(part('00-core.js') + part('20-validator.js'), page.context);
  await assert.rejects(page.sandbox.ftblock.validate(D), /could not load https:\/\/intranet\.test\/x\/ftblock-validator-core\.js/);
  fail = false;
  assert.deepEqual(plain(await page.sandbox.ftblock.validate(D, { today: '2026-11-24' })), { valid: true, diagnostics: [] });
});

test('SIMD and scalar modules: auto picks SIMD where the engine runs it; both give the same reports', async () => {
  const api = require(h.wrapperPath());
  const auto = await api.load();
  assert.equal(auto.simd, true);  // node runs WebAssembly SIMD128
  const simd = await api.load({ simd: true });
  const scalar = await api.load({ simd: false });
  assert.equal(simd.simd, true);
  assert.equal(scalar.simd, false);
  const asked = [];
  await api.load({ simd: false, locateFile: (name) => (asked.push(name), path.join(h.SITE_DIR, name)) });
  assert.deepEqual(asked, ['ftblock-validator-core-scalar.wasm']);
  await assert.rejects(api.load({ simd: 'yes' }), /^TypeError: ftblock: load\(\): simd must be 'auto', true or false, not yes/);

  // Lines that cross the 16-byte blocks in every way: long mixed notes, emoji, escapes, raw
  // control bytes, quotes, invalid UTF-8 at varying offsets.
  const pieces = ['客户 IT 团队的变更冻结期', 'Helpdesk staff have not been trained ', '😀', 'Ñandú ', '\\"', '\\u00e9', '\\n', '。'];
  const chunks = [];
  for (let i = 0; i < 3000; i++) {
    let note = '';
    for (let k = 0; k < 1 + (i * 7919) % 23; k++) note += pieces[(i * 31 + k * 17) % pieces.length];
    const line = Buffer.from(JSON.stringify(Object.assign({}, D, { id: 'FT-' + i, customer: pieces[i % pieces.length] })).replace('"notes":"', '"notes":"' + note));
    if (i % 97 === 5) line[40 + (i % 50)] = 0xC3;       // a lead byte where none may be
    if (i % 89 === 7) line[60 + (i % 40)] = 0x01;       // a raw control byte
    chunks.push(line, Buffer.from('\n'));
  }
  const bytes = Buffer.concat(chunks);
  const a = simd.check(bytes, { fileName: 'mixed.jsonl', today: h.TODAY, report: 'json' });
  const b = scalar.check(bytes, { fileName: 'mixed.jsonl', today: h.TODAY, report: 'json' });
  assert.equal(a.report, b.report);
  assert.equal(a.exitCode, b.exitCode);
  assert.match(a.report, /invalid UTF-8/);
  assert.match(a.report, /control character/);
});
