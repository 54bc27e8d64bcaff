// The browser form's figures (scripts/figures.sh runs this after building):
//   node scripts/figures.mjs [--runs N] [--site DIR]
// 1. download size, raw and gzip (level 6, what servers typically use), of what ftblock's page
//    requests, against the budget (700 KB = 700,000 bytes gzip, fonts included); and of the
//    validator alone and the embedding scripts;
// 2. in Debian's Chromium (headless, fresh profile each run, SwiftShader WebGL2): the time from
//    navigation to the first frame drawn (User Timing marks of ftblock-embed.js), at
//    devicePixelRatio 1 and 2 (the atlas is 4x larger at 2);
// 3. frames drawn in 3 s of idle, counted from 1 s after the first frame (target: 0).
// Exits 1 if the download is over budget or an idle form draws.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

import { serveSite, launchBrowser, openForm, siteDir as defaultSite, sleep } from '../tests/e2e/harness.mjs';

const BUDGET_GZIP = 700_000;
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const runs = Number(opt('--runs', 3));
const site = path.resolve(opt('--site', defaultSite));

const kb = (n) => (n / 1000).toFixed(1).padStart(8) + ' KB';
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];


// --- 1. sizes ---
// What ftblock's page downloads is what it requests (measured in Chromium, not assumed); the
// validator alone is the three files a page loads for ftblock.validate() (docs/validator.md).
const gzipSize = (name) => zlib.gzipSync(fs.readFileSync(path.join(site, name)), { level: 6 }).length;
const rawSize = (name) => fs.statSync(path.join(site, name)).size;
const server = await serveSite(site);
const requested = new Set();
{
  const browser = await launchBrowser();
  try {
    browser.page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.origin === new URL(server.url).origin) requested.add(decodeURIComponent(u.pathname.slice(1)) || 'index.html');
    });
    await openForm(browser.page, server.url);
  } finally {
    await browser.close();
  }
}
function table(title, names, budget) {
  console.log(title);
  console.log(`  ${'file'.padEnd(30)} ${'raw'.padStart(11)} ${'gzip'.padStart(11)}`);
  let raw = 0, gz = 0;
  for (const name of [...names].sort()) {
    if (!fs.existsSync(path.join(site, name))) continue;
    raw += rawSize(name);
    gz += gzipSize(name);
    console.log(`  ${name.padEnd(30)} ${kb(rawSize(name))} ${kb(gzipSize(name))}`);
  }
  console.log(`  ${'total'.padEnd(30)} ${kb(raw)} ${kb(gz)}` +
              (budget ? `   budget ${kb(budget).trim()} gzip: ${gz <= budget ? 'within' : 'OVER'}` : ''));
  return gz;
}
console.log(`Site: ${site}`);
const formGzip = table('ftblock\'s page (index.html): every file it requested', requested, BUDGET_GZIP);
table('The validator alone (ftblock.validate): loaded on first use, no form', [
  'ftblock-validator-core.wasm', 'ftblock-validator-core.js', 'ftblock-validator.js']);
table('Embedding scripts', ['ftblock-embed.js', 'ftblock-embed.mjs', 'embed.html', 'ftblock-frame-page.js']);

// --- 2, 3. timing and idle ---
let idleFailures = 0;
try {
  for (const dpr of [1, 2]) {
    const firstFrame = [], wasm = [], fonts = [], idle = [];
    for (let run = 0; run < runs; run++) {
      const browser = await launchBrowser({ deviceScaleFactor: dpr });
      try {
        const { page } = browser;
        const errors = await openForm(page, server.url);
        if (errors.length) console.log(`  page errors: ${errors.join('; ')}`);
        const marks = await page.evaluate(() => Object.fromEntries(
          ['ftblock:wasm-ready', 'ftblock:fonts-loaded', 'ftblock:first-frame'].map((n) =>
            [n, performance.getEntriesByName(n)[0]?.startTime ?? NaN])));
        firstFrame.push(marks['ftblock:first-frame']);
        wasm.push(marks['ftblock:wasm-ready']);
        fonts.push(marks['ftblock:fonts-loaded']);
        await sleep(1000);
        const before = await page.evaluate(() => window.ftblockPage.framesRendered());
        await sleep(3000);
        idle.push((await page.evaluate(() => window.ftblockPage.framesRendered())) - before);
      } finally {
        await browser.close();
      }
    }
    const ms = (xs) => `${median(xs).toFixed(0)} ms (runs: ${xs.map((x) => x.toFixed(0)).join(', ')})`;
    console.log(`\nChromium headless, devicePixelRatio ${dpr}, ${runs} runs, from navigation start:`);
    console.log(`  module ready         ${ms(wasm)}`);
    console.log(`  fonts loaded         ${ms(fonts)}`);
    console.log(`  first frame          ${ms(firstFrame)}`);
    console.log(`  idle frames in 3 s   ${idle.join(', ')} (after the first second; target 0)`);
    idleFailures += idle.filter((n) => n !== 0).length;
  }
} finally {
  await server.close();
}

if (formGzip > BUDGET_GZIP || idleFailures) process.exit(1);
