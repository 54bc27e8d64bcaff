// Every character the browser can show renders in the form (issue 10; docs/fonts.md), asserted on
// the pixels Chromium shows: for each character of CHARACTERS (glyph_helpers.mjs) — GB2312
// level 2, GBK, CJK Extension A, traditional Chinese, kana, Hangul, Cyrillic, accented Latin,
// emoji, and one no installed font has — drawn in Customer, in Notes, and typed into Notes
// through a real input method composition, in both UI languages: its drawing differs from the
// drawing of '?' and from an empty cell, and its advance (where the '|' after it lands) is the
// browser's own advance for that character in the form's font within one device pixel.
// This file: the English UI; glyphs.test.mjs: the Chinese UI.
// glyph_atlas.test.mjs has the device scales, wrapping, the atlas and the screenshots.
// Run: node --test glyphs_en.test.mjs (in tests/e2e).
import { test, before, after } from 'node:test';

import { serveSite } from './harness.mjs';
import { launchChromium } from './form_helpers.mjs';
import { ALL } from './glyph_helpers.mjs';
import { checkLanguage } from './glyph_check.mjs';

let site, browser;
before(async () => {
  site = await serveSite();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

test(`the same ${ALL.length} characters render in Customer, Notes and through the IME in the English UI`, async () => {
  await checkLanguage(browser, site, 'en');
});
