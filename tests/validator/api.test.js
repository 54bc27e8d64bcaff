// ftblockValidator's API (docs/validator.md) in node: validate(), check(), batch() — exact outcomes.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test, before } = require('node:test');
const h = require('./helpers');

const A = {  // a valid assignment record
  id: 'FT-A1', customer: 'Contoso Ltd', workload: 'teams', scenario: 'assignment', updated_by: 'assignment_fm',
  l1: 'blocked', l2: 'adoption_readiness', l3: null, service_state: 'not_applicable',
  engagement_scenario: 'customer_led_ftp_assist', target_date: null, owner: 'delivery_fm',
  notes: 'End users are not trained; the rollout waits for training.', next_action_date: '2026-12-01',
  next_action: 'kickoff_meeting', updated_at: '2026-11-24',
};
const D = {  // a valid delivery record
  id: 'FT-D1', customer: 'Contoso Ltd', workload: 'teams', scenario: 'delivery', updated_by: 'delivery_fm',
  l1: 'blocked', l2: 'customer_it_infrastructure', l3: null, service_state: 'not_applicable',
  engagement_scenario: 'ftc_ftp_led', target_date: '2026-12-15', owner: 'account_team',
  notes: '客户的 VPN 设备与服务不兼容，需要先升级固件后才能部署。', next_action_date: null,
  next_action: 'Customer upgrades VPN firmware, then re-test sign-in', updated_at: '2026-11-24',
};
const with_ = (record, changes) => Object.assign({}, record, changes);
const VALID = { valid: true, diagnostics: [] };
const golden = (name, file) => fs.readFileSync(path.join(h.GOLDEN_DIR, name, file));

let v;
before(async () => {
  v = await h.loadValidator();
});

test('a valid record is valid with no diagnostics, as an object and as JSON text', () => {
  assert.deepEqual(v.validate(A, { today: h.TODAY }), VALID);
  assert.deepEqual(v.validate(JSON.stringify(D, null, 2), { today: h.TODAY }), VALID);
});

test('an invalid delivery record gets exactly the CLI\'s diagnostics, in field order', () => {
  assert.deepEqual(v.validate(with_(D, { owner: '客户团队', target_date: '' }), { today: h.TODAY }), {
    valid: false,
    diagnostics: [
      { field: 'target_date', code: 'required', severity: 'error', message: 'In the Delivery scenario, Target date is required: projected unblock date' },
      { field: 'owner', code: 'fixed_value', severity: 'error', message: 'In the Delivery scenario, Owner must be Account team ("account_team"), not "客户团队". Microsoft\'s account team, not the customer\'s own staff.' },
    ],
  });
});

test('lang zh-CN gives the messages in Chinese', () => {
  assert.deepEqual(v.validate(with_(D, { owner: '客户团队', target_date: '' }), { today: h.TODAY, lang: 'zh-CN' }), {
    valid: false,
    diagnostics: [
      { field: 'target_date', code: 'required', severity: 'error', message: '交付场景的目标日期为必填项：预计的障碍解除日期' },
      { field: 'owner', code: 'fixed_value', severity: 'error', message: '交付场景的负责人必须是客户团队（account_team），而不是 "客户团队"。客户团队指 Microsoft 的客户团队（account team），不是客户自己的员工。' },
    ],
  });
});

test('a warning alone leaves the record valid', () => {
  assert.deepEqual(v.validate(with_(A, { next_action_date: '2026-11-01' }), { today: h.TODAY }), {
    valid: true,
    diagnostics: [{ field: 'next_action_date', code: 'date_in_past', severity: 'warning', message: 'Next action date 2026-11-01 is before the day of this update, 2026-11-24' }],
  });
});

