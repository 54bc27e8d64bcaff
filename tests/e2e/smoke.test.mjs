// The browser form's smoke test: the built site, served on 127.0.0.1, in Debian's Chromium.
// It loads and draws, takes Chinese through the input method, stays idle when nothing happens,
// and hears no key typed elsewhere on the page. Run: node --test (in tests/e2e), or CTest's
// web_e2e under the wasm preset. Screenshots go to build/e2e/ (FTBLOCK_ARTIFACTS_DIR).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { serveSite, launchBrowser, openForm, artifact, sleep } from './harness.mjs';

let site;
before(async () => { site = await serveSite(); });
after(async () => { await site?.close(); });

// Clicks the middle of a widget the form reports in ftblock.itemRects().
async function clickItem(page, name) {
  const rect = (await page.evaluate(() => window.ftblockPage.itemRects()))[name];
  assert.ok(rect, `the form reports no widget "${name}"`);
  await page.mouse.click(rect.x + rect.width / 2, rect.y + rect.height / 2);
}

// Waits until the form's current record satisfies `predicate` (frames are asynchronous).
async function waitForRecord(page, predicate, what) {
  for (let i = 0; i < 50; i++) {
    const record = await page.evaluate(() => window.ftblockPage.getCurrentRecord());
    if (predicate(record)) return record;
    await sleep(20);
  }
  assert.fail(`the record never got ${what}: ${JSON.stringify(await page.evaluate(() => window.ftblockPage.getCurrentRecord()))}`);
}

test('the form loads, draws, and takes Chinese typed through the input method, crisp at 2x', async () => {
  const browser = await launchBrowser({ deviceScaleFactor: 2, locale: 'zh-CN' });
  try {
    const { page } = browser;
    const errors = await openForm(page, site.url);
    assert.ok(await page.evaluate(() => window.ftblockPage.framesRendered()) >= 1, 'no frame was drawn');
    assert.equal(await page.evaluate(() => window.ftblockPage.getLanguage()), 'zh-CN', 'default language is the browser\'s');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
    const canvas = await page.evaluate(() => {
      const c = document.querySelector('#ftblock-form canvas');
      return { width: c.width, height: c.height, cssWidth: c.clientWidth, cssHeight: c.clientHeight };
    });
    assert.equal(canvas.width, canvas.cssWidth * 2, 'backing store = CSS size × devicePixelRatio');
    assert.equal(canvas.height, canvas.cssHeight * 2);

    await clickItem(page, 'field_customer');
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('data-ftblock-id')), 'field_customer',
                 'a click into a text field focuses its control in the semantic mirror');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.imeSetComposition', { text: 'shou zu', selectionStart: 7, selectionEnd: 7 });
    await cdp.send('Input.insertText', { text: '受阻客户' });
    await page.keyboard.type('AB');
    await page.keyboard.press('Backspace');
    const record = await waitForRecord(page, (r) => r && r.customer === '受阻客户A', 'customer 受阻客户A');
    assert.equal(record.customer, '受阻客户A');

    await page.screenshot({ path: artifact('smoke-zh-2x.png') });
    assert.deepEqual(errors.filter((e) => !/favicon/.test(e)), [], 'no page or console errors');
  } finally {
    await browser.close();
  }
});

test('setLanguage switches the form and the page between English and Chinese', async () => {
  const browser = await launchBrowser({ locale: 'en-US' });
  try {
    const { page } = browser;
    await openForm(page, site.url);
    assert.equal(await page.evaluate(() => window.ftblockPage.getLanguage()), 'en');
    await page.evaluate(() => window.ftblockPage.setLanguage('zh-CN'));
    assert.equal(await page.evaluate(() => window.ftblockPage.getLanguage()), 'zh-CN');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
    const bad = await page.evaluate(() => { try { window.ftblockPage.setLanguage('fr'); return 'accepted'; } catch (e) { return e.message; } });
    assert.match(bad, /unknown language fr/);
    assert.equal(await page.evaluate(() => window.ftblockPage.getLanguage()), 'zh-CN');
    await sleep(100);
    await page.screenshot({ path: artifact('smoke-zh-1x.png') });
  } finally {
    await browser.close();
  }
});

