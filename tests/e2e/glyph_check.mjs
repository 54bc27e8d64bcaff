// The per-character check of glyphs.test.mjs and glyphs_en.test.mjs (one file per UI language,
// so each has its own time limit): for each character of ALL, drawn in Customer, in Notes and
// typed into Notes through the input method, its drawing differs from '?' and from an empty
// cell, and its advance is the browser's own within one device pixel.
import assert from 'node:assert/strict';

import { Form } from './form_helpers.mjs';
import { ALL, Fields, NOTES_LINES, browserAdvances, drawn, hex, judge, validRecord } from './glyph_helpers.mjs';

export async function checkLanguage(browser, site, lang) {
  const form = await Form.open(browser, site.url, { locale: lang === 'en' ? 'en-US' : 'zh-CN', viewport: { width: 1280, height: 1000 } });
  try {
    assert.equal(await form.language(), lang);
    const page = form.page;
    const fields = new Fields(form);
    const set = async (customer, notes) => {
      const start = await page.evaluate((r) => {
        const before = window.ftblockPage.framesRendered();
        window.ftblockPage.setRecord(r);
        return before;
      }, await validRecord(page, customer, notes));
      await drawn(page, start);
    };
    const notesOf = (texts) => texts.join('\n\n');
    // The references: '|' and '?|' drawn (Customer, Notes) and typed (Notes, active: the caret
    // follows the last line).
    await set('|', notesOf(['|', '|', '|']));
    await fields.locate();
    const ref = await fields.shoot();
    await set('?|', notesOf(['?|', '?|', '?|']));
    const q = await fields.shoot();
    await fields.typeIntoNotes(['|', '|', '|']);
    const refTyped = (await fields.shoot()).notes;
    await fields.typeIntoNotes(['?|', '?|', '?|']);
    const qTyped = (await fields.shoot()).notes;
    await form.clickEmpty();
    assert.ok(ref.customer.count > 0 && q.customer.count > ref.customer.count, 'the references have ink');
    const last = NOTES_LINES.length - 1;

    const expected = await browserAdvances(page, ALL.map((c) => c.ch));
    const problems = [];
    const check = (where, { kind, ch }, i, r) => {
      const what = `${ch} ${hex(ch)} (${kind}) in ${where}`;
      if (r.inkPixels < 4) problems.push(`${what}: blank (${r.inkPixels} ink pixels)`);
      if (r.fromQuestion < 8) problems.push(`${what}: drawn like '?' (${r.fromQuestion} pixels differ)`);
      if (Math.abs(r.advance - expected[i]) > 1)
        problems.push(`${what}: advance ${r.advance} px, the browser's ${expected[i].toFixed(2)} px`);
    };
    for (let b = 0; b < ALL.length; b += NOTES_LINES.length) {
      const batch = ALL.slice(b, b + NOTES_LINES.length);
      const texts = batch.map((c) => `${c.ch}|`);
      while (texts.length < NOTES_LINES.length) texts.push('|');
      for (const [k, c] of batch.entries()) {
        await set(`${c.ch}|`, notesOf(texts));
        const drawn = await fields.shoot({ notes: k === 0 });
        check('Customer', c, b + k, judge(drawn.customer, ref.customer, q.customer));
        if (k === 0) batch.forEach((n, j) => check('Notes', n, b + j, judge(drawn.notes[j], ref.notes[j], q.notes[j])));
      }
      await fields.typeIntoNotes(texts);
      const typed = (await fields.shoot()).notes;
      batch.forEach((n, j) => {
        const [r, qq] = j === last ? [refTyped[j], qTyped[j]] : [ref.notes[j], q.notes[j]];
        check('Notes, typed through the IME', n, b + j, judge(typed[j], r, qq));
      });
      const arrived = (await form.record()).notes;
      if (arrived !== notesOf(texts)) problems.push(`${texts.join(' ')} typed through the IME arrived as ${JSON.stringify(arrived)}`);
      await form.clickEmpty();
    }
    assert.deepEqual(problems, [], `${lang}: ${ALL.length} characters in 3 places`);
  } finally {
    await form.close();
  }
}

