// The semantic mirror (docs/accessibility.md) in Chromium: what assistive technology gets from
// CDP's accessibility tree for every field (role, name, value, required / invalid / read-only,
// the described-by text: the problem first, then the help) in English and Chinese, for a new
// record, a valid one and one with problems; the form filled, exported and left with the
// keyboard alone on ftblock's page and on the example intranet page; the live region's
// announcements; axe-core on both pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';

import { serveSite, sleep, artifact } from './harness.mjs';
import { Form, launchChromium, isoDay, isLocal, FIELDS, settle } from './form_helpers.mjs';
import { axControls, focused, liveText } from './a11y_helpers.mjs';
import { VALID_ASSIGNMENT, touchWithProblems, axTable } from './a11y_cases.mjs';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

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

// Rows: id → [role, name, value, states, described-by text] (a11y_cases.mjs: axTable).
// Chromium's tree leaves out a select's required state (aria-required is on it: checked below).
const EXPECTED = {
  en_new: {
    field_id: ['textbox', 'Record ID', '', '', 'Optional; at most 64 characters.'],
    field_customer: ['textbox', 'Customer', '', 'required', 'the customer\'s name The customer\'s name; with the workload it identifies the entitlement.'],
    field_workload: ['combobox', 'Workload', '', '', 'choose the workload'],
    field_scenario: ['radiogroup', 'Scenario', '', 'required', ''],
    field_updated_by: ['textbox', 'Who updates FTOP', 'Assignment FM  (assignment_fm)', 'readOnly', 'Set by the playbook\'s scenario table: Assignment FM Assignment FastTrack Manager: handles the tenant at intake'],
    field_l1: ['textbox', 'L1 value', 'Blocked  (blocked)', 'readOnly', 'Set by the playbook\'s scenario table: Blocked'],
    field_l2: ['combobox', 'L2 value', '', '', 'Blocked L2 (see below)'],
    field_l3: ['textbox', 'L3 value', 'L3 coming soon (L3 即将推出)', 'readOnly', 'N/A in this scenario Set by the playbook\'s scenario table: L3 coming soon'],
    field_service_state: ['textbox', 'Service state', 'Not applicable  (not_applicable)', 'readOnly', 'Set by the playbook\'s scenario table: Not applicable'],
    field_engagement_scenario: ['combobox', 'Service engagement scenario', 'Customer-Led with FTP Assist', '', '<choose appropriate scenario>'],
    field_target_date: ['textbox', 'Target date', 'N/A', 'readOnly', 'N/A in this scenario Set by the playbook\'s scenario table: N/A'],
    field_owner: ['textbox', 'Owner', 'Delivery FM  (delivery_fm)', 'readOnly', 'Set by the playbook\'s scenario table: Delivery FM Delivery FastTrack Manager'],
    field_notes: ['textbox', 'Notes', '', 'required', 'explanation of the blocking issue'],
    field_next_action_date: ['textbox', 'Next action date', '', 'required', 'Date as YYYY-MM-DD; Alt+Down opens a calendar. date of the initiate discussion'],
    field_next_action: ['textbox', 'Next action to be taken', 'Kickoff Meeting  (kickoff_meeting)', 'readOnly', 'Set by the playbook\'s scenario table: Kickoff Meeting'],
    field_updated_at: ['textbox', 'Updated on', '', '', 'Date as YYYY-MM-DD; Alt+Down opens a calendar. empty means today The day of this update; empty means today.'],
    scenario_assignment: ['radio', 'Assignment', '', 'checked', 'The customer intends to use the service, but one or more issues prevent them from moving forward with deployment.'],
    scenario_delivery: ['radio', 'Delivery', '', '', 'The customer intends to use the service, but one or more issues prevent them from moving forward with deployment'],
  },
  en_valid: {
    field_id: ['textbox', 'Record ID', 'FT-2026-000123', '', 'Optional; at most 64 characters.'],
    field_customer: ['textbox', 'Customer', 'Contoso Ltd', 'required', 'the customer\'s name The customer\'s name; with the workload it identifies the entitlement.'],
    field_workload: ['combobox', 'Workload', 'Microsoft Teams', '', 'choose the workload'],
    field_scenario: ['radiogroup', 'Scenario', '', 'required', ''],
    field_updated_by: ['textbox', 'Who updates FTOP', 'Assignment FM  (assignment_fm)', 'readOnly', 'Set by the playbook\'s scenario table: Assignment FM Assignment FastTrack Manager: handles the tenant at intake'],
    field_l1: ['textbox', 'L1 value', 'Blocked  (blocked)', 'readOnly', 'Set by the playbook\'s scenario table: Blocked'],
    field_l2: ['combobox', 'L2 value', 'Customer IT Infrastructure and Remediation', '', 'Dependencies on surrounding IT infrastructure components in the customer\'s environment (for example incompatible virtual private network (VPN) devices, hardware updates, Active Directory (AD) complexity, hybrid scenarios, clients, browsers) block adoption. For this L2, the issue must be technology related. It is not about people or process. (English translation of the playbook\'s Chinese text) Blocked L2 (see below)'],
    field_l3: ['textbox', 'L3 value', 'L3 coming soon (L3 即将推出)', 'readOnly', 'N/A in this scenario Set by the playbook\'s scenario table: L3 coming soon'],
    field_service_state: ['textbox', 'Service state', 'Not applicable  (not_applicable)', 'readOnly', 'Set by the playbook\'s scenario table: Not applicable'],
    field_engagement_scenario: ['combobox', 'Service engagement scenario', 'Customer-Led with FTP Assist', '', '<choose appropriate scenario>'],
    field_target_date: ['textbox', 'Target date', 'N/A', 'readOnly', 'N/A in this scenario Set by the playbook\'s scenario table: N/A'],
    field_owner: ['textbox', 'Owner', 'Delivery FM  (delivery_fm)', 'readOnly', 'Set by the playbook\'s scenario table: Delivery FM Delivery FastTrack Manager'],
    field_notes: ['textbox', 'Notes', '客户的 VPN 设备与服务不兼容，需要先升级固件后才能部署。', 'required', 'explanation of the blocking issue'],
    field_next_action_date: ['textbox', 'Next action date', '2099-01-15', 'required', 'Date as YYYY-MM-DD; Alt+Down opens a calendar. date of the initiate discussion'],
    field_next_action: ['textbox', 'Next action to be taken', 'Kickoff Meeting  (kickoff_meeting)', 'readOnly', 'Set by the playbook\'s scenario table: Kickoff Meeting'],
    field_updated_at: ['textbox', 'Updated on', '2026-11-24', '', 'Date as YYYY-MM-DD; Alt+Down opens a calendar. empty means today The day of this update; empty means today.'],
    scenario_assignment: ['radio', 'Assignment', '', 'checked', 'The customer intends to use the service, but one or more issues prevent them from moving forward with deployment.'],
    scenario_delivery: ['radio', 'Delivery', '', '', 'The customer intends to use the service, but one or more issues prevent them from moving forward with deployment'],
  },
  en_problems: {
    field_id: ['textbox', 'Record ID', 'FT 1', '', 'Optional; at most 64 characters.'],
    field_customer: ['textbox', 'Customer', '', 'required invalid', 'Customer is required: the customer\'s name the customer\'s name The customer\'s name; with the workload it identifies the entitlement.'],
    field_workload: ['combobox', 'Workload', '', '', 'choose the workload'],
    field_scenario: ['radiogroup', 'Scenario', '', 'required', ''],
    field_updated_by: ['textbox', 'Who updates FTOP', 'Assignment FM  (assignment_fm)', 'readOnly', 'Set by the playbook\'s scenario table: Assignment FM Assignment FastTrack Manager: handles the tenant at intake'],
    field_l1: ['textbox', 'L1 value', 'Blocked  (blocked)', 'readOnly', 'Set by the playbook\'s scenario table: Blocked'],
    field_l2: ['combobox', 'L2 value', '', '', 'Blocked L2 (see below)'],
    field_l3: ['textbox', 'L3 value', 'L3 coming soon (L3 即将推出)', 'readOnly', 'N/A in this scenario Set by the playbook\'s scenario table: L3 coming soon'],
    field_service_state: ['textbox', 'Service state', 'Not applicable  (not_applicable)', 'readOnly', 'Set by the playbook\'s scenario table: Not applicable'],
    field_engagement_scenario: ['combobox', 'Service engagement scenario', 'Customer-Led with FTP Assist', '', '<choose appropriate scenario>'],
    field_target_date: ['textbox', 'Target date', 'N/A', 'readOnly', 'N/A in this scenario Set by the playbook\'s scenario table: N/A'],
    field_owner: ['textbox', 'Owner', 'Delivery FM  (delivery_fm)', 'readOnly', 'Set by the playbook\'s scenario table: Delivery FM Delivery FastTrack Manager'],
    field_notes: ['textbox', 'Notes', '', 'required invalid', 'Notes is required: explanation of the blocking issue explanation of the blocking issue'],
    field_next_action_date: ['textbox', 'Next action date', '2026-02-30', 'required invalid', 'Next action date must be a real date written YYYY-MM-DD, not "2026-02-30" Date as YYYY-MM-DD; Alt+Down opens a calendar. date of the initiate discussion'],
    field_next_action: ['textbox', 'Next action to be taken', 'Kickoff Meeting  (kickoff_meeting)', 'readOnly', 'Set by the playbook\'s scenario table: Kickoff Meeting'],
    field_updated_at: ['textbox', 'Updated on', '2026-13-01', 'invalid', 'Updated on must be a real date written YYYY-MM-DD, not "2026-13-01" Date as YYYY-MM-DD; Alt+Down opens a calendar. empty means today The day of this update; empty means today.'],
    scenario_assignment: ['radio', 'Assignment', '', 'checked', 'The customer intends to use the service, but one or more issues prevent them from moving forward with deployment.'],
    scenario_delivery: ['radio', 'Delivery', '', '', 'The customer intends to use the service, but one or more issues prevent them from moving forward with deployment'],
  },
  zh_new: {
    field_id: ['textbox', '记录编号', '', '', '可选；最多 64 个字符。'],
    field_customer: ['textbox', '客户', '', 'required', '客户名称 客户名称；与工作负载一起确定权益。'],
    field_workload: ['combobox', '工作负载', '', '', '选择工作负载'],
    field_scenario: ['radiogroup', '场景', '', 'required', ''],
    field_updated_by: ['textbox', '谁更新 FTOP', '分配 FM  (assignment_fm)', 'readOnly', '由行动手册的场景表规定：分配 FM 分配 FastTrack 经理：在接收阶段处理租户'],
    field_l1: ['textbox', 'L1 值', '受阻  (blocked)', 'readOnly', '由行动手册的场景表规定：受阻'],
    field_l2: ['combobox', 'L2 值', '', '', '受阻 L2（参见下文）'],
    field_l3: ['textbox', 'L3 值', 'L3 即将推出', 'readOnly', '此场景不适用 由行动手册的场景表规定：L3 即将推出'],
    field_service_state: ['textbox', '服务状态', '不适用  (not_applicable)', 'readOnly', '由行动手册的场景表规定：不适用'],
    field_engagement_scenario: ['combobox', '服务接洽场景', '客户主导，FTP 协助 (Customer-Led with FTP Assist)', '', '<选择合适的场景>'],
    field_target_date: ['textbox', '目标日期', '不适用', 'readOnly', '此场景不适用 由行动手册的场景表规定：不适用'],
    field_owner: ['textbox', '负责人', '交付 FM  (delivery_fm)', 'readOnly', '由行动手册的场景表规定：交付 FM 交付 FastTrack 经理'],
    field_notes: ['textbox', '笔记', '', 'required', '阻碍问题的说明'],
    field_next_action_date: ['textbox', '下一行动日期', '', 'required', '日期格式 YYYY-MM-DD；Alt+↓ 打开日历。 启动讨论的日期'],
    field_next_action: ['textbox', '要采取的下一行动', '启动会议  (kickoff_meeting)', 'readOnly', '由行动手册的场景表规定：启动会议'],
    field_updated_at: ['textbox', '更新日期', '', '', '日期格式 YYYY-MM-DD；Alt+↓ 打开日历。 为空表示今天 本次更新的日期；为空表示今天。'],
    scenario_assignment: ['radio', '分配', '', 'checked', '客户有意向使用服务，但有一个或多个问题阻止他们继续部署。'],
    scenario_delivery: ['radio', '交付', '', '', '客户有意向使用服务，但有一个或多个问题阻止他们继续部署'],
  },
  zh_valid: {
    field_id: ['textbox', '记录编号', 'FT-2026-000123', '', '可选；最多 64 个字符。'],
    field_customer: ['textbox', '客户', 'Contoso Ltd', 'required', '客户名称 客户名称；与工作负载一起确定权益。'],
    field_workload: ['combobox', '工作负载', 'Microsoft Teams', '', '选择工作负载'],
    field_scenario: ['radiogroup', '场景', '', 'required', ''],
    field_updated_by: ['textbox', '谁更新 FTOP', '分配 FM  (assignment_fm)', 'readOnly', '由行动手册的场景表规定：分配 FM 分配 FastTrack 经理：在接收阶段处理租户'],
    field_l1: ['textbox', 'L1 值', '受阻  (blocked)', 'readOnly', '由行动手册的场景表规定：受阻'],
    field_l2: ['combobox', 'L2 值', '客户 IT 基础结构和改进', '', '客户环境中周围 IT 基础结构组件（例如不兼容的虚拟专用网络 (VPN) 设备、硬件更新、Active Directory (AD) 复杂性、混合场景、客户端、浏览器等）的依赖关系会阻止应用。 对于此 L2，问题必须与技术相关。它与人员或流程无关。 受阻 L2（参见下文）'],
    field_l3: ['textbox', 'L3 值', 'L3 即将推出', 'readOnly', '此场景不适用 由行动手册的场景表规定：L3 即将推出'],
    field_service_state: ['textbox', '服务状态', '不适用  (not_applicable)', 'readOnly', '由行动手册的场景表规定：不适用'],
    field_engagement_scenario: ['combobox', '服务接洽场景', '客户主导，FTP 协助 (Customer-Led with FTP Assist)', '', '<选择合适的场景>'],
    field_target_date: ['textbox', '目标日期', '不适用', 'readOnly', '此场景不适用 由行动手册的场景表规定：不适用'],
    field_owner: ['textbox', '负责人', '交付 FM  (delivery_fm)', 'readOnly', '由行动手册的场景表规定：交付 FM 交付 FastTrack 经理'],
    field_notes: ['textbox', '笔记', '客户的 VPN 设备与服务不兼容，需要先升级固件后才能部署。', 'required', '阻碍问题的说明'],
    field_next_action_date: ['textbox', '下一行动日期', '2099-01-15', 'required', '日期格式 YYYY-MM-DD；Alt+↓ 打开日历。 启动讨论的日期'],
    field_next_action: ['textbox', '要采取的下一行动', '启动会议  (kickoff_meeting)', 'readOnly', '由行动手册的场景表规定：启动会议'],
    field_updated_at: ['textbox', '更新日期', '2026-11-24', '', '日期格式 YYYY-MM-DD；Alt+↓ 打开日历。 为空表示今天 本次更新的日期；为空表示今天。'],
    scenario_assignment: ['radio', '分配', '', 'checked', '客户有意向使用服务，但有一个或多个问题阻止他们继续部署。'],
    scenario_delivery: ['radio', '交付', '', '', '客户有意向使用服务，但有一个或多个问题阻止他们继续部署'],
  },
  zh_problems: {
    field_id: ['textbox', '记录编号', 'FT 1', '', '可选；最多 64 个字符。'],
    field_customer: ['textbox', '客户', '', 'required invalid', '客户为必填项：客户名称 客户名称 客户名称；与工作负载一起确定权益。'],
    field_workload: ['combobox', '工作负载', '', '', '选择工作负载'],
    field_scenario: ['radiogroup', '场景', '', 'required', ''],
    field_updated_by: ['textbox', '谁更新 FTOP', '分配 FM  (assignment_fm)', 'readOnly', '由行动手册的场景表规定：分配 FM 分配 FastTrack 经理：在接收阶段处理租户'],
    field_l1: ['textbox', 'L1 值', '受阻  (blocked)', 'readOnly', '由行动手册的场景表规定：受阻'],
    field_l2: ['combobox', 'L2 值', '', '', '受阻 L2（参见下文）'],
    field_l3: ['textbox', 'L3 值', 'L3 即将推出', 'readOnly', '此场景不适用 由行动手册的场景表规定：L3 即将推出'],
    field_service_state: ['textbox', '服务状态', '不适用  (not_applicable)', 'readOnly', '由行动手册的场景表规定：不适用'],
    field_engagement_scenario: ['combobox', '服务接洽场景', '客户主导，FTP 协助 (Customer-Led with FTP Assist)', '', '<选择合适的场景>'],
    field_target_date: ['textbox', '目标日期', '不适用', 'readOnly', '此场景不适用 由行动手册的场景表规定：不适用'],
    field_owner: ['textbox', '负责人', '交付 FM  (delivery_fm)', 'readOnly', '由行动手册的场景表规定：交付 FM 交付 FastTrack 经理'],
    field_notes: ['textbox', '笔记', '', 'required invalid', '笔记为必填项：阻碍问题的说明 阻碍问题的说明'],
    field_next_action_date: ['textbox', '下一行动日期', '2026-02-30', 'required invalid', '下一行动日期必须是真实存在的日期，格式为 YYYY-MM-DD，而不是 "2026-02-30" 日期格式 YYYY-MM-DD；Alt+↓ 打开日历。 启动讨论的日期'],
    field_next_action: ['textbox', '要采取的下一行动', '启动会议  (kickoff_meeting)', 'readOnly', '由行动手册的场景表规定：启动会议'],
    field_updated_at: ['textbox', '更新日期', '2026-13-01', 'invalid', '更新日期必须是真实存在的日期，格式为 YYYY-MM-DD，而不是 "2026-13-01" 日期格式 YYYY-MM-DD；Alt+↓ 打开日历。 为空表示今天 本次更新的日期；为空表示今天。'],
    scenario_assignment: ['radio', '分配', '', 'checked', '客户有意向使用服务，但有一个或多个问题阻止他们继续部署。'],
    scenario_delivery: ['radio', '交付', '', '', '客户有意向使用服务，但有一个或多个问题阻止他们继续部署'],
  },
};