test('an idle form draws no frames', async () => {
  const browser = await launchBrowser();
  try {
    const { page } = browser;
    await openForm(page, site.url);
    await sleep(1000);  // the frames that settle the first layout
    const before = await page.evaluate(() => window.ftblockPage.framesRendered());
    await sleep(1500);
    const idle = (await page.evaluate(() => window.ftblockPage.framesRendered())) - before;
    assert.equal(idle, 0, `${idle} frames drawn while idle`);
    await page.mouse.move(300, 300);
    await sleep(200);
    assert.ok(await page.evaluate(() => window.ftblockPage.framesRendered()) > before, 'input wakes the form');
  } finally {
    await browser.close();
  }
});

test('keys typed elsewhere on the page do not reach the form', async () => {
  const browser = await launchBrowser();
  try {
    const { page } = browser;
    await openForm(page, site.url);
    await clickItem(page, 'field_customer');
    await page.keyboard.type('form');
    await waitForRecord(page, (r) => r && r.customer === 'form', 'customer "form"');
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.id = 'elsewhere';
      document.querySelector('header').appendChild(input);
    });
    await page.click('#elsewhere');
    await page.keyboard.type('page');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Tab');
    await sleep(200);
    assert.equal(await page.evaluate(() => document.getElementById('elsewhere').value), 'pag');
    assert.equal((await page.evaluate(() => window.ftblockPage.getCurrentRecord())).customer, 'form');
  } finally {
    await browser.close();
  }
});

test('under a strict Content-Security-Policy the form runs; one forbidding WebAssembly gets a message', async () => {
  const strict = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; object-src 'none'; base-uri 'none'";
  const noWasm = "default-src 'self'; script-src 'self'; style-src 'self'";
  for (const [csp, runs] of [[strict, true], [noWasm, false]]) {
    const server = await serveSite(undefined, { headers: { 'Content-Security-Policy': csp } });
    const browser = await launchBrowser();
    try {
      const { page } = browser;
      const violations = [];
      page.on('console', (m) => { if (/Content Security Policy/i.test(m.text()) && !/WebAssembly/.test(m.text())) violations.push(m.text()); });
      await page.goto(server.url);
      const outcome = await page.evaluate(() => window.ftblockPage.ready.then(() => 'ready', (e) => `rejected: ${e.message}`));
      const text = await page.evaluate(() => document.getElementById('ftblock-form').innerText);
      if (runs) {
        assert.equal(outcome, 'ready', csp);
        assert.deepEqual(violations, [], 'nothing on the page breaks the policy (no inline script or style)');
      } else {
        assert.match(outcome, /^rejected: .*(CompileError|WebAssembly|unsafe-eval)/);
        assert.match(text, /The form could not start/);
        assert.match(text, /表单无法启动/);
        assert.equal(await page.evaluate(() => document.querySelector('#ftblock-form canvas')), null, 'no blank canvas');
        await page.screenshot({ path: artifact('smoke-csp-no-wasm.png') });
      }
    } finally {
      await browser.close();
      await server.close();
    }
  }
});

