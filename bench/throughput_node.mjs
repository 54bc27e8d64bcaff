#!/usr/bin/env node
// One timed pass of a node-side checker over one file, for bench/throughput.sh (which runs it
// several times, each in a fresh process, and keeps the best):
//
//   node bench/throughput_node.mjs single|pool|ajv FILE [--site DIR] [--workers N] [--schema SCHEMA.json]
//
//   single  the validator's batch() (docs/validator.md), FILE read in 1 MiB chunks, report JSON
//           (`ftblock check --format json --today 2026-11-24 FILE`), its text drained and dropped
//   pool    ftblockValidator.pool({ workers: N }).batch(): the same report from N worker threads,
//           FILE as a Blob (fs.openAsBlob: read piece by piece as the pool needs it; node < 19.8:
//           read whole into memory first), text dropped
//   ajv     JSON.parse + an ajv-compiled JSON Schema (SCHEMA.json: what `ftblock schema` prints;
//           allErrors, as ftblock reports every problem): JSON Lines per line, a JSON array whole.
//           CSV: no figure (ajv checks parsed JSON values; CSV needs a parser and typing first)
//
// Prints one line of JSON: { seconds, records, bytes, rssMiB } (seconds: the check only, not
// node's start or the module's compilation; rssMiB: the process's peak RSS, worker threads
// included), or { na: "why" }.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const usage = 'usage: node bench/throughput_node.mjs single|pool|ajv FILE [--site DIR] [--workers N] [--schema SCHEMA.json]';
const TODAY = '2026-11-24';

function options() {
  const args = process.argv.slice(2);
  const o = { mode: args[0], file: args[1], site: null, workers: null, schema: null };
  for (let i = 2; i < args.length; ++i) {
    if (args[i] === '--site') o.site = args[++i];
    else if (args[i] === '--workers') o.workers = parseInt(args[++i], 10);
    else if (args[i] === '--schema') o.schema = args[++i];
    else fail(usage);
  }
  if (!['single', 'pool', 'ajv'].includes(o.mode) || !o.file) fail(usage);
  if (o.mode !== 'ajv' && !o.site) fail(`${o.mode} needs --site DIR (the wasm build's web/site)`);
  if (o.mode === 'ajv' && !o.schema) fail('ajv needs --schema SCHEMA.json');
  return o;
}

function fail(message) {
  console.error(message);
  process.exit(2);
}

function done(seconds, records, bytes) {
  const rssMiB = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ seconds, records, bytes, rssMiB: Number(rssMiB.toFixed(1)) }));
}

const now = () => Number(process.hrtime.bigint()) / 1e9;

async function single(o) {
  const v = await require(path.resolve(o.site, 'ftblock-validator.js')).load();
  const fd = fs.openSync(o.file, 'r');
  const chunk = Buffer.allocUnsafe(1 << 20);
  let bytes = 0;
  const t0 = now();
  const b = v.batch({ report: 'json', today: TODAY });
  b.begin(path.basename(o.file));
  for (let n; (n = fs.readSync(fd, chunk, 0, chunk.length, null)) > 0;) {
    bytes += n;
    b.push(chunk.subarray(0, n));
  }
  const r = b.finish();
  done(now() - t0, r.summary.records, bytes);
}

async function pool(o) {
  const api = require(path.resolve(o.site, 'ftblock-validator.js'));
  if (typeof api.pool !== 'function') {
    console.log(JSON.stringify({ na: 'this validator build has no pool()' }));
    return;
  }
  const p = await api.pool(o.workers ? { workers: o.workers } : {});
  try {
    const t0 = now();
    const data = typeof fs.openAsBlob === 'function' ? await fs.openAsBlob(o.file) : fs.readFileSync(o.file);
    const r = await p.batch([{ name: path.basename(o.file), data }], { report: 'json', today: TODAY, onText: () => {} });
    done(now() - t0, r.summary.records, fs.statSync(o.file).size);
  } finally {
    p.terminate();
  }
}

function ajv(o) {
  let Ajv;
  try {
    Ajv = require(path.join(here, 'ajv', 'node_modules', 'ajv', 'dist', '2020'));
  } catch (e) {
    fail('ajv is not installed: (cd bench/ajv && npm install)');
  }
  const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(fs.readFileSync(o.schema, 'utf8')));
  const ext = path.extname(o.file).toLowerCase();
  const size = fs.statSync(o.file).size;
  let records = 0;
  const check = (value) => {
    ++records;
    validate(value);
  };
  if (ext === '.csv') {
    console.log(JSON.stringify({ na: 'CSV: ajv checks parsed JSON values' }));
    return;
  }
  if (ext === '.json') {
    // V8's longest string is 2^29 - 24 characters: a larger JSON document cannot reach JSON.parse.
    if (size >= (1 << 29) - 24) {
      console.log(JSON.stringify({ na: `JSON.parse: ${(size / 1e6).toFixed(0)} MB is over V8's 512 MiB string` }));
      return;
    }
    const t0 = now();
    const value = JSON.parse(fs.readFileSync(o.file, 'utf8'));
    for (const r of Array.isArray(value) ? value : [value]) check(r);
    done(now() - t0, records, size);
    return;
  }
  // JSON Lines in 1 MiB chunks, as bench/ajv/ajv_bench.js reads it.
  const fd = fs.openSync(o.file, 'r');
  const chunk = Buffer.allocUnsafe(1 << 20);
  let carry = null, bytes = 0;
  const line = (buf, start, end) => {
    if (end > start && buf[end - 1] === 13) --end;
    let i = start;
    while (i < end && (buf[i] === 32 || buf[i] === 9)) ++i;
    if (i === end) return;
    let value;
    try {
      value = JSON.parse(buf.toString('utf8', start, end));
    } catch (e) {
      ++records;
      return;
    }
    check(value);
  };
  const t0 = now();
  for (let n; (n = fs.readSync(fd, chunk, 0, chunk.length, null)) > 0;) {
    bytes += n;
    let buf = chunk.subarray(0, n);
    if (carry) {
      buf = Buffer.concat([carry, buf]);
      carry = null;
    }
    let start = 0;
    for (let nl; (nl = buf.indexOf(10, start)) >= 0; start = nl + 1) line(buf, start, nl);
    if (start < buf.length) carry = Buffer.from(buf.subarray(start));
  }
  if (carry) line(carry, 0, carry.length);
  done(now() - t0, records, bytes);
}

const o = options();
await { single, pool, ajv }[o.mode](o);
