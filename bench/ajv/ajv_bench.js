#!/usr/bin/env node
// The comparison figure for ftblock_bench: "ajv 8 (JSON.parse + compiled JSON Schema, node)".
//
//   node ajv_bench.js FILE.jsonl [SCHEMA.json] [--runs 3] [--mode all|first|both]
//
// Reads the JSON Lines file in 1 MiB chunks, splits lines on the bytes, JSON.parse()s each line
// and validates it with an ajv-compiled schema; prints records/s and MB/s of the best run.
// SCHEMA.json is what `ftblock schema` prints; without it a built-in schema equivalent to the
// record rules of docs/record-format.md is used. --mode: `all` (allErrors, every problem — the job ftblock
// does), `first` (stop at the first error per record) or `both` (default).
//
// What JSON.parse + JSON Schema cannot do, and so is not measured here: a repeated key
// (JSON.parse keeps the last value), line numbers, messages in the playbook's words.
'use strict';

const fs = require('fs');
const path = require('path');

const WS = '\\t\\n\\u000B\\f\\r \\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000';
// A real calendar date, years 0001-9999 (leap years included).
const DATE = '^(?!0000)(?:\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|' +
             '(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2[0-8]))|' +
             '(?:\\d{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)$';
const NO_CONTROL = '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]*$';

function builtinSchema() {
  const empty = { anyOf: [{ type: 'null' }, { type: 'string', pattern: `^[${WS}]*$` }] };
  const filled = { type: 'string', pattern: `[^${WS}]` };  // required: not absent/null/blank
  const date = { type: 'string', pattern: DATE };
  const dateOrEmpty = { anyOf: [empty, date] };
  const text = (max) => ({ type: ['string', 'null'], maxLength: max, pattern: NO_CONTROL });
  const stringOrNull = { type: ['string', 'null'] };
  const scenarioIs = (s) => ({ properties: { scenario: { const: s } }, required: ['scenario'] });
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'ftblock record (benchmark copy of docs/record-format.md)',
    type: 'object',
    additionalProperties: false,
    required: ['customer', 'workload', 'scenario', 'l1', 'l2', 'service_state',
               'engagement_scenario', 'notes'],
    properties: {
      id: text(64),
      customer: { allOf: [text(200), filled] },
      workload: { enum: ['exchange_online', 'sharepoint_online', 'onedrive', 'teams',
                         'microsoft_365_apps', 'intune', 'azure_ad', 'windows', 'yammer',
                         'power_bi', 'skype_for_business', 'defender', 'project_online', 'visio',
                         'viva'] },
      scenario: { enum: ['assignment', 'delivery'] },
      updated_by: stringOrNull,
      l1: { const: 'blocked' },
      l2: { enum: ['customer_it_infrastructure', 'it_change_management_resourcing',
                   'adoption_readiness', 'product_feature_capability', 'app_compatibility',
                   'partner_engagement', 'billing_licensing_subscription',
                   'service_reliability'] },
      l3: empty,
      service_state: { const: 'not_applicable' },
      engagement_scenario: { enum: ['ftc_ftp_led', 'ftc_css_led', 'ftc_cxp_led',
                                    'cxp_led_css_assist', 'non_fasttrack_partner_led',
                                    'customer_led_ftp_assist'] },
      target_date: stringOrNull,
      owner: stringOrNull,
      notes: { allOf: [text(4000), filled] },
      next_action_date: stringOrNull,
      next_action: text(500),
      updated_at: dateOrEmpty,
    },
    allOf: [
      { if: scenarioIs('assignment'),
        then: { required: ['updated_by', 'owner', 'next_action_date', 'next_action'],
                properties: { updated_by: { const: 'assignment_fm' }, target_date: empty,
                              owner: { const: 'delivery_fm' }, next_action_date: date,
                              next_action: { const: 'kickoff_meeting' } } } },
      { if: scenarioIs('delivery'),
        then: { required: ['updated_by', 'target_date', 'owner', 'next_action'],
                properties: { updated_by: { const: 'delivery_fm' }, target_date: date,
                              owner: { const: 'account_team' }, next_action_date: dateOrEmpty,
                              next_action: filled } } },
    ],
  };
}

