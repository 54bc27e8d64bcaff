// Helpers of the accessibility tests (a11y.test.mjs): what Chromium's accessibility tree says
// about the semantic mirror's controls (docs/accessibility.md), read over CDP, and the mirror's
// DOM focus.

// The 16 fields of a record as the mirror names its controls (the scenario is a radio group).
export const FIELD_IDS = ['field_id', 'field_customer', 'field_workload', 'field_scenario', 'field_updated_by',
  'field_l1', 'field_l2', 'field_l3', 'field_service_state', 'field_engagement_scenario', 'field_target_date',
  'field_owner', 'field_notes', 'field_next_action_date', 'field_next_action', 'field_updated_at'];

// { id: { role, name, value, required, invalid, description } } for every element of the mirror
// with an id (data-ftblock-id; a radio group: data-ftblock-group), from
// Accessibility.getFullAXTree: the roles, names, values and states assistive technology gets.
// Values absent from the tree are left out (an empty value, a state that is false).
export async function axControls(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId,
      selector: '.ftblock-mirror [data-ftblock-id], .ftblock-mirror [data-ftblock-group]' });
    const byBackend = new Map();
    for (const nodeId of nodeIds) {
      const { node } = await cdp.send('DOM.describeNode', { nodeId });
      const attrs = {};
      for (let i = 0; i < node.attributes.length; i += 2) attrs[node.attributes[i]] = node.attributes[i + 1];
      byBackend.set(node.backendNodeId, attrs['data-ftblock-id'] || attrs['data-ftblock-group']);
    }
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const out = {};
    for (const n of nodes) {
      const id = byBackend.get(n.backendDOMNodeId);
      if (!id || n.ignored) continue;
      const entry = { role: n.role?.value };
      if (n.name?.value) entry.name = n.name.value;
      if (n.value?.value !== undefined && n.value.value !== '') entry.value = String(n.value.value);
      for (const p of n.properties || []) {
        if (p.name === 'required' && p.value.value) entry.required = true;
        if (p.name === 'invalid' && p.value.value && p.value.value !== 'false') entry.invalid = true;
        if (p.name === 'readonly' && p.value.value) entry.readOnly = true;
        if (p.name === 'disabled' && p.value.value) entry.disabled = true;
        if (p.name === 'checked' && p.value.value && p.value.value !== 'false') entry.checked = true;
        if (p.name === 'selected' && p.value.value) entry.selected = true;
        if (p.name === 'focused' && p.value.value) entry.focused = true;
      }
      if (n.description?.value) entry.description = n.description.value;
      out[id] = entry;
    }
    return out;
  } finally {
    await cdp.detach();
  }
}

// The mirror control holding the DOM focus (its node id), or a description of what has it.
export async function focused(page) {
  return page.evaluate(() => {
    const a = document.activeElement;
    if (!a) return null;
    return a.getAttribute('data-ftblock-id') || (a === document.body ? 'body' : a.id ? `#${a.id}` : a.tagName.toLowerCase());
  });
}

// The live region's text.
export async function liveText(page, selector = '.ftblock-live') {
  return page.evaluate((s) => document.querySelector(s).textContent, selector);
}
