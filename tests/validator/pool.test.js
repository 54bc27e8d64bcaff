// ftblockValidator.pool() (docs/validator.md#the-worker-pool) in node's worker_threads: its report
// is one batch()'s, byte for byte, for every way of cutting the files — pieces of 1 byte (a cut at
// every record boundary) up to whole files — in text and JSON, English and Chinese, with previous
// records, CSV quoted line breaks (LF, CR, CRLF), blank lines, a BOM, and file errors in the
// middle of a file (the pieces after one are dropped: the file stops where one batch() stops).
'use strict';

const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { after, before, test } = require('node:test');
const h = require('./helpers');

const api = require(h.wrapperPath());
let single, pool;

before(async () => {
  single = await h.loadValidator();
  pool = await api.pool({ workers: 3 });
});
after(() => pool?.terminate());

const HEADER = 'id,customer,workload,scenario,updated_by,l1,l2,l3,service_state,engagement_scenario,target_date,owner,notes,next_action_date,next_action,updated_at';
const ROW = (id, notes, owner = 'account_team') =>
  `${id},Contoso Ltd,teams,delivery,delivery_fm,blocked,customer_it_infrastructure,,not_applicable,ftc_ftp_led,2026-12-15,${owner},${notes},,"Customer upgrades VPN firmware, then re-test",2026-11-24`;
const RECORD = (id, extra = {}) => JSON.stringify({
  id, customer: 'Contoso Ltd', workload: 'teams', scenario: 'delivery', updated_by: 'delivery_fm', l1: 'blocked',
  l2: 'customer_it_infrastructure', l3: null, service_state: 'not_applicable', engagement_scenario: 'ftc_ftp_led',
  target_date: '2026-12-15', owner: 'account_team', notes: 'The VPN appliance needs new firmware first.',
  next_action_date: null, next_action: 'Customer upgrades VPN firmware, then re-test sign-in', updated_at: '2026-11-24', ...extra,
});

// Hand-made files: every shape of line end and record boundary the cutter must get right.
const FILES = {
  'quoted.csv': '\uFEFF' + HEADER + '\r\n' + [
    ROW('FT-C1', '"line one\nline two"'),
    ROW('FT-C2', '"cr\ronly, ""quoted"""', '客户团队'),
    '',
    ROW('FT-C3', '"crlf\r\ninside\r\n"'),
    ROW('FT-C4', 'plain'),
    'FT-C5,ragged',
    ROW('FT-C6', '"ends with a quote """'),
  ].join('\r\n') + '\r\n\r\n',
  'cr.csv': [HEADER, ROW('FT-R1', 'a'), ROW('FT-R2', '"b\rc"'), '', ROW('FT-R3', 'd', 'nobody')].join('\r') + '\r',
  'header_quoted.csv': '\n\n"id","customer\n",workload\nFT-H1,x,teams\n"FT-H2",y,teams',
  'lines.jsonl': [RECORD('FT-J1'), '', '   \t', RECORD('FT-J2', { owner: '客户团队' }) + '\r', '{"id": "FT-J3",', '[1]',
                  RECORD('FT-J4', { target_date: '2026-01-01' }), '  ' + RECORD('FT-J5')].join('\n') + '\n\n',
  'no_final_lf.ndjson': RECORD('FT-N1') + '\n' + RECORD('FT-N2', { l1: 'nope' }),
  'array.json': '[' + RECORD('FT-A1') + ',\n' + RECORD('FT-A2', { owner: 'x' }) + ']',
  'empty.jsonl': '',
  'blank.csv': ' \n\n',
  'utf16.csv': new Uint8Array([0xFF, 0xFE, 0x69, 0x00, 0x64, 0x00, 0x0A, 0x00]),
  'by_content': RECORD('FT-B1') + '\n' + RECORD('FT-B2', { scenario: 'other' }) + '\n',
  'by_content_csv': HEADER + '\n' + ROW('FT-B3', 'x') + '\n' + ROW('FT-B4', '"y\nz"') + '\n',
  // File errors in the middle: the file stops there, the files after it are checked.
  'stray_quote.csv': [HEADER, ROW('FT-S1', 'a'), ROW('FT-S2', '"b\nc"'), ROW('FT-S3', 'bad"quote'), ROW('FT-S4', 'd')].join('\n') + '\n',
  'unterminated.csv': [HEADER, ROW('FT-U1', 'a'), ROW('FT-U2', 'b'), ROW('FT-U3', '"never closed'), ROW('FT-U4', 'd')].join('\n') + '\n',
  'bad_header.csv': 'id,nonsense\nFT-X,1\nFT-Y,2\n',
  'after.jsonl': RECORD('FT-Z1') + '\n',
  // Records longer than the 64 KiB a Blob is read ahead by; a blank line too large to keep is a record.
  'long.jsonl': [RECORD('FT-L1'), RECORD('FT-L2', { notes: 'long '.repeat(30000) }), ' '.repeat(1048580), RECORD('FT-L3'), ''].join('\n'),
  'long.csv': [HEADER, ROW('FT-LC1', '"' + 'many\nlines '.repeat(12000) + '"'), ROW('FT-LC2', 'short')].join('\r\n'),
};
const PREVIOUS = [RECORD('FT-J1', { target_date: '2026-12-01' }), RECORD('FT-C1', { target_date: '2026-12-20' })];