// The pick-lists the form requires, as their selects say it (Chromium's tree does not).
const REQUIRED_SELECTS = ['field_l2', 'field_workload'];

for (const [locale, lang] of [['en-US', 'en'], ['zh-CN', 'zh']]) {
  test(`the accessibility tree names every field, its value, states and problem (${lang}): new, valid, with problems`, async () => {
    const form = await Form.open(browser, site.url, { locale });
    try {
      assert.equal(await form.page.evaluate(() => document.querySelector('.ftblock-mirror').lang), lang === 'en' ? 'en' : 'zh-CN');
      assert.deepEqual(await axTable(form.page), EXPECTED[`${lang}_new`], 'a new record');
      const required = await form.page.evaluate((ids) => ids.map((id) =>
        document.querySelector(`.ftblock-mirror [data-ftblock-id="${id}"]`).getAttribute('aria-required')), REQUIRED_SELECTS);
      assert.deepEqual(required, ['true', 'true']);

      const verdict = await form.page.evaluate((r) => window.ftblockPage.setRecord(r), VALID_ASSIGNMENT);
      assert.deepEqual(verdict, { valid: true, diagnostics: [] });
      await form.settle();
      assert.deepEqual(await axTable(form.page), EXPECTED[`${lang}_valid`], 'a valid record');

      await touchWithProblems(form);
      assert.deepEqual(await axTable(form.page), EXPECTED[`${lang}_problems`], 'a record with problems');
      // The canvas is a picture: hidden from assistive technology, out of the Tab order.
      assert.deepEqual(await form.page.evaluate(() => {
        const c = document.querySelector('#ftblock-form canvas');
        return [c.getAttribute('aria-hidden'), c.tabIndex];
      }), ['true', -1]);
      await form.screenshot(`a11y-problems-${lang}.png`);
    } finally {
      await form.close();
    }
  });
}

