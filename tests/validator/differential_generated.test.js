// The validator's verdicts are the CLI's on volume: 110,000 generated records (the benchmark's
// generator: JSON Lines, JSON array, CSV; ~30 % invalid in varied ways) plus 5,000 earlier records
// for the previous-value rule go through `ftblock check` and through the WebAssembly batch; the JSON
// reports (English) are compared field by field and the text reports (Chinese) byte for byte.
'use strict';

const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { test } = require('node:test');
const h = require('./helpers');

const FILES = [  // name, records, generator format, seed, chunk size fed to push()
  ['a.jsonl', 40000, 'jsonl', 11, 65521],
  ['b.json', 35000, 'json', 12, 1 << 20],
  ['c.csv', 35000, 'csv', 13, 4093],
];
const PREVIOUS = ['prev.jsonl', 5000, 'jsonl', 14];

test('110,000 generated records get the CLI\'s reports through the WebAssembly batch', async (t) => {
  const generator = h.nativeTool('bench/ftblock_bench');
  h.nativeTool('cli/ftblock');
  const validator = await h.loadValidator();
  const dir = h.tempDir('validator-generated');
  try {
    for (const [name, n, format, seed] of [...FILES, PREVIOUS]) {
      fs.writeFileSync(path.join(dir, name), execFileSync(generator, ['generate', String(n), format, String(seed)], { maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] }));
    }
    const names = FILES.map((f) => f[0]);
    for (const [report, lang] of [['json', 'en'], ['text', 'zh-CN']]) {
      const native = h.runCli(['check', '--format', report, '--lang', lang, '--previous', PREVIOUS[0], '--today', h.TODAY, ...names], { cwd: dir });
      const batch = validator.batch({ report, lang, today: h.TODAY, previous: [new Uint8Array(fs.readFileSync(path.join(dir, PREVIOUS[0])))] });
      let text = '';
      for (const [name, , , , chunk] of FILES) {
        text += batch.begin(name);
        text += h.pushInChunks(batch, new Uint8Array(fs.readFileSync(path.join(dir, name))), chunk);
        text += batch.end();
      }
      const r = batch.finish();
      text += r.report;
      const label = `generated records, --format ${report} --lang ${lang}`;
      if (report === 'json') {
        const parsed = h.compareJsonReports(native.stdout, text, label);
        const s = parsed.summary;
        assert.ok(s.records >= 100000, `${label}: only ${s.records} records`);
        assert.ok(s.invalid > 20000 && s.valid > 50000 && s.warnings > 0, `${label}: the data is not varied: ${JSON.stringify(s)}`);
        const codes = new Set();
        for (const rec of parsed.records) for (const d of rec.diagnostics) codes.add(d.code);
        for (const code of ['changed_from_previous', 'parse_error', 'duplicate_key', 'unknown_field', 'wrong_type', 'bad_date', 'not_in_list', 'control_char', 'too_long', 'date_in_past'])
          assert.ok(codes.has(code), `${label}: no ${code} diagnostic in the data (codes seen: ${[...codes].join(', ')})`);
        assert.deepEqual(r.summary, s, `${label}: finish().summary`);
        t.diagnostic(`${label}: ${s.records} records, ${s.invalid} invalid, ${s.errors} errors, ${s.warnings} warnings, codes: ${[...codes].sort().join(' ')}`);
      }
      h.compareTextReports(native.stdout, text, label);
      assert.equal(r.exitCode, native.code, `${label}: exit code`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
