// The L2 suggestion in the form, in Chromium (issue 14): a note that points at another L2 than
// the chosen one gets the l2_fit warning under L2; "Suggest" shows the L2s the notes point at
// with the notes' words, in the drawing and in the semantic mirror; "Use" takes one and the
// warning goes; a vague time word added to the notes gets the note_quality hint. In English
// (typed) and in Chinese (through the input method). Screenshots: suggest-en.png,
// suggest-zh.png (docs/screenshot-suggest-*.png are copies), suggest-*-hint.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { serveSite } from './harness.mjs';
import { Form, launchChromium } from './form_helpers.mjs';

let browser;
let site;
before(async () => {
  browser = await launchChromium();
  site = await serveSite();
});
after(async () => {
  await site?.close();
  await browser?.close();
});

// The mirror's text for a node of the form (docs/accessibility.md: one element per node, by id).
async function mirrorText(form, id) {
  return form.page.evaluate((nodeId) => {
    const el = document.querySelector(`[data-ftblock-id="${nodeId}"]`);
    return el ? (el.getAttribute('aria-label') || el.textContent) : null;
  }, id);
}

async function suggestCase(locale, enterNote, expected) {
  const form = await Form.open(browser, site.url, { locale, viewport: { width: 1280, height: 900 } });
  try {
    await form.pickByKeyboard('field_l2', 2);  // the list opens on its first entry: two down is the third
    assert.equal((await form.record()).l2, 'adoption_readiness');
    await form.click('field_notes');
    await enterNote(form);
    await form.clickEmpty();
    assert.deepEqual(await form.codesOf('l2'), ['l2_fit']);
    const warning = (await form.diagnostics()).find((d) => d.code === 'l2_fit');
    assert.ok(warning.message.includes(expected.label), warning.message);

    await form.reveal('suggest');
    await form.click('suggest');
    assert.ok(await form.has('suggest_use_customer_it_infrastructure'));
    assert.equal(await mirrorText(form, 'suggest_title'), expected.title);
    const evidence = await mirrorText(form, 'suggest_evidence_customer_it_infrastructure');
    for (const word of expected.words) assert.ok(evidence.includes(word), evidence);
    await form.screenshot(expected.screenshot);

    await form.click('suggest_use_customer_it_infrastructure');
    assert.equal((await form.record()).l2, 'customer_it_infrastructure');
    assert.deepEqual(await form.codesOf('l2'), []);
    assert.equal(await form.has('suggest_use_customer_it_infrastructure'), false);

    // A vague time word added to the notes: the note_quality hint under them, in the form's language.
    await form.click('field_notes');
    await form.press('End');
    await expected.addVague(form);
    await form.clickEmpty();
    assert.deepEqual(await form.codesOf('notes'), ['note_quality']);
    const hint = (await form.diagnostics()).find((d) => d.code === 'note_quality');
    assert.ok(hint.message.includes(expected.vague), hint.message);
    await form.screenshot(expected.screenshot.replace('.png', '-hint.png'));
  } finally {
    await form.close();
  }
}

test('English: l2_fit names the L2 the notes point at; Suggest shows it with the words; Use takes it', async () => {
  await suggestCase('en-US', async (form) => {
    await form.type('Unable to deploy Teams because the VPN and the firewall block the connection to the service.');
  }, {
    label: 'Customer IT Infrastructure and Remediation',
    title: 'What the Notes point at, best first:',
    words: ['in the Notes: ', 'VPN', 'firewall'],
    screenshot: 'suggest-en.png',
    addVague: (form) => form.type(' Blocked for now.'),
    vague: '"for now"',
  });
});

test('Chinese through the input method: the same suggestion, in Chinese', async () => {
  await suggestCase('zh-CN', async (form) => {
    await form.ime('youyu kehu de', '由于客户的 ');
    await form.type('VPN');
    await form.ime('he fanghuoqiang zuzhi le lianjie', ' 和防火墙阻止了与服务的连接，无法部署。');
  }, {
    label: '客户 IT 基础结构和改进',
    title: '根据笔记的建议（最可能的在前）：',
    words: ['笔记中的依据：', 'VPN', '防火墙'],
    screenshot: 'suggest-zh.png',
    addVague: (form) => form.ime('zanshi', '暂时搁置。'),
    vague: '暂时',
  });
});