// --- the keyboard alone ------------------------------------------------------------------

// Presses Tab (or Shift+Tab, whichever way is shorter in the mirror's order) until the mirror
// control `id` of the form in `root` holds the focus. Only keys; the page is read to know when
// to stop.
async function tabTo(page, id, root = '') {
  for (let i = 0; i < 80; i++) {
    const where = await page.evaluate(([want, scope]) => {
      const ids = [...document.querySelectorAll(`${scope} .ftblock-mirror [data-ftblock-id]`)]
        .filter((e) => e.tabIndex >= 0 && !e.disabled && e.getClientRects().length > 0 && e.tagName !== 'DIV' || e.getAttribute('role') === 'listbox')
        .map((e) => e.getAttribute('data-ftblock-id'));
      const now = document.activeElement?.getAttribute('data-ftblock-id');
      return { at: ids.indexOf(now), want: ids.indexOf(want), now };
    }, [id, root]);
    if (where.now === id) return;
    assert.ok(where.want >= 0, `no control ${id} to tab to`);
    await page.keyboard.press(where.at >= 0 && where.at > where.want ? 'Shift+Tab' : 'Tab');
    await sleep(30);
  }
  assert.fail(`Tab never reached ${id} (the focus is on ${await focused(page)})`);
}


async function typeInto(page, id, text, { replace = false, root = '', handle } = {}) {
  await tabTo(page, id, root);
  await settle(page, handle);
  if (replace) {
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
  }
  await page.keyboard.type(text);
  await settle(page, handle);
}

