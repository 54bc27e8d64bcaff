// Shared pieces of ftblock's browser tests and figures: the built site served on a free
// 127.0.0.1 port, and Debian's Chromium (headless, a fresh profile) driven by playwright-core.
//   FTBLOCK_SITE_DIR       the site (default: build/wasm/web/site)
//   FTBLOCK_ARTIFACTS_DIR  screenshots and logs (default: build/e2e)
//   FTBLOCK_CHROMIUM       the browser (default: /usr/bin/chromium)
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../..');
export const siteDir = path.resolve(process.env.FTBLOCK_SITE_DIR || path.join(repoRoot, 'build/wasm/web/site'));
export const artifactsDir = path.resolve(process.env.FTBLOCK_ARTIFACTS_DIR || path.join(repoRoot, 'build/e2e'));
export const chromiumPath = process.env.FTBLOCK_CHROMIUM || '/usr/bin/chromium';

const { chromium } = createRequire(path.join(here, 'package.json'))('playwright-core');

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

// Serves `dir` as static files on 127.0.0.1 (a free port). Options:
//   headers     added to every response (e.g. a Content-Security-Policy)
//   headersFor  (pathname) => extra headers for one response (e.g. a CSP on one page only)
//   mounts      { '/prefix/': directory } more trees served under a path (test fixture pages)
//   port        a fixed port (default: a free one)
// Returns { url, origin, port, close() }.
export async function serveSite(dir = siteDir, { headers = {}, headersFor = () => ({}), mounts = {}, port: wanted = 0 } = {}) {
  if (!fs.existsSync(path.join(dir, 'index.html')))
    throw new Error(`no site in ${dir}: build the wasm preset first (cmake --build --preset wasm)`);
  const server = http.createServer((req, res) => {
    let url;
    try {
      url = new URL(req.url, 'http://localhost');
    } catch (err) {  // e.g. "//": a bad request, not a crash of the test's server
      res.writeHead(400).end('bad request');
      return;
    }
    // The browser asks for /favicon.ico on documents that name no icon (a test that opens a
    // stylesheet as a page to reach the origin): nothing, not a 404 in the console.
    if (url.pathname === '/favicon.ico') { res.writeHead(204).end(); return; }
    let root = dir;
    let rel = decodeURIComponent(url.pathname);
    for (const [prefix, mounted] of Object.entries(mounts)) {
      if (rel.startsWith(prefix)) { root = path.resolve(mounted); rel = '/' + rel.slice(prefix.length); break; }
    }
    let file = path.normalize(path.join(root, rel));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    if (url.pathname.endsWith('/')) file = path.join(file, 'index.html');
    const extra = { ...headers, ...headersFor(url.pathname) };
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404, extra).end('not found'); return; }
      res.writeHead(200, { 'Content-Type': MIME[path.extname(file)] || 'application/octet-stream',
                           'Cache-Control': 'no-store', ...extra });
      res.end(data);
    });
  });
  await new Promise((resolve) => server.listen(wanted, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    origin: `http://127.0.0.1:${port}`,
    port,
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); }),
  };
}

// Debian's Chromium, headless, with a throw-away profile. Returns { context, page, close() }.
// contextOptions go to launchPersistentContext (e.g. deviceScaleFactor, locale, viewport).
export async function launchBrowser(contextOptions = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ftblock-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 800 },
    ...contextOptions,
  });
  const page = context.pages()[0] || await context.newPage();
  return {
    context,
    page,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

// Opens the form and waits until window.ftblockPage.ready resolved (its first frame is drawn).
// Collects the page's errors and console errors into the returned array.
export async function openForm(page, url) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  await page.goto(url);
  await page.waitForFunction(() => window.ftblockPage && window.ftblockPage.ready);
  await page.evaluate(() => window.ftblockPage.ready);
  return errors;
}

export function artifact(name) {
  fs.mkdirSync(artifactsDir, { recursive: true });
  return path.join(artifactsDir, name);
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