function asFiles(names) {
  return names.map((name) => ({ name, data: FILES[name] }));
}

function batchOnce(files, options) {
  const b = single.batch(options);
  let text = '';
  for (const f of files) {
    text += b.begin(f.name, { format: f.format });
    text += b.push(f.data);
  }
  const r = b.finish();
  r.report = text + r.report;
  return r;
}

// The pool's report against batch()'s, the files given as they are and as Blobs (read window
// by window).
async function assertSame(p, files, options, label) {
  const want = batchOnce(files, options);
  const blobs = files.map((f) => ({ ...f, data: new Blob([f.data]) }));
  for (const [list, how] of [[files, 'in memory'], [blobs, 'as Blobs']]) {
    const got = await p.batch(list, options);
    assert.equal(got.report, want.report, `${label}, ${how}: the report`);
    assert.equal(got.exitCode, want.exitCode, `${label}, ${how}: the exit code`);
    assert.deepEqual(got.summary, want.summary, `${label}, ${how}: the summary`);
  }
  return want;
}

test('hand-made files: the same report as one batch() for pieces of 1 byte to whole files', async () => {
  const names = Object.keys(FILES);
  for (const pieceBytes of [1, 2, 5, 17, 64, 300, 1 << 20]) {
    const p = await api.pool({ workers: 3, pieceBytes, inFlight: pieceBytes === 5 ? 1 : undefined });
    try {
      for (const [report, lang] of [['text', 'en'], ['json', 'zh-CN'], ['json', 'en'], ['text', 'zh-CN']]) {
        const options = { report, lang, today: h.TODAY, previous: PREVIOUS };
        const want = await assertSame(p, asFiles(names), options, `pieceBytes ${pieceBytes}, ${report} ${lang}`);
        assert.equal(want.exitCode, 2);
      }
    } finally {
      p.terminate();
    }
  }
});

test('a file error in the middle stops that file where batch() stops it, at every cut', async () => {
  for (const name of ['stray_quote.csv', 'unterminated.csv', 'bad_header.csv']) {
    for (const pieceBytes of [1, 40, 400]) {
      const p = await api.pool({ workers: 2, pieceBytes });
      try {
        const files = asFiles([name, 'after.jsonl']);
        const want = await assertSame(p, files, { report: 'json', today: h.TODAY }, `${name}, pieceBytes ${pieceBytes}`);
        const report = JSON.parse(want.report);
        assert.notEqual(report.files[0].error, null, `${name} has a file error`);
        assert.equal(report.files[1].error, null);
        await assertSame(p, files, { report: 'text', lang: 'zh-CN', today: h.TODAY }, `${name} (text), pieceBytes ${pieceBytes}`);
      } finally {
        p.terminate();
      }
    }
  }
});

test('a JSON array is not cut: it streams to one worker in parts, first in the report or after others', async () => {
  const broken = '[' + RECORD('FT-A1') + ',\n' + RECORD('FT-A2', { owner: 'x' }) + ',\n{"id": }, ' + RECORD('FT-A3') + ']';
  for (const pieceBytes of [1, 50, 700]) {
    const p = await api.pool({ workers: 2, pieceBytes });
    try {
      for (const names of [['array.json', 'lines.jsonl'], ['empty.jsonl', 'array.json'], ['broken.json', 'array.json', 'cr.csv']]) {
        const files = names.map((name) => ({ name, data: name === 'broken.json' ? broken : FILES[name] }));
        for (const [report, lang] of [['json', 'en'], ['text', 'zh-CN']])
          await assertSame(p, files, { report, lang, today: h.TODAY }, `${names.join(' ')}, pieceBytes ${pieceBytes}, ${report}`);
      }
    } finally {
      p.terminate();
    }
  }
});