async function downloadByEnter(page, id, root = '') {
  await tabTo(page, id, root);
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 5000 }), page.keyboard.press('Enter')]);
  const text = fs.readFileSync(await dl.path(), 'utf8');
  return { name: dl.suggestedFilename(), record: JSON.parse(text) };
}

test('keyboard only on ftblock\'s page: an assignment and a delivery filled and exported, Tab leaves at both ends', async () => {
  const form = await Form.open(browser, site.url, { locale: 'en-US' });
  const { page } = form;
  try {
    const nextActionDate = await isoDay(page, 7);
    const targetDate = await isoDay(page, 9);
    // Into the form with Tab from the page: its first control.
    assert.equal(await focused(page), 'body');
    await page.keyboard.press('Tab');
    assert.equal(await focused(page), 'language');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focused(page), 'body', 'Shift+Tab leaves the form before its first control');
    await page.keyboard.press('Tab');

    await typeInto(page, 'field_id', 'FT-2026-000123');
    await typeInto(page, 'field_customer', 'Contoso Ltd');
    await tabTo(page, 'field_workload');
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');  // the fourth: teams
    await tabTo(page, 'field_l2');
    await page.keyboard.press('ArrowDown');                              // customer_it_infrastructure
    await typeInto(page, 'field_notes', 'VPN devices are incompatible; firmware first.');
    await typeInto(page, 'field_next_action_date', nextActionDate);
    await form.screenshot('a11y-keyboard-assignment.png');
    const assignment = await downloadByEnter(page, 'export_json');
    assert.equal(assignment.name, 'ftblock-FT-2026-000123.json');
    assert.deepEqual(assignment.record, {
      id: 'FT-2026-000123', customer: 'Contoso Ltd', workload: 'teams', scenario: 'assignment',
      updated_by: 'assignment_fm', l1: 'blocked', l2: 'customer_it_infrastructure', l3: null,
      service_state: 'not_applicable', engagement_scenario: 'customer_led_ftp_assist', target_date: null,
      owner: 'delivery_fm', notes: 'VPN devices are incompatible; firmware first.',
      next_action_date: nextActionDate, next_action: 'kickoff_meeting', updated_at: null,
    });
    assert.deepEqual(Object.keys(assignment.record), FIELDS);

    // A new delivery draft from its button (Enter), then its fields.
    await tabTo(page, 'new_delivery');
    await page.keyboard.press('Enter');
    await settle(page);
    assert.equal((await form.drafts()).length, 2);
    await typeInto(page, 'field_id', 'FT-2026-000124');
    await typeInto(page, 'field_customer', 'Fabrikam');
    await tabTo(page, 'field_workload');
    await page.keyboard.press('ArrowDown');                              // exchange_online
    await tabTo(page, 'field_l2');
    await page.keyboard.press('ArrowDown');
    await tabTo(page, 'field_engagement_scenario');
    await page.keyboard.press('ArrowDown');
    await typeInto(page, 'field_target_date', targetDate);
    await typeInto(page, 'field_notes', 'Waiting for the firmware upgrade.');
    await typeInto(page, 'field_next_action', 'Customer upgrades VPN firmware, then re-test sign-in');
    const engagement = (await form.record()).engagement_scenario;
    assert.ok(engagement, 'an engagement scenario was chosen');
    await form.screenshot('a11y-keyboard-delivery.png');
    const delivery = await downloadByEnter(page, 'export_json');
    assert.equal(delivery.name, 'ftblock-FT-2026-000124.json');
    assert.deepEqual(delivery.record, {
      id: 'FT-2026-000124', customer: 'Fabrikam', workload: 'exchange_online', scenario: 'delivery',
      updated_by: 'delivery_fm', l1: 'blocked', l2: 'customer_it_infrastructure', l3: null,
      service_state: 'not_applicable', engagement_scenario: engagement, target_date: targetDate,
      owner: 'account_team', notes: 'Waiting for the firmware upgrade.', next_action_date: null,
      next_action: 'Customer upgrades VPN firmware, then re-test sign-in', updated_at: null,
    });

    // Out of the form at its end: Tab from the last control reaches the page (nothing after it).
    // The walk is read after each Tab and kept, so the assertion does not read the focus a second
    // time (headless Chromium may move it on from the page by itself) and a failure shows the
    // walk. Known gap: right after an export by Enter, the first Tab past `delete` lands on the
    // form's first control once more before the next pass leaves to the page (in the note of
    // issue 15); the walk allows that one extra pass.
    const walk = [];
    for (let i = 0; i < 120; i++) {
      await page.keyboard.press('Tab');
      walk.push(await focused(page));
      if (walk[walk.length - 1] === 'body') break;
    }
    assert.equal(walk[walk.length - 1], 'body', `Tab leaves the form after its last control: ${walk.join(' → ')}`);
  } finally {
    await form.close();
  }
});

