// module.js — the smallest embedding, as an ES module (examples/module.html): the form mounted
// with a record from the host, its validity and submitted record shown beside it, and the same
// record checked once by the validator alone.
import { mount, validate } from '../ftblock-embed.mjs';

const $ = (id) => document.getElementById(id);

const record = {
  customer: 'Northwind 贸易', workload: 'sharepoint_online', scenario: 'assignment',
  updated_by: 'assignment_fm', l1: 'blocked', l2: 'adoption_readiness', service_state: 'not_applicable',
  engagement_scenario: 'customer_led_ftp_assist', owner: 'delivery_fm',
  notes: 'End users are not trained; the rollout waits for training.',
  next_action_date: '2026-12-01', next_action: 'kickoff_meeting', updated_at: '2026-11-24'
};

function showValidity({ valid, diagnostics }) {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  $('validity').dataset.valid = String(valid);
  $('validity').textContent = valid ? '✓ Valid / 有效' : `✗ ${errors} error(s) / 个错误`;
}

const form = mount($('form'), {
  record,
  onChange: showValidity,
  onSubmit: ({ record: submitted }) => { $('submitted').textContent = JSON.stringify(submitted, null, 2); }
});
window.moduleExample = { form };

try {
  await form.ready;
  showValidity(form.validate());
  // The validator alone gives the same verdict without the form.
  const alone = await validate(record);
  window.moduleExample.validated = alone;
  $('module-state').dataset.state = 'ready';
  $('module-state').textContent = `Ready; the validator alone says: ${alone.valid ? 'valid' : 'invalid'} / 就绪`;
} catch (e) {
  $('module-state').dataset.state = 'failed';
  $('module-state').textContent = `Failed / 失败: ${e.message}`;
}