test('generated files (JSON Lines, JSON, CSV) with previous records: pool and batch() agree, and the CLI with them', async () => {
  const generator = h.nativeTool('bench/ftblock_bench');
  const dir = h.tempDir('validator-pool');
  try {
    const gen = (n, format, seed) => new Uint8Array(execFileSync(generator, ['generate', String(n), format, String(seed)], { maxBuffer: 1 << 30 }));
    const files = [
      { name: 'g.jsonl', data: gen(6000, 'jsonl', 21) },
      { name: 'g.json', data: gen(2000, 'json', 22) },
      { name: 'g.csv', data: gen(6000, 'csv', 23) },
      { name: 'g2', data: gen(3000, 'csv', 24), format: 'csv' },
    ];
    const previous = [gen(1500, 'jsonl', 25)];
    files[0].data = Buffer.from(files[0].data);  // a node Buffer: its slice() shares memory, the pool must copy
    const copy = Buffer.from(files[0].data);
    for (const f of files) fs.writeFileSync(path.join(dir, f.name), f.data);
    fs.writeFileSync(path.join(dir, 'prev.jsonl'), previous[0]);
    for (const pieceBytes of [1000, 65536]) {
      const p = await api.pool({ workers: 3, pieceBytes });
      try {
        for (const [report, lang] of [['json', 'en'], ['text', 'zh-CN']]) {
          const options = { report, lang, today: h.TODAY, previous };
          const got = await p.batch(files, options);
          const want = batchOnce(files, options);
          const label = `generated, pieceBytes ${pieceBytes}, ${report} ${lang}`;
          h.compareTextReports(want.report, got.report, label);
          assert.equal(got.exitCode, want.exitCode);
          if (pieceBytes === 1000) {  // and the CLI's (the last file by --input-format: only when all are CSV)
            const native = h.runCli(['check', '--format', report, '--lang', lang, '--previous', 'prev.jsonl', '--today', h.TODAY,
                                     ...files.slice(0, 3).map((f) => f.name)], { cwd: dir });
            const three = await p.batch(files.slice(0, 3), options);
            h.compareTextReports(native.stdout, three.report, `${label}, against ftblock check`);
            assert.equal(three.exitCode, native.code);
          }
        }
      } finally {
        p.terminate();
      }
    }
    assert.ok(copy.equals(files[0].data), 'the caller\'s bytes are left as they were');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('onText gives the report in order, piece by piece; workers: 0 checks in this thread, the same', async () => {
  const files = asFiles(['quoted.csv', 'lines.jsonl', 'stray_quote.csv']);
  const options = { report: 'json', today: h.TODAY };
  const want = batchOnce(files, options);
  const p = await api.pool({ workers: 2, pieceBytes: 3 });
  try {
    const pieces = [];
    const r = await p.batch(files, { ...options, onText: (t) => pieces.push(t) });
    assert.equal(r.report, '');
    assert.ok(pieces.length > 10, `${pieces.length} pieces`);
    assert.equal(pieces.join(''), want.report);
    // Two batches at once run one after the other, each whole.
    const [a, b] = await Promise.all([p.batch(files, options), p.batch(asFiles(['cr.csv']), { today: h.TODAY })]);
    assert.equal(a.report, want.report);
    assert.equal(b.report, batchOnce(asFiles(['cr.csv']), { today: h.TODAY }).report);
  } finally {
    p.terminate();
  }
  const here = await api.pool({ workers: 0 });
  assert.equal(here.workers, 0);
  assert.equal(here.fallback, 'workers: 0');
  assert.deepEqual(await here.batch(files, options), want);
  assert.deepEqual(await here.batch(files.map((f) => ({ ...f, data: new Blob([f.data]) })), options), want);
  here.terminate();
});

test('a worker that stops rejects its batch; the next batches run on the workers left', { timeout: 60000 }, async () => {
  const dir = h.tempDir('validator-pool-dying');
  process.env.FTBLOCK_DYING_MARK = path.join(dir, 'stopped');
  process.env.FTBLOCK_SITE_DIR = h.SITE_DIR;
  const p = await api.pool({ workers: 2, pieceBytes: 40, url: path.join(__dirname, 'fixtures', 'dying-worker.js') });
  try {
    const files = asFiles(['quoted.csv', 'lines.jsonl']);
    const options = { report: 'json', today: h.TODAY };
    await assert.rejects(p.batch(files, options), { message: 'ftblock: a pool worker stopped (exit code 3)' });
    assert.ok(fs.existsSync(process.env.FTBLOCK_DYING_MARK));
    assert.deepEqual(await p.batch(files, options), batchOnce(files, options));
    assert.equal(p.workers, 1);
    assert.equal(p.fallback, null);
  } finally {
    p.terminate();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the pool refuses what batch() refuses, with the same messages', async () => {
  await assert.rejects(pool.batch([{ name: 'a.jsonl', data: '' }], { lang: 'fr' }), { name: 'TypeError', message: 'ftblock: lang must be \'en\' or \'zh-CN\', not "fr"' });
  await assert.rejects(pool.batch([{ name: 'a.jsonl', data: '' }], { previous: ['{"id": 1,'] }),
                       { message: 'ftblock: previous[0] cannot be read: line 1, column 10: unexpected end of input' });
  await assert.rejects(pool.batch([{ name: 'a.jsonl', data: 5 }]), { name: 'TypeError', message: 'ftblock: files[0].data must be a string, Uint8Array, ArrayBuffer or Blob, not number' });
  await assert.rejects(pool.batch([{ name: 'a.jsonl', data: '', format: 'xml' }]), { name: 'TypeError', message: 'ftblock: format must be \'auto\', \'json\', \'jsonl\' or \'csv\', not "xml"' });
  await assert.rejects(pool.batch([{ name: 'a.jsonl', data: '', typo: 1 }]), { name: 'TypeError', message: 'ftblock: unknown option "typo" for files[0] (known: name, data, format)' });
  await assert.rejects(api.pool({ workers: -1 }), { name: 'TypeError', message: 'ftblock: pool(): workers must be a whole number from 0, not -1' });
  // … and keeps working after a refusal.
  const files = asFiles(['lines.jsonl']);
  assert.equal((await pool.batch(files, { today: h.TODAY })).report, batchOnce(files, { today: h.TODAY }).report);
});