// The example intranet page (docs/embedding.md): the form between the page's own controls.
async function openExample(locale = 'en-US') {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const requests = [];
  const errors = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  await page.goto(`${site.url}examples/`);
  await page.waitForFunction(() => window.partnerRecords && window.partnerRecords.form);
  await page.evaluate(() => window.partnerRecords.form.ready);
  await settle(page, 'window.partnerRecords.form');
  return {
    page,
    close: async () => {
      try {
        assert.deepEqual(requests.filter((u) => !isLocal(u)), [], 'requests that left 127.0.0.1');
        assert.deepEqual(errors.filter((e) => !/favicon/.test(e)), [], 'no page or console errors');
      } finally {
        await context.close();
      }
    },
  };
}

test('keyboard only on the example intranet page: into the form and out of it both ways, both records exported', async () => {
  const ex = await openExample();
  const { page } = ex;
  const handle = 'window.partnerRecords.form';
  const opts = { root: '#form', handle };
  try {
    // From the page's language list, Tab enters the form; Shift+Tab from there comes back.
    await page.focus('#page-lang');
    await page.keyboard.press('Tab');
    assert.equal(await focused(page), 'language');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focused(page), '#page-lang', 'Shift+Tab leaves the form for the page before it');

    const nextActionDate = await isoDay(page, 7);
    await page.keyboard.press('Tab');
    await tabTo(page, 'field_l2', '#form');
    await page.keyboard.press('ArrowDown');                              // customer_it_infrastructure
    await typeInto(page, 'field_notes', 'Proxy blocks the sign-in; exception requested.', opts);
    await typeInto(page, 'field_next_action_date', nextActionDate, { ...opts, replace: true });
    const assignment = await downloadByEnter(page, 'export_json', '#form');
    assert.deepEqual(assignment.record, {
      id: 'FT-2026-000187', customer: 'Fabrikam 制造', workload: 'exchange_online', scenario: 'assignment',
      updated_by: 'assignment_fm', l1: 'blocked', l2: 'customer_it_infrastructure', l3: null,
      service_state: 'not_applicable', engagement_scenario: 'customer_led_ftp_assist', target_date: null,
      owner: 'delivery_fm', notes: 'Proxy blocks the sign-in; exception requested.',
      next_action_date: nextActionDate, next_action: 'kickoff_meeting', updated_at: '2026-11-24',
    });

    // The same record as a delivery: the scenario's radios take the arrows.
    const targetDate = await isoDay(page, 9);
    await tabTo(page, 'scenario_assignment', '#form');
    await page.keyboard.press('ArrowRight');
    await settle(page, handle);
    assert.equal(await focused(page), 'scenario_delivery');
    assert.equal(await page.evaluate(() => window.partnerRecords.form.getRecord().scenario), 'delivery');
    await tabTo(page, 'field_engagement_scenario', '#form');
    await page.keyboard.press('ArrowDown');
    await typeInto(page, 'field_target_date', targetDate, opts);
    await typeInto(page, 'field_next_action', 'Re-test sign-in after the proxy exception', opts);
    const record = await page.evaluate(() => window.partnerRecords.form.getRecord());
    await page.screenshot({ path: artifact('a11y-keyboard-example.png') });
    const delivery = await downloadByEnter(page, 'export_json', '#form');
    assert.deepEqual(delivery.record, {
      id: 'FT-2026-000187', customer: 'Fabrikam 制造', workload: 'exchange_online', scenario: 'delivery',
      updated_by: 'delivery_fm', l1: 'blocked', l2: 'customer_it_infrastructure', l3: null,
      service_state: 'not_applicable', engagement_scenario: record.engagement_scenario, target_date: targetDate,
      owner: 'account_team', notes: 'Proxy blocks the sign-in; exception requested.', next_action_date: nextActionDate,
      next_action: 'Re-test sign-in after the proxy exception', updated_at: '2026-11-24',
    });

    // Out at the end: the page's next control.
    for (let i = 0; i < 80 && await page.evaluate(() => document.querySelector('#form').contains(document.activeElement)); i++)
      await page.keyboard.press('Tab');
    assert.equal(await focused(page), '#load-sample', 'Tab leaves the form for the page after it');
  } finally {
    await ex.close();
  }
});

