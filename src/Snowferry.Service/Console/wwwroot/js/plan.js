// The plan preview: each column's role and the exact SQL, from POST /v1/plans, with the plan's warnings next to the
// column they concern (a numeric identifier the defaults would sum) and a one-click switch to group by it instead.
import { byId, fill, h } from './dom.js';
import { tableName } from './format.js';

const section = byId('plan');
const summary = byId('plan-summary');
const general = byId('plan-warnings');
const body = byId('plan-columns').querySelector('tbody');

const ROLES = { month: 'month', key: 'key', sum: 'sum', dropped: 'dropped' };

function tally(columns) {
  const counts = {};
  for (const column of columns) counts[column.role] = (counts[column.role] ?? 0) + 1;
  return Object.entries(counts).map(([role, n]) => `${n} ${ROLES[role] ?? role}`).join(', ');
}

/** Shows a plan; onUseAsKey(column) is called by a warning's "Group by it (key)". */
export function renderPlan(plan, { onUseAsKey }) {
  const flagged = new Map();
  const other = [];
  for (const warning of plan.warnings ?? []) {
    if (warning && typeof warning === 'object' && warning.column) flagged.set(warning.column, warning);
    else other.push(typeof warning === 'string' ? warning : warning?.detail ?? String(warning));
  }

  byId('plan-title').textContent = `Plan of ${tableName(plan.source_table)}`;
  delete summary.dataset.stale;
  summary.textContent = `${plan.columns.length} source columns (${tally(plan.columns)}); the file has ` +
    `${plan.output_columns.length} columns. Nothing has moved yet.`;
  fill(general, other.map((text) => h('li', {}, text)));
  general.hidden = other.length === 0;

  fill(body, plan.columns.map((column, index) => {
    const nameId = `plan-col-${index}`;
    const warning = flagged.get(column.name);
    const role = h('td', {}, h('span', { class: 'role', 'data-role': column.role }, column.role));
    if (warning) {
      const flag = h('div', { class: 'flag', 'data-warning': warning.code ?? 'warning' }, h('p', {}, warning.detail ?? warning.code));
      if (!warning.option || warning.option === 'key_columns') {
        flag.append(h('button', {
          type: 'button', class: 'small', 'data-action': 'use-key', 'aria-describedby': nameId,
          onclick: () => onUseAsKey(column.name),
        }, 'Group by it (key)'));
      }
      role.append(flag);
    }
    return h('tr', { dataset: { column: column.name } },
      h('th', { scope: 'row', id: nameId, class: 'mono' }, column.name),
      h('td', { class: 'mono' }, column.type),
      role);
  }));

  byId('plan-sql').textContent = plan.sql;
  section.hidden = false;
}

/** Notes that the form changed since the preview (the plan shown is of the old values). */
export function markStale() {
  if (!section.hidden && !summary.dataset.stale) {
    summary.dataset.stale = 'true';
    summary.textContent += ' The form has changed since: preview again to see the new plan.';
  }
}

export function hidePlan() {
  section.hidden = true;
  delete summary.dataset.stale;
  body.replaceChildren();
  byId('plan-sql').textContent = '';
}