function makeAjv(schema, allErrors) {
  const draft2020 = String(schema.$schema || '').includes('2020-12');
  const Ajv = draft2020 ? require('ajv/dist/2020') : require('ajv');
  const ajv = new Ajv({ allErrors, strict: false });
  try {
    require('ajv-formats')(ajv);  // optional: only used if the schema has "format"
  } catch (e) { /* not installed: unknown formats are ignored (strict: false) */ }
  return ajv.compile(schema);
}

// One pass over the file; returns counts and the time taken.
function pass(file, validate) {
  const fd = fs.openSync(file, 'r');
  const chunk = Buffer.allocUnsafe(1 << 20);
  const counts = { records: 0, valid: 0, invalid: 0, parseErrors: 0, errors: 0, bytes: 0 };
  let carry = null;
  let first = true;

  const line = (buf, start, end) => {
    if (first) {  // a UTF-8 byte-order mark at the start is ignored
      first = false;
      if (end - start >= 3 && buf[start] === 0xEF && buf[start + 1] === 0xBB && buf[start + 2] === 0xBF) start += 3;
    }
    if (end > start && buf[end - 1] === 13) --end;
    let blank = true;
    for (let i = start; i < end; ++i) {
      const c = buf[i];
      if (c !== 32 && c !== 9) { blank = false; break; }
    }
    if (blank) return;
    ++counts.records;
    let value;
    try {
      value = JSON.parse(buf.toString('utf8', start, end));
    } catch (e) {
      ++counts.parseErrors;
      ++counts.invalid;
      ++counts.errors;
      return;
    }
    if (validate(value)) {
      ++counts.valid;
    } else {
      ++counts.invalid;
      counts.errors += validate.errors.length;
    }
  };

  const t0 = process.hrtime.bigint();
  for (;;) {
    const n = fs.readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    counts.bytes += n;
    let buf = chunk.subarray(0, n);
    if (carry) {
      buf = Buffer.concat([carry, buf]);
      carry = null;
    }
    let start = 0;
    for (;;) {
      const nl = buf.indexOf(10, start);
      if (nl < 0) break;
      line(buf, start, nl);
      start = nl + 1;
    }
    if (start < buf.length) carry = Buffer.from(buf.subarray(start));  // chunk is reused
  }
  if (carry) line(carry, 0, carry.length);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  fs.closeSync(fd);
  return { seconds, counts };
}

function main() {
  const args = process.argv.slice(2);
  let runs = 3;
  let mode = 'both';
  const files = [];
  for (let i = 0; i < args.length; ++i) {
    if (args[i] === '--runs') runs = Math.max(1, parseInt(args[++i], 10));
    else if (args[i] === '--mode') mode = args[++i];
    else files.push(args[i]);
  }
  if (files.length < 1 || files.length > 2 || !['all', 'first', 'both'].includes(mode)) {
    console.error('usage: node ajv_bench.js FILE.jsonl [SCHEMA.json] [--runs 3] [--mode all|first|both]');
    process.exit(2);
  }
  const [file, schemaFile] = files;
  const schema = schemaFile ? JSON.parse(fs.readFileSync(schemaFile, 'utf8')) : builtinSchema();
  const ajvVersion = require('ajv/package.json').version;
  console.log(`ajv ${ajvVersion}, node ${process.version}; schema: ` +
              (schemaFile ? path.resolve(schemaFile) : 'built-in (docs/record-format.md)'));
  console.log(`file: ${path.resolve(file)}, best of ${runs} runs`);
  console.log('mode          records   file MB   best s   records/s     MB/s   valid   invalid   errors');
  const modes = mode === 'both' ? ['all', 'first'] : [mode];
  for (const m of modes) {
    const validate = makeAjv(schema, m === 'all');
    let best = null;
    for (let r = 0; r < runs; ++r) {
      const result = pass(file, validate);
      if (!best || result.seconds < best.seconds) best = result;
    }
    const c = best.counts;
    const mb = c.bytes / 1e6;
    const label = m === 'all' ? 'allErrors' : 'firstError';
    console.log(`${label.padEnd(10)} ${String(c.records).padStart(10)} ${mb.toFixed(1).padStart(9)} ` +
                `${best.seconds.toFixed(3).padStart(8)} ${Math.round(c.records / best.seconds).toString().padStart(11)} ` +
                `${(mb / best.seconds).toFixed(1).padStart(8)} ${String(c.valid).padStart(7)} ` +
                `${String(c.invalid).padStart(9)} ${String(c.errors).padStart(8)}`);
  }
  console.log(`peak RSS (node, whole process): ${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MiB`);
}

main();