// --- the mirror itself --------------------------------------------------------------------

test('the drafts list is a listbox: Up/Down, Home/End choose the draft, the active descendant follows', async () => {
  const form = await Form.open(browser, site.url, { locale: 'en-US' });
  const { page } = form;
  try {
    await form.click('new_assignment');
    await form.click('new_delivery');
    await page.keyboard.press('Tab');
    await tabTo(page, 'drafts');
    const state = () => page.evaluate(() => {
      const list = document.querySelector('.ftblock-mirror [data-ftblock-id="drafts"]');
      const options = [...list.querySelectorAll('[role=option]')].map((o) =>
        [o.getAttribute('data-ftblock-id'), o.getAttribute('aria-selected'), o.getAttribute('aria-posinset'), o.getAttribute('aria-setsize')]);
      return { active: list.getAttribute('aria-activedescendant'), options, scenario: window.ftblockPage.getCurrentRecord().scenario };
    });
    const uids = (await form.drafts()).map((d) => d.uid);
    const opt = (i, selected) => [`draft_${uids[i]}`, String(selected), String(i + 1), '3'];
    assert.deepEqual(await state(), { active: `ftblock-m1-draft_${uids[2]}`, options: [opt(0, false), opt(1, false), opt(2, true)], scenario: 'delivery' });
    await form.press('ArrowUp');
    assert.deepEqual(await state(), { active: `ftblock-m1-draft_${uids[1]}`, options: [opt(0, false), opt(1, true), opt(2, false)], scenario: 'assignment' });
    await form.press('Home');
    assert.equal((await state()).active, `ftblock-m1-draft_${uids[0]}`);
    await form.press('ArrowUp');
    assert.equal((await state()).active, `ftblock-m1-draft_${uids[0]}`, 'Up at the top stays');
    await form.press('End');
    assert.equal((await state()).active, `ftblock-m1-draft_${uids[2]}`);
    await form.press('ArrowDown');
    assert.equal((await state()).active, `ftblock-m1-draft_${uids[2]}`, 'Down at the bottom stays');
    assert.equal(await focused(page), 'drafts', 'the focus stays on the list');
    const ax = await axControls(page);
    assert.deepEqual([ax.drafts.role, ax.drafts.name], ['listbox', 'Drafts']);
    assert.deepEqual([ax[`draft_${uids[2]}`].role, ax[`draft_${uids[2]}`].name, ax[`draft_${uids[2]}`].selected, ax[`draft_${uids[2]}`].description],
      ['option', '(untitled)', true, 'Delivery · 7 problems']);
  } finally {
    await form.close();
  }
});

