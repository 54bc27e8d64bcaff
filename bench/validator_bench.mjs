#!/usr/bin/env node
// The validator alone (docs/validator.md) on the benchmark's JSON Lines file, in node:
//
//   node bench/validator_bench.mjs [FILE.jsonl] [--site DIR] [--runs 3] [--report json|text|both]
//                                  [--chunk BYTES]
//
// Reads FILE in 1 MiB chunks (one reused buffer, as bench/ajv/ajv_bench.js does) and feeds them
// to ftblockValidator's batch() (`ftblock check --format json --today 2026-11-24 FILE`: the same
// report, drained as it is produced); prints records/s and MB/s of the best run, the peak RSS of
// the process and the gzip sizes (level 6) of the three files a page downloads.
// FILE defaults to the 1 M-record file of bench/run.sh ($FTBLOCK_BENCH_DIR or /tmp/ftblock-bench),
// made with the native generator ($FTBLOCK_NATIVE_BUILD or build/native) when missing.
// DIR defaults to $FTBLOCK_SITE_DIR, else ${FTBLOCK_WASM_BUILD:-build/wasm}/web/site.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const usage = 'usage: node bench/validator_bench.mjs [FILE.jsonl] [--site DIR] [--runs 3] ' +
              '[--report json|text|both] [--chunk BYTES]';

function options() {
  const o = { file: null, site: null, runs: 3, report: 'json', chunk: 1 << 20 };
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; ++i) {
    const a = args[i];
    if (a === '--site') o.site = args[++i];
    else if (a === '--runs') o.runs = Math.max(1, parseInt(args[++i], 10));
    else if (a === '--report') o.report = args[++i];
    else if (a === '--chunk') o.chunk = Math.max(1, parseInt(args[++i], 10));
    else if (a === '--help' || a === '-h') { console.log(usage); process.exit(0); }
    else if (!a.startsWith('--') && !o.file) o.file = a;
    else { console.error(usage); process.exit(2); }
  }
  if (!['json', 'text', 'both'].includes(o.report)) { console.error(usage); process.exit(2); }
  o.site ??= process.env.FTBLOCK_SITE_DIR ||
             path.join(path.resolve(root, process.env.FTBLOCK_WASM_BUILD || 'build/wasm'), 'web', 'site');
  if (!o.file) {
    const dir = process.env.FTBLOCK_BENCH_DIR || '/tmp/ftblock-bench';
    o.file = path.join(dir, 'records-v1-1000000-s1.jsonl');
    if (!fs.existsSync(o.file)) {
      const gen = path.join(path.resolve(root, process.env.FTBLOCK_NATIVE_BUILD || 'build/native'), 'bench', 'ftblock_bench');
      if (!fs.existsSync(gen)) {
        console.error(`validator_bench: ${o.file} is missing and so is ${gen} to make it: build the native preset first`);
        process.exit(2);
      }
      o.file = execFileSync(gen, ['file', '1000000', 'jsonl', '--seed', '1', '--dir', dir], { encoding: 'utf8' }).trim();
    }
  }
  return o;
}

// One pass: the file through one batch; returns the time, the summary and the report's size.
function pass(validator, file, report, chunkSize) {
  const fd = fs.openSync(file, 'r');
  const chunk = Buffer.allocUnsafe(chunkSize);
  let bytes = 0, reportChars = 0;
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const batch = validator.batch({ report, today: '2026-11-24' });
  reportChars += batch.begin(path.basename(file)).length;
  for (;;) {
    const n = fs.readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    bytes += n;
    reportChars += batch.push(chunk.subarray(0, n)).length;  // drained: the text is dropped here
  }
  const r = batch.finish();
  reportChars += r.report.length;
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  fs.closeSync(fd);
  return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, bytes, reportChars, summary: r.summary, exitCode: r.exitCode };
}

function gzipSize(file) {
  return zlib.gzipSync(fs.readFileSync(file), { level: 6 }).length;
}

async function main() {
  const o = options();
  o.site = path.resolve(o.site);
  const wrapper = path.join(o.site, 'ftblock-validator.js');
  if (!fs.existsSync(wrapper)) {
    console.error(`validator_bench: ${wrapper} is missing: build the wasm preset first ` +
                  '(cmake --build --preset wasm --target ftblock_validator)');
    process.exit(2);
  }
  const { load } = createRequire(import.meta.url)(wrapper);
  // FTBLOCK_SIMD=scalar: the module without WebAssembly SIMD128 (the loader's choice otherwise).
  const validator = await load(process.env.FTBLOCK_SIMD === 'scalar' ? { simd: false } : undefined);
  console.log(`ftblock validator (WebAssembly${validator.simd ? ' SIMD128' : ', scalar'}), node ${process.version}; site: ${o.site}`);
  console.log(`file: ${path.resolve(o.file)}, chunks of ${o.chunk} bytes, best of ${o.runs} runs`);
  console.log('report     records   file MB   best s   records/s     MB/s    valid  invalid   report MB   CPU s');
  for (const report of o.report === 'both' ? ['json', 'text'] : [o.report]) {
    let best = null;
    for (let r = 0; r < o.runs; ++r) {
      const result = pass(validator, o.file, report, o.chunk);
      if (!best || result.seconds < best.seconds) best = result;
    }
    const s = best.summary, mb = best.bytes / 1e6;
    console.log(`${report.padEnd(6)} ${String(s.records).padStart(11)} ${mb.toFixed(1).padStart(9)} ` +
                `${best.seconds.toFixed(3).padStart(8)} ${Math.round(s.records / best.seconds).toString().padStart(11)} ` +
                `${(mb / best.seconds).toFixed(1).padStart(8)} ${String(s.valid).padStart(8)} ` +
                `${String(s.invalid).padStart(8)} ${(best.reportChars / 1e6).toFixed(1).padStart(11)} ` +
                `${best.cpuSeconds.toFixed(3).padStart(7)}`);
  }
  console.log(`peak RSS (node, whole process): ${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MiB`);
  const files = ['ftblock-validator-core.wasm', 'ftblock-validator-core.js', 'ftblock-validator.js'];
  let total = 0;
  const parts = files.map((f) => {
    const raw = fs.statSync(path.join(o.site, f)).size, gz = gzipSize(path.join(o.site, f));
    total += gz;
    return `${f} ${(gz / 1024).toFixed(1)} KiB (raw ${(raw / 1024).toFixed(1)} KiB)`;
  });
  console.log(`download, gzip -6: ${parts.join(', ')}; total ${(total / 1024).toFixed(1)} KiB`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