// The browser may take the WebGL context away (GPU reset, too many contexts on a page): the form
// stops drawing, keeps its data, and draws again with new GL objects when the context returns.
test('a lost WebGL context comes back: the form draws again and keeps what was typed', async () => {
  const browser = await launchBrowser({ locale: 'en-US' });
  try {
    const { page } = browser;
    const errors = await openForm(page, site.url);
    await clickItem(page, 'field_customer');
    await page.keyboard.type('Contoso');
    await waitForRecord(page, (r) => r && r.customer === 'Contoso', 'customer Contoso');
    const lost = await page.evaluate(() => new Promise((resolve) => {
      const canvas = document.querySelector('#ftblock-form canvas');
      const ext = canvas.getContext('webgl2').getExtension('WEBGL_lose_context');
      window.loseContext = ext;
      canvas.addEventListener('webglcontextlost', () => resolve(true), { once: true });
      ext.loseContext();
    }));
    assert.equal(lost, true);
    await page.keyboard.type(' Ltd');  // typed while there is no context: kept, drawn later
    const restored = await page.evaluate(() => new Promise((resolve) => {
      const canvas = document.querySelector('#ftblock-form canvas');
      canvas.addEventListener('webglcontextrestored', () => resolve(true), { once: true });
      window.loseContext.restoreContext();
    }));
    assert.equal(restored, true);
    const before = await page.evaluate(() => window.ftblockPage.framesRendered());
    await page.keyboard.type('.');
    await waitForRecord(page, (r) => r && r.customer === 'Contoso Ltd.', 'customer Contoso Ltd.');
    await sleep(200);
    assert.ok(await page.evaluate(() => window.ftblockPage.framesRendered()) > before, 'frames are drawn again');
    // the canvas shows the form again, not a cleared surface: a plain colour compresses to a few
    // KB of PNG, the drawn form (text, fields) to tens of KB
    const shot = await page.locator('#ftblock-form canvas').screenshot({ path: artifact('smoke-context-restored.png') });
    assert.ok(shot.length > 20000, `the canvas looks empty after the restore (${shot.length} bytes of PNG)`);
    assert.deepEqual(errors.filter((e) => !/favicon/.test(e)), [], 'no page or console errors');
  } finally {
    await browser.close();
  }
});

// On a touch screen a tap is a click (the browser's synthesised mouse events) and a finger
// dragged over the form scrolls the form — not the page, which the canvas fills.
test('touch: a tap presses a button and focuses a field, a drag scrolls the form', async () => {
  const browser = await launchBrowser({ locale: 'en-US', hasTouch: true, viewport: { width: 1280, height: 800 } });
  try {
    const { page } = browser;
    const errors = await openForm(page, site.url);
    const rects = () => page.evaluate(() => window.ftblockPage.itemRects());
    const centre = (r) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 });
    let c = centre((await rects()).new_delivery);
    await page.touchscreen.tap(c.x, c.y);
    await waitForRecord(page, (r) => r && r.scenario === 'delivery', 'a new delivery draft');
    assert.equal((await page.evaluate(() => window.ftblockPage.getDrafts())).length, 2);

    const before = (await rects()).field_customer.y;
    const pane = (await rects()).form_pane;
    const x = pane.x + pane.width / 2;
    const cdp = await page.context().newCDPSession(page);
    const touch = (type, y) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
    await touch('touchStart', pane.y + pane.height - 40);
    for (let step = 1; step <= 10; step++) await touch('touchMove', pane.y + pane.height - 40 - step * 30);
    await touch('touchEnd');
    let after = before;
    for (let i = 0; i < 50 && after === before; i++) {
      await sleep(40);
      after = (await rects()).field_customer.y;
    }
    assert.ok(after < before - 100, `the form scrolled with the finger (field_customer at ${before} → ${after})`);
    assert.equal(await page.evaluate(() => document.scrollingElement.scrollTop), 0, 'the page itself did not move');

    // More drags until the next action is in the pane (touch screens get 44 px targets, so
    // the form is longer).
    for (let i = 0; i < 6; i++) {
      const r = (await rects()).field_next_action;
      if (r.y + r.height <= pane.y + pane.height) break;
      await touch('touchStart', pane.y + pane.height - 40);
      for (let step = 1; step <= 10; step++) await touch('touchMove', pane.y + pane.height - 40 - step * 30);
      await touch('touchEnd');
      await sleep(300);
    }
    c = centre((await rects()).field_next_action);
    await page.touchscreen.tap(c.x, c.y);
    await sleep(100);
    await page.keyboard.type('Re-test');
    await waitForRecord(page, (r) => r && r.next_action === 'Re-test', 'next_action Re-test');
    assert.deepEqual(errors.filter((e) => !/favicon/.test(e)), [], 'no page or console errors');
  } finally {
    await browser.close();
  }
});