test('a problem line is a button in a list: Enter moves the focus to its field, and typing lands there', async () => {
  const form = await Form.open(browser, site.url, { locale: 'en-US' });
  const { page } = form;
  try {
    await page.keyboard.press('Tab');
    await tabTo(page, 'problem_0');
    const ax = await axControls(page);
    assert.deepEqual([ax.problem_0.role, ax.problem_0.name], ['button', 'Customer is required: the customer\'s name [required]']);
    assert.equal(await page.evaluate(() => document.activeElement.parentElement.tagName + '<' + document.activeElement.parentElement.parentElement.tagName), 'LI<UL');
    await page.keyboard.press('Enter');
    await form.settle();
    assert.equal(await focused(page), 'field_customer');
    await page.keyboard.type('Contoso');
    await form.settle();
    assert.equal((await form.record()).customer, 'Contoso');
    await form.screenshot('a11y-problem-jump.png');
  } finally {
    await form.close();
  }
});

test('Escape in a text field lets go of it; typing there again enters it; Tab never reaches ImGui', async () => {
  const form = await Form.open(browser, site.url, { locale: 'en-US' });
  const { page } = form;
  try {
    await page.keyboard.press('Tab');
    await typeInto(page, 'field_customer', 'Con');
    await form.press('Escape');
    assert.equal(await focused(page), 'field_customer', 'the DOM focus stays on the field');
    await form.type('toso');
    assert.equal((await form.record()).customer, 'Contoso');
    await form.press('Tab');
    assert.equal(await focused(page), 'field_workload', 'Tab moves to the next control in visual order');
    await form.press('Shift+Tab');
    assert.equal(await focused(page), 'field_customer');
    assert.equal((await form.record()).customer, 'Contoso', 'Tab typed nothing');
  } finally {
    await form.close();
  }
});

test('a value replaced in a mirror field (a spelling fix, dictation, a screen reader) replaces the field\'s value', async () => {
  const form = await Form.open(browser, site.url, { locale: 'en-US' });
  const { page } = form;
  try {
    await page.keyboard.press('Tab');
    await typeInto(page, 'field_customer', 'Contso Ltd');
    // What a spelling suggestion does: the whole text replaced, one input event that is no typing.
    await page.evaluate(() => {
      const el = document.activeElement;
      el.value = 'Contoso Ltd';
      el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText', data: null }));
    });
    await form.settle();
    assert.equal((await form.record()).customer, 'Contoso Ltd');
    // The caret is at the end of the new text, and typing goes on from there.
    assert.deepEqual(await page.evaluate(() => [document.activeElement.selectionStart, document.activeElement.selectionEnd]), [11, 11]);
    await form.type(' Co');
    assert.equal((await form.record()).customer, 'Contoso Ltd Co');
    // A deletion that no key brought (assistive technology): the whole value again.
    await page.evaluate(() => {
      const el = document.activeElement;
      el.value = 'Contoso';
      el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'deleteContentBackward', data: null }));
    });
    await form.settle();
    assert.equal((await form.record()).customer, 'Contoso');
    assert.equal(await page.evaluate(() => document.activeElement.value), 'Contoso');
  } finally {
    await form.close();
  }
});

