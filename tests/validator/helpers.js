// Shared by the validator's node tests: where the built site and the native tools are, running
// the native CLI, and comparing two JSON reports field by field.
'use strict';

const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const SOURCE_DIR = process.env.FTBLOCK_SOURCE_DIR || path.resolve(__dirname, '..', '..');
const SITE_DIR = process.env.FTBLOCK_SITE_DIR || path.join(SOURCE_DIR, 'build', 'wasm', 'web', 'site');
const NATIVE_DIR = process.env.FTBLOCK_NATIVE_BUILD_DIR || path.join(SOURCE_DIR, 'build', 'native');
const GOLDEN_DIR = path.join(SOURCE_DIR, 'tests', 'golden', 'cases');
const TODAY = '2026-11-24';

function wrapperPath() {
  const file = path.join(SITE_DIR, 'ftblock-validator.js');
  if (!fs.existsSync(file) || !fs.existsSync(path.join(SITE_DIR, 'ftblock-validator-core.wasm')))
    throw new Error(`${SITE_DIR} has no validator build: build the target ftblock_validator of the wasm preset`);
  return file;
}

function loadValidator(options) {
  return require(wrapperPath()).load(options);
}

// The native CLI or generator; never skip silently when it is missing.
function nativeTool(relative) {
  const file = path.join(NATIVE_DIR, relative);
  if (!fs.existsSync(file))
    throw new Error(`${file} is missing: build the native preset first ` +
                    `(cmake --preset native && cmake --build --preset native), or set FTBLOCK_NATIVE_BUILD_DIR`);
  return file;
}

function runCli(args, { cwd, lang = 'C', input } = {}) {
  const r = spawnSync(nativeTool('cli/ftblock'), args, {
    cwd, input, env: { ...process.env, LANG: lang }, maxBuffer: 1 << 30, encoding: 'buffer',
  });
  if (r.error) throw r.error;
  return { stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8'), code: r.status };
}

function tempDir(name) {
  const base = process.env.FTBLOCK_TEST_TMP || os.tmpdir();
  fs.mkdirSync(base, { recursive: true });
  return fs.mkdtempSync(path.join(base, name + '-'));
}

// Parses both JSON reports and compares records, files and summary; the failure names the first
// difference (which record, which field, both values).
function compareJsonReports(expectedText, actualText, label) {
  const parse = (text, who) => {
    try {
      return JSON.parse(text);
    } catch (e) {
      assert.fail(`${label}: the ${who} JSON report does not parse: ${e.message}`);
    }
  };
  const want = parse(expectedText, 'native'), got = parse(actualText, 'wasm');
  const show = (v) => JSON.stringify(v);
  for (const key of ['records', 'files'])
    if (!Array.isArray(want[key]) || !Array.isArray(got[key])) assert.fail(`${label}: "${key}" is not an array in both reports`);
  const n = Math.min(want.records.length, got.records.length);
  for (let i = 0; i < n; i++) {
    const w = want.records[i], g = got.records[i];
    const where = `${label}: records[${i}] (${w.file}:${w.line})`;
    for (const f of ['file', 'index', 'line', 'id', 'valid'])
      if (w[f] !== g[f]) assert.fail(`${where}.${f}: native ${show(w[f])}, wasm ${show(g[f])}`);
    const m = Math.min(w.diagnostics.length, g.diagnostics.length);
    for (let d = 0; d < m; d++)
      for (const f of ['field', 'code', 'severity', 'message'])
        if (w.diagnostics[d][f] !== g.diagnostics[d][f])
          assert.fail(`${where}.diagnostics[${d}].${f}: native ${show(w.diagnostics[d][f])}, wasm ${show(g.diagnostics[d][f])}`);
    if (w.diagnostics.length !== g.diagnostics.length)
      assert.fail(`${where}: native has ${w.diagnostics.length} diagnostics, wasm ${g.diagnostics.length}: ` +
                  `first extra ${show((w.diagnostics[m] || g.diagnostics[m]))}`);
    if (Object.keys(w).length !== Object.keys(g).length) assert.fail(`${where}: keys ${show(Object.keys(w))} vs ${show(Object.keys(g))}`);
  }
  if (want.records.length !== got.records.length)
    assert.fail(`${label}: native reports ${want.records.length} records, wasm ${got.records.length}; first extra: ` +
                show(want.records[n] || got.records[n]));
  assert.deepEqual(got.files, want.files, `${label}: "files" differ`);
  assert.deepEqual(got.summary, want.summary, `${label}: "summary" differs`);
  return want;
}

// Text reports: byte for byte, failing on the first line that differs.
function compareTextReports(expected, actual, label) {
  if (expected === actual) return;
  const a = expected.split('\n'), b = actual.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  assert.fail(`${label}: text reports differ at line ${i + 1}:\n  native: ${JSON.stringify(a[i])}\n  wasm:   ${JSON.stringify(b[i])}`);
}

// Feeds `bytes` to batch.push in pieces of `size`; returns the text produced.
function pushInChunks(batch, bytes, size) {
  let text = '';
  for (let at = 0; at < bytes.length; at += size) text += batch.push(bytes.subarray(at, Math.min(at + size, bytes.length)));
  return text;
}

module.exports = {
  SOURCE_DIR, SITE_DIR, NATIVE_DIR, GOLDEN_DIR, TODAY,
  wrapperPath, loadValidator, nativeTool, runCli, tempDir,
  compareJsonReports, compareTextReports, pushInChunks,
};