test('an empty updated_at means today: the option as text or a Date, by default the local date', () => {
  const record = with_(A, { updated_at: null, next_action_date: '2026-11-01' });
  const expected = {
    valid: true,
    diagnostics: [{ field: 'next_action_date', code: 'date_in_past', severity: 'warning', message: 'Next action date 2026-11-01 is before the day of this update, 2026-11-30' }],
  };
  assert.deepEqual(v.validate(record, { today: '2026-11-30' }), expected);
  assert.deepEqual(v.validate(record, { today: new Date(2026, 10, 30, 23, 59) }), expected);
  const now = new Date();
  const local = `${String(now.getFullYear()).padStart(4, '0')}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  const byDefault = v.validate(with_(record, { next_action_date: '0001-01-01' }));
  assert.equal(byDefault.diagnostics[0].message, `Next action date 0001-01-01 is before the day of this update, ${local}`);
});

test('repeated and unknown keys in JSON text are reported; the first value is the one checked', () => {
  const text = JSON.stringify(A).replace('{', '{"owner":"account_team","colour":"red",');
  assert.deepEqual(v.validate(text, { today: h.TODAY }), {
    valid: false,
    diagnostics: [
      { field: 'owner', code: 'fixed_value', severity: 'error', message: 'In the Assignment scenario, Owner must be Delivery FM ("delivery_fm"), not "account_team". Delivery FastTrack Manager' },
      { field: 'colour', code: 'unknown_field', severity: 'error', message: 'unknown field "colour": not a key of the record format' },
      { field: 'owner', code: 'duplicate_key', severity: 'error', message: 'key "owner" is given more than once; the first value is checked' },
    ],
  });
});

test('previous: the delivery engagement scenario must keep the latest earlier value of the entitlement', () => {
  const earlier = with_(D, { id: 'P-1', customer: '  CONTOSO LTD ', engagement_scenario: 'ftc_css_led', updated_at: '2026-11-01' });
  const changed = {
    valid: false,
    diagnostics: [{ field: 'engagement_scenario', code: 'changed_from_previous', severity: 'error', message: 'In the Delivery scenario, Service engagement scenario must keep its previous value FTC-CSS Led ("ftc_css_led", record of 2026-11-01, P-1), not "ftc_ftp_led"' }],
  };
  assert.deepEqual(v.validate(D, { today: h.TODAY, previous: [earlier] }), changed);  // same customer after trim + case fold
  assert.deepEqual(v.validate(D, { today: h.TODAY, previous: [JSON.stringify(earlier)] }), changed);
  const file = new TextEncoder().encode(JSON.stringify(with_(D, { id: 'X', updated_at: '2026-11-01' })) + '\n' + JSON.stringify(earlier) + '\n');
  assert.deepEqual(v.validate(D, { today: h.TODAY, previous: [file] }), changed, 'a whole JSON Lines file (bytes): the later equal-day record wins');
  assert.deepEqual(v.validate(D, { today: h.TODAY, previous: [file.buffer] }), changed, 'as an ArrayBuffer');
  assert.deepEqual(v.validate(D, { today: h.TODAY, lang: 'zh-CN', previous: [earlier] }).diagnostics[0].message,
                   '交付场景的服务接洽场景必须保持上一值：FTC-CSS 主导 (FTC-CSS Led)（ftc_css_led，来自 2026-11-01，P-1 的记录），而不是 "ftc_ftp_led"');
  assert.deepEqual(v.validate(D, { today: h.TODAY, previous: [with_(earlier, { updated_at: '2026-11-25' })] }), VALID, 'a later record is not previous');
  assert.deepEqual(v.validate(D, { today: h.TODAY, previous: [with_(earlier, { workload: 'intune' })] }), VALID, 'another entitlement');
  assert.deepEqual(v.validate(D, { today: h.TODAY, previous: [with_(earlier, { id: 'P-2', engagement_scenario: 'ftc_ftp_led', updated_at: '2026-11-10' }), earlier] }), VALID,
                   'the latest by updated_at wins, not the last in the list');
  assert.deepEqual(v.validate(D, { today: h.TODAY, previous: [] }), VALID);
  assert.deepEqual(v.validate(with_(A, { engagement_scenario: 'ftc_ftp_led' }), { today: h.TODAY, previous: [earlier] }), VALID, 'assignment records keep no previous value');
});

test('text that is not one JSON object is an error with line and column, never a throw', () => {
  const error = (line, column, message) => ({ valid: false, diagnostics: [], error: { line, column, message } });
  const cases = [
    ['{\n  "id": "x",\n  "owner" "y"\n}', error(3, 11, 'expected \':\' after the key')],
    ['{"a":1,}', error(1, 8, 'trailing comma is not allowed in JSON')],
    ['{} x', error(1, 4, 'unexpected content after the value')],
    ['  \n [' + JSON.stringify(A) + ']', error(2, 2, 'expected one JSON object (one record), found an array')],
    ['', error(1, 1, 'expected one JSON object (one record), found nothing')],
    ['42', error(1, 1, 'expected one JSON object (one record)')],
    ['{"notes":"\\ud800"}', error(1, 11, 'lone surrogate \\ud800 is not a character')],
    ['{"a":' + '['.repeat(70) + ']'.repeat(70) + '}', error(1, 69, 'nesting deeper than 64')],
    ['{"notes":"' + 'x'.repeat(1 << 20) + '"}', error(1, 1, 'record is over 1048576 bytes; its fields were not checked')],
  ];
  for (const [text, expected] of cases) assert.deepEqual(v.validate(text, { today: h.TODAY }), expected, text.slice(0, 40));
  assert.deepEqual(v.validate([A]), error(1, 1, 'expected one JSON object (one record), found an array'), 'an array object');
  assert.deepEqual(v.validate(null), error(1, 1, 'expected one JSON object (one record)'));
  assert.deepEqual(v.validate('[]', { lang: 'zh-CN' }), error(1, 1, '应为一个 JSON 对象（一条记录），而不是数组'));
});

test('bad options throw: TypeError for lang, today, names and types; Error naming previous[i]', () => {
  const typeError = (fn, pattern) => assert.throws(fn, (e) => e instanceof TypeError && pattern.test(e.message), String(fn));
  typeError(() => v.validate(A, { lang: 'fr' }), /^ftblock: lang must be 'en' or 'zh-CN', not "fr"$/);
  typeError(() => v.validate(A, { lang: 5 }), /^ftblock: lang must be 'en' or 'zh-CN', not number$/);
  typeError(() => v.validate(A, { today: '2026-02-29' }), /^ftblock: today must be a real date as 'YYYY-MM-DD' \(or a Date\), not "2026-02-29"$/);
  typeError(() => v.validate(A, { today: '2026-1-5' }), /today must be a real date/);
  typeError(() => v.validate(A, { today: new Date(NaN) }), /^ftblock: today must be a valid Date/);
  typeError(() => v.validate(A, { today: 20261124 }), /^ftblock: today must be 'YYYY-MM-DD' or a Date, not number$/);
  typeError(() => v.validate(A, { langauge: 'en' }), /^ftblock: unknown option "langauge" for validate\(\)/);
  typeError(() => v.validate(A, 'en'), /^ftblock: the options of validate\(\) must be an object, not string$/);
  typeError(() => v.validate(A, { previous: A }), /^ftblock: previous must be an array of records, not object$/);
  typeError(() => v.validate(undefined), /^ftblock: the record must be a record object or its JSON text, not undefined$/);
  typeError(() => v.batch({ report: 'xml' }), /^ftblock: report must be 'text' or 'json', not "xml"$/);
  typeError(() => v.batch().begin('a', { format: 'xml' }), /format must be 'auto', 'json', 'jsonl' or 'csv'/);
  typeError(() => v.check(42), /check\(\) takes the input as a string, Uint8Array or ArrayBuffer, not number/);
  assert.throws(() => v.validate(A, { previous: [D, '{x'] }),
                { name: 'Error', message: 'ftblock: previous[1] cannot be read: line 1, column 2: expected a key in double quotes' });
  assert.throws(() => v.validate(A, { previous: [D, '[]'] }),
                { name: 'Error', message: 'ftblock: previous[1] cannot be read: line 1, column 1: expected one JSON object (one record), found an array' });
  assert.throws(() => v.check('', { previous: [new TextEncoder().encode('[1,')] }), /^Error: ftblock: previous\[0\] cannot be read: line 1, column 4: /);
  assert.deepEqual(v.validate(A, { lang: 'EN', today: h.TODAY }), VALID, 'tags as the CLI takes them (case-insensitive)');
});

test('check() gives the CLI\'s report, exit code and summary for one input', () => {
  const text = v.check(golden('invalid_fields_text_en', 'invalid.jsonl'), { fileName: 'invalid.jsonl', today: h.TODAY });
  assert.equal(text.report, golden('invalid_fields_text_en', 'expected.out').toString());
  assert.equal(text.exitCode, 1);
  assert.deepEqual(text.summary, { files: 1, file_errors: 0, records: 5, valid: 0, invalid: 5, errors: 20, warnings: 0 });
  const json = v.check(golden('invalid_fields_json_en', 'invalid.jsonl').toString(), { fileName: 'invalid.jsonl', today: h.TODAY, report: 'json' });
  assert.equal(json.report, golden('invalid_fields_json_en', 'expected.out').toString());
  assert.deepEqual(json.summary, JSON.parse(json.report).summary);
  const warn = v.check(new Uint8Array(golden('warnings_only_exit_zero', 'warn.jsonl')).buffer, { fileName: 'warn.jsonl', today: h.TODAY });
  assert.equal(warn.exitCode, 0);
  const broken = v.check('[{"l3": "x"},\n {\'id\': 1}]', { today: h.TODAY, format: 'json' });
  assert.equal(broken.exitCode, 2);
  assert.match(broken.report, /^-:2:3: error: strings must use double quotes\n/m);
  assert.deepEqual(v.check('', { report: 'json', today: h.TODAY }).summary, { files: 1, file_errors: 0, records: 0, valid: 0, invalid: 0, errors: 0, warnings: 0 });
});

// several_files_one_broken: a.jsonl, b.json (broken), c.csv → its expected.out, whatever the chunks.
function runSeveral(chunkSize, kind) {
  const b = v.batch({ today: h.TODAY });
  let text = '';
  for (const name of ['a.jsonl', 'b.json', 'c.csv']) {
    const bytes = new Uint8Array(golden('several_files_one_broken', name));
    text += b.begin(name);
    if (kind === 'string') {
      const s = new TextDecoder().decode(bytes);
      for (let at = 0; at < s.length; at += chunkSize) text += b.push(s.slice(at, at + chunkSize));
    } else {
      for (let at = 0; at < bytes.length; at += chunkSize) {
        const piece = bytes.slice(at, at + chunkSize);
        text += b.push(kind === 'arraybuffer' ? piece.buffer : piece);
      }
    }
    text += b.end();
  }
  const r = b.finish();
  return { text: text + r.report, exitCode: r.exitCode };
}

test('a batch gives the same text for chunks of 1, 7 and 4096 bytes, as bytes, ArrayBuffers or strings', () => {
  const expected = golden('several_files_one_broken', 'expected.out').toString();
  for (const kind of ['bytes', 'arraybuffer', 'string']) {
    for (const size of [1, 7, 4096]) {
      const r = runSeveral(size, kind);
      assert.equal(r.text, expected, `${kind}, chunks of ${size}`);
      assert.equal(r.exitCode, 2);
    }
  }
});

test('string chunks may split a surrogate pair; a lone one at the end becomes U+FFFD like TextEncoder', () => {
  const line = JSON.stringify(with_(D, { notes: '😀 客户的 VPN 设备😀' })) + '\n' + JSON.stringify(with_(D, { notes: '\u00e9', id: 1 }));
  const bytes = v.check(new TextEncoder().encode(line), { fileName: 'x.jsonl', today: h.TODAY, report: 'json' }).report;
  const b = v.batch({ today: h.TODAY, report: 'json' });
  let text = b.begin('x.jsonl');
  for (const ch of line.split('')) text += b.push(ch);  // UTF-16 units: the emoji arrive in halves
  text += b.finish().report;
  assert.equal(text, bytes);
  const lone = '{"notes": "a\uD83D';
  const b2 = v.batch({ today: h.TODAY, report: 'json' });
  text = b2.begin('y.jsonl') + b2.push(lone) + b2.push('') + b2.end() + b2.finish().report;
  assert.equal(text, v.check(new TextEncoder().encode(lone), { fileName: 'y.jsonl', today: h.TODAY, report: 'json' }).report);
});

test('a batch reports as it reads and its memory stays flat', () => {
  const line = new TextEncoder().encode(JSON.stringify(with_(D, { owner: 'customer' })) + '\n');
  const block = new Uint8Array(line.length * 4000);  // ~2.8 MB per block
  for (let i = 0; i < 4000; i++) block.set(line, i * line.length);
  const once = () => {
    const b = v.batch({ today: h.TODAY, report: 'json' });
    b.begin('big.jsonl');
    let drained = 0;
    for (let round = 0; round < 12; round++) {  // ~34 MB, 48,000 records
      const out = b.push(block);
      assert.ok(out.length > 1000, `round ${round}: the records read so far are reported at once`);
      drained += out.length;
    }
    const r = b.finish();
    assert.equal(r.summary.records, 48000);
    assert.equal(r.summary.invalid, 48000);
    return drained + r.report.length;
  };
  const first = once();
  const memory = v.memoryBytes();
  assert.ok(memory <= 32 * 1024 * 1024, `the module's memory grew to ${memory} bytes for a 34 MB input`);
  assert.equal(once(), first);
  assert.equal(v.memoryBytes(), memory, 'a second batch does not grow the memory');
});

