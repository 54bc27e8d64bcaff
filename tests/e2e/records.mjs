// Generated records for the browser tests and bench/browser_figures.mjs: deterministic, distinct
// (each has its own id and customer), about 700 bytes each in JSON Lines like an FTOP export
// (docs/record-format.md), a mix of assignment and delivery rows, some of them invalid (a missing customer, a
// wrong workload) as real exports are.

const WORKLOADS = ['exchange_online', 'sharepoint_online', 'onedrive', 'teams'];
const L2 = ['customer_it_infrastructure', 'customer_readiness', 'customer_resources', 'microsoft_dependency'];
const NOTES = [
  '客户的 VPN 设备与服务不兼容，需要先升级固件后才能部署。',
  'Tenant admin is on leave; the pilot group waits for the licence assignment.',
  '网络代理阻止了 Teams 的媒体流量，客户 IT 正在评估例外规则。',
  'Mailbox migration batch failed validation: legacy public folders must be cleaned first.',
];

// splitmix32-ish: the same sequence on every run
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return ((z ^ (z >>> 16)) >>> 0) / 4294967296;
  };
}

// Record n (0-based) of a generated export; `tag` keeps two files' records apart.
export function record(n, { tag = 'G', seed = 1 } = {}) {
  const r = rng(seed * 1000003 + n);
  const pick = (a) => a[Math.floor(r() * a.length)];
  const delivery = r() < 0.5;
  const id = `FT-2026-${String(n).padStart(6, '0')}${tag}`;
  const notes = `${pick(NOTES)} ${pick(NOTES)} (#${n}) ${'Follow-up planned with the customer team. '.repeat(6)}`;
  const rec = {
    id,
    customer: `Customer ${tag}${n} 有限公司`,
    workload: pick(WORKLOADS),
    scenario: delivery ? 'delivery' : 'assignment',
    updated_by: delivery ? 'delivery_fm' : 'assignment_fm',
    l1: 'blocked',
    l2: pick(L2),
    l3: null,
    service_state: 'not_applicable',
    engagement_scenario: delivery ? 'ftc_ftp_led' : 'customer_led_ftp_assist',
    target_date: delivery ? '2026-12-15' : null,
    owner: delivery ? 'account_team' : 'delivery_fm',
    notes,
    next_action_date: delivery ? null : '2026-12-01',
    next_action: delivery ? 'Customer upgrades VPN firmware, then re-test sign-in' : 'kickoff_meeting',
    updated_at: '2026-11-24',
  };
  if (n % 10 === 7) rec.customer = '';          // some rows need fixing in the form
  if (n % 10 === 3) rec.workload = 'Teams';
  return rec;
}

// `count` records as JSON Lines (a Buffer), records numbered from `first`.
export function jsonLines(count, { first = 0, tag = 'G', seed = 1 } = {}) {
  const lines = [];
  for (let i = 0; i < count; i++) lines.push(JSON.stringify(record(first + i, { tag, seed })));
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}
