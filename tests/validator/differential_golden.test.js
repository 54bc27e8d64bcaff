// The validator's verdicts are the CLI's: every golden CLI case that runs `check` goes through the
// native `ftblock check` and through the WebAssembly batch, in both report formats, and the
// reports must be identical (JSON compared field by field, text byte for byte), exit codes too.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test } = require('node:test');
const h = require('./helpers');

// `ftblock check` arguments → what the validator takes, or why a case cannot be translated.
function translate(args) {
  if (args[0] !== 'check') return { skip: `runs "${args[0]}", not check` };
  const o = { lang: null, inputFormat: null, previous: [], today: null, files: [] };
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    if (a === '--format') i++;  // both report formats are run anyway
    else if (a === '--lang') o.lang = args[++i];
    else if (a === '--input-format') o.inputFormat = args[++i];
    else if (a === '--previous') o.previous.push(args[++i]);
    else if (a === '--today') o.today = args[++i];
    else if (a === '--playbook') return { skip: '--playbook: the validator has the built-in playbook only' };
    else if (a.startsWith('--')) return { skip: `option ${a} is not the validator's` };
    else o.files.push(a);
  }
  if (o.files.length === 0) return { skip: 'no FILE: usage error of the CLI' };
  return o;
}

function cliArgs(args, report) {
  const out = ['check', '--format', report];
  for (let i = 1; i < args.length; i++) {
    if (args[i] === '--format') i++;
    else out.push(args[i]);
  }
  return out;
}

// The case through the validator: throws where the CLI refuses before checking anything.
function runWasm(validator, dir, o, envLang, report, chunk) {
  const lang = o.lang || (/^zh/i.test(envLang) ? 'zh-CN' : 'en');
  const previous = o.previous.map((f) => new Uint8Array(fs.readFileSync(path.join(dir, f))));
  const batch = validator.batch({ lang, today: o.today, previous, report });
  let text = '';
  for (const name of o.files) {
    const file = name === '-' ? path.join(dir, 'stdin') : path.join(dir, name);
    text += batch.begin(name, { format: o.inputFormat || 'auto' });
    if (!fs.existsSync(file)) {
      text += batch.fail('No such file or directory');  // strerror(ENOENT), as the CLI says it
      continue;
    }
    text += h.pushInChunks(batch, new Uint8Array(fs.readFileSync(file)), chunk);
    text += batch.end();
  }
  const r = batch.finish();
  return { report: text + r.report, exitCode: r.exitCode, summary: r.summary };
}

test('every golden check case gives the CLI\'s reports through the WebAssembly batch', async (t) => {
  const validator = await h.loadValidator();
  h.nativeTool('cli/ftblock');
  const cases = fs.readdirSync(h.GOLDEN_DIR).filter((n) => fs.existsSync(path.join(h.GOLDEN_DIR, n, 'args'))).sort();
  let compared = 0, refused = 0;
  const skipped = [];
  for (const name of cases) {
    const dir = path.join(h.GOLDEN_DIR, name);
    const args = fs.readFileSync(path.join(dir, 'args'), 'utf8').split('\n').filter((l) => l !== '');
    const o = translate(args);
    if (o.skip) {
      skipped.push(`${name} (${o.skip})`);
      continue;
    }
    const envLang = fs.existsSync(path.join(dir, 'env_lang')) ? fs.readFileSync(path.join(dir, 'env_lang'), 'utf8').trim() : 'C';
    const input = fs.existsSync(path.join(dir, 'stdin')) ? fs.readFileSync(path.join(dir, 'stdin')) : undefined;
    for (const report of ['json', 'text']) {
      const label = `${name} --format ${report}`;
      const native = h.runCli(cliArgs(args, report), { cwd: dir, lang: envLang, input });
      if (native.code === 2 && native.stdout === '') {  // refused before checking: bad usage
        assert.throws(() => runWasm(validator, dir, o, envLang, report, 7), /ftblock: /, `${label}: the CLI refused it (exit 2), the validator must throw`);
        refused++;
        continue;
      }
      for (const chunk of [7, 1 << 20]) {
        const wasm = runWasm(validator, dir, o, envLang, report, chunk);
        const where = `${label} (chunks of ${chunk})`;
        if (report === 'json') h.compareJsonReports(native.stdout, wasm.report, where);
        h.compareTextReports(native.stdout, wasm.report, where);
        assert.equal(wasm.exitCode, native.code, `${where}: exit code`);
      }
      compared++;
    }
  }
  t.diagnostic(`compared ${compared} case×format runs, ${refused} refused by both; not translatable: ${skipped.join('; ')}`);
  assert.ok(compared >= 50, `only ${compared} comparisons: the golden cases were not found or not translated`);
  assert.ok(refused >= 2, 'the refusals (bad --today, unreadable --previous) were not exercised');
});