test('misuse of a batch throws; fail() reports an unreadable file as the CLI does', () => {
  const b = v.batch({ today: h.TODAY });
  assert.throws(() => b.push('{}'), /^Error: ftblock: push\(\) before begin\(fileName\)$/);
  assert.throws(() => b.begin(5), TypeError);
  let text = b.begin('gone.jsonl');
  assert.throws(() => b.push(5), /^TypeError: ftblock: push\(\) takes a Uint8Array, an ArrayBuffer or a string, not number$/);
  text += b.fail('HTTP 404');
  text += b.begin('ok.jsonl', { format: 'jsonl' });
  text += b.push(JSON.stringify(D) + '\n');
  const r = b.finish();
  assert.equal(text + r.report, 'gone.jsonl: error: cannot read the file: HTTP 404\n' +
                                 '1 record in 2 files: 1 valid, 0 invalid; 0 errors, 0 warnings, 1 file error\n');
  assert.equal(r.exitCode, 2);
  assert.throws(() => b.push('x'), /^Error: ftblock: this batch is finished \(or disposed\)$/);
  assert.throws(() => b.finish(), /this batch is finished/);
  b.dispose();
  b.dispose();
  const abandoned = v.batch();
  abandoned.begin('x.jsonl');
  abandoned.push('{"id": "half');
  abandoned.dispose();
  assert.throws(() => abandoned.end(), /this batch is finished \(or disposed\)/);
});