test('an idle form changes nothing in the mirror; a keystroke touches only what it changed', async () => {
  const form = await Form.open(browser, site.url, { locale: 'en-US' });
  const { page } = form;
  try {
    await page.evaluate(() => {
      window.mirrorChanges = [];
      new MutationObserver((list) => {
        for (const m of list) {
          let t = m.target;
          while (t && !(t.getAttribute && (t.getAttribute('data-ftblock-id') || t.id))) t = t.parentNode;
          window.mirrorChanges.push(t ? t.getAttribute('data-ftblock-id') || t.id : '?');
        }
      }).observe(document.querySelector('.ftblock-mirror'), { subtree: true, attributes: true, childList: true, characterData: true });
    });
    await page.keyboard.press('Tab');
    await typeInto(page, 'field_customer', 'Con');
    await sleep(1500);
    const frames = await form.frames();
    await page.evaluate(() => { window.mirrorChanges = []; });
    await sleep(2000);
    assert.deepEqual(await page.evaluate(() => window.mirrorChanges), [], 'idle: no change');
    assert.equal(await form.frames(), frames, 'idle: no frame');
    await form.type('t');
    const touched = [...new Set(await page.evaluate(() => window.mirrorChanges))].sort();
    const uid = (await form.drafts())[0].uid;
    // The draft's title in the list, and the save state line; the field's value is the one
    // the user typed (a property, no DOM change).
    assert.ok(touched.includes(`draft_${uid}`), `the draft's option changed: ${touched}`);
    assert.deepEqual(touched.filter((id) => id !== `draft_${uid}` && id !== 'save_state'), [], 'nothing else changed');
  } finally {
    await form.close();
  }
});

test('at 200 % (device scale 2, a 640 × 400 CSS px window) each control lies on its widget', async () => {
  const form = await Form.open(browser, site.url, { locale: 'en-US', deviceScaleFactor: 2, viewport: { width: 640, height: 400 } });
  const { page } = form;
  try {
    const rects = await form.rects();
    const roles = Object.fromEntries((await page.evaluate(() => window.ftblockPage.a11yTree().nodes)).map((n) => [n.id, n.role]));
    const placed = await page.evaluate(() => {
      const canvas = document.querySelector('#ftblock-form canvas').getBoundingClientRect();
      const out = {};
      for (const el of document.querySelectorAll('.ftblock-mirror [data-ftblock-id]')) {
        const r = el.getBoundingClientRect();
        out[el.getAttribute('data-ftblock-id')] = { x: r.left, y: r.top, width: r.width, height: r.height };
      }
      return { out, top: canvas.top, bottom: canvas.bottom };
    });
    const compared = [];
    for (const [id, r] of Object.entries(rects)) {
      const m = placed.out[id];
      // Not in the mirror, or (partly) off the canvas: then kept inside it, so not on the widget.
      if (!m || r.y < placed.top || r.y + r.height > placed.bottom) continue;
      compared.push(id);
      for (const k of ['x', 'y', 'width', 'height'])
        assert.ok(Math.abs(m[k] - r[k]) <= 0.5, `${id}.${k}: mirror ${m[k]}, drawing ${r[k]}`);
      if (roles[id] !== 'text') assert.ok(m.width >= 24 && m.height >= 24, `${id} is a 24 × 24 target (${m.width} × ${m.height})`);
    }
    assert.ok(compared.length >= 5, `controls compared: ${compared}`);
    await form.screenshot('a11y-200-percent.png');
  } finally {
    await form.close();
  }
});

// --- announcements -----------------------------------------------------------------------

test('the live region says the problem count once typing settles, and the language switch', async () => {
  const form = await Form.open(browser, site.url, { locale: 'en-US' });
  const { page } = form;
  try {
    // One region, there before the module ran (made by the loader), polite.
    assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('#ftblock-form [aria-live]')].map((e) =>
      [e.getAttribute('role'), e.getAttribute('aria-live'), e.textContent])), [['status', 'polite', '']]);
    await page.keyboard.press('Tab');
    await tabTo(page, 'field_customer');
    // While typing (a character every 150 ms, under the 1 s settle time) nothing is said.
    const heard = new Set();
    for (const ch of 'Contoso') {
      await page.keyboard.type(ch);
      await sleep(150);
      heard.add(await liveText(page));
    }
    assert.deepEqual([...heard], [''], 'nothing said on each keystroke');
    await sleep(1300);
    assert.equal(await liveText(page), 'Problems: 4 errors, 0 warnings');
    // A change that ends where it began says nothing new.
    await page.keyboard.press('End');
    await page.keyboard.type('x');
    await page.keyboard.press('Backspace');
    await sleep(1300);
    assert.equal(await liveText(page), 'Problems: 4 errors, 0 warnings');

    // The language, from the form's own list (the arrows on its select).
    await tabTo(page, 'language');
    await page.keyboard.press('ArrowDown');
    await settle(page);
    assert.equal(await form.language(), 'zh-CN');
    assert.equal(await liveText(page), '语言：中文 (简体)');
    assert.equal(await page.evaluate(() => document.querySelector('.ftblock-live').lang), 'zh-CN');
    await sleep(1300);
    assert.equal(await liveText(page), '问题: 4 个错误, 0 个警告');
  } finally {
    await form.close();
  }
});

// --- axe-core ----------------------------------------------------------------------------

async function axeViolations(page) {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const r = await window.axe.run(document);
    return r.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

test('axe-core finds no violation on ftblock\'s page (a new record and one with problems) and on the example page', async () => {
  const form = await Form.open(browser, site.url, { locale: 'en-US' });
  try {
    assert.deepEqual(await axeViolations(form.page), [], 'ftblock\'s page, a new record');
    await touchWithProblems(form);
    assert.deepEqual(await axeViolations(form.page), [], 'ftblock\'s page, problems shown');
  } finally {
    await form.close();
  }
  const ex = await openExample('zh-CN');
  try {
    assert.deepEqual(await axeViolations(ex.page), [], 'the example page');
  } finally {
    await ex.close();
  }
});
