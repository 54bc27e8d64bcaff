// The records and edits of the accessibility tests (a11y.test.mjs): a valid assignment loaded
// through the page's handle, and a new record whose fields were touched into problems.
import { axControls, FIELD_IDS } from './a11y_helpers.mjs';

// docs/record-format.md's example as a valid assignment (its next action date well ahead of today).
export const VALID_ASSIGNMENT = {
  id: 'FT-2026-000123', customer: 'Contoso Ltd', workload: 'teams', scenario: 'assignment',
  updated_by: 'assignment_fm', l1: 'blocked', l2: 'customer_it_infrastructure', l3: null,
  service_state: 'not_applicable', engagement_scenario: 'customer_led_ftp_assist', target_date: null,
  owner: 'delivery_fm', notes: '客户的 VPN 设备与服务不兼容，需要先升级固件后才能部署。',
  next_action_date: '2099-01-15', next_action: 'kickoff_meeting', updated_at: '2026-11-24',
};

// A new assignment draft, its fields touched through the mirror's controls (focused by script,
// typed with the keyboard): the customer and the notes typed and erased (required), a record id
// with a space, two dates that are not dates; then the focus on a button, so every field has
// been left.
export async function touchWithProblems(form) {
  const focusOn = (id) => form.page.evaluate((i) => document.querySelector(`.ftblock-mirror [data-ftblock-id="${i}"]`).focus(), id);
  await form.click('new_assignment');
  await focusOn('field_customer');
  await form.type('x');
  await form.press('Backspace');
  await focusOn('field_id');
  await form.type('FT 1');
  await focusOn('field_next_action_date');
  await form.type('2026-02-30');
  await focusOn('field_notes');
  await form.type('y');
  await form.press('Backspace');
  await focusOn('field_updated_at');
  await form.type('2026-13-01');
  await focusOn('new_assignment');
  await form.settle();
}

// The fields' rows: id → [role, name, value, states, description] from Chromium's accessibility
// tree (states: 'required', 'invalid', 'readOnly', 'checked', space-separated, in that order),
// the scenario's group and its two radios included.
export async function axTable(page) {
  const ax = await axControls(page);
  const table = {};
  for (const id of [...FIELD_IDS, 'scenario_assignment', 'scenario_delivery']) {
    const n = ax[id];
    if (!n) {
      table[id] = null;
      continue;
    }
    const states = ['required', 'invalid', 'readOnly', 'checked'].filter((s) => n[s]).join(' ');
    table[id] = [n.role, n.name || '', n.value || '', states, n.description || ''];
  }
  return table;
}