test('two validators are independent, even with batches open at once', async () => {
  const w = await h.loadValidator();
  const earlier = with_(D, { id: 'P-1', engagement_scenario: 'ftc_css_led', updated_at: '2026-11-01' });
  const zh = v.batch({ lang: 'zh-CN', today: h.TODAY, previous: [earlier], report: 'json' });
  const en = w.batch({ lang: 'en', today: h.TODAY, report: 'text' });
  let a = zh.begin('a.jsonl'), b = en.begin('b.jsonl');
  const line = JSON.stringify(with_(D, { owner: 'customer' })) + '\n';
  for (let i = 0; i < 3; i++) {
    a += zh.push(line);
    b += en.push(line);
  }
  const ra = zh.finish(), rb = en.finish();
  a += ra.report;
  b += rb.report;
  assert.equal(a, v.check(line.repeat(3), { fileName: 'a.jsonl', lang: 'zh-CN', today: h.TODAY, previous: [earlier], report: 'json' }).report);
  assert.equal(b, w.check(line.repeat(3), { fileName: 'b.jsonl', today: h.TODAY }).report);
  assert.equal(ra.summary.errors, 6, 'owner and changed_from_previous on each record');
  assert.equal(rb.summary.errors, 3);
  assert.match(b, /^b\.jsonl:1: error: owner: In the Delivery scenario, Owner must be Account team/);
  assert.deepEqual(w.validate(D, { today: h.TODAY }), VALID, 'w never saw v\'s previous records');
});

// The L2 suggestion (docs/suggest.md): suggest(note) is `ftblock suggest --format json`, parsed —
// the same ranking and integer scores as the native CLI, bit for bit.
test('suggest(): the CLI\'s ranking for a note in English, Chinese or both; top; bad arguments throw', () => {
  const notes = [
    'Unable to deploy Teams because the customer\'s VPN and firewall block the connection to the service.',
    '由于客户的 VPN 和防火墙阻止了与服务的连接，无法部署 Teams。',
    'The customer has no budget for IT staff to run the migration; 预算 was cut.',
    'Customer is blocked.',
    '',
  ];
  for (const note of notes) {
    const cli = h.runCli(['suggest', '--format', 'json', '--', note]);
    assert.equal(cli.code, 0, cli.stderr);
    assert.deepEqual(v.suggest(note), JSON.parse(cli.stdout), note);
  }
  const s = v.suggest(notes[0]);
  assert.equal(s.suggested, 'customer_it_infrastructure');
  assert.equal(s.ranking.length, 8);
  assert.ok(s.ranking[0].evidence.includes('VPN') && s.ranking[0].evidence.includes('firewall'), JSON.stringify(s));
  assert.equal(v.suggest(notes[1]).suggested, 'customer_it_infrastructure');
  assert.equal(v.suggest(notes[3]).suggested, null);
  assert.deepEqual(v.suggest(notes[0], { top: 2 }).ranking, s.ranking.slice(0, 2));
  assert.throws(() => v.suggest(42), TypeError);
  assert.throws(() => v.suggest('x', { top: 0 }), TypeError);
  assert.throws(() => v.suggest('x', { top: 1.5 }), TypeError);
  assert.throws(() => v.suggest('x', { colour: 1 }), TypeError);
});
