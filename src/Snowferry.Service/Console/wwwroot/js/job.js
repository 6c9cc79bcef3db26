// One job of the list, as a card: what it is, how far it is, and what came of it.
import { h } from './dom.js';
import { bytes, count, duration, shortTable, tableName, time } from './format.js';

export const isActive = (job) => job.state === 'queued' || job.state === 'running';

const fact = (label, value, attributes = {}) => h('div', attributes, h('dt', {}, label), h('dd', {}, value));

function rows(progress) {
  return progress.total_rows === null || progress.total_rows === undefined
    ? count(progress.rows)
    : `${count(progress.rows)} of ${count(progress.total_rows)}`;
}

function took(job) {
  if (job.state === 'queued') return 'waiting to start';
  return duration(job.started_at, job.finished_at);
}

/**
 * The card of a job. `cancelling` marks a cancel the service has accepted but not yet finished; `note` is a message
 * about this job from the last action on it (a refused cancel, a manifest that could not be read).
 */
export function renderJob(job, { cancelling = false, note = null, onCancel, onManifest }) {
  const titleId = `job-${job.id}-title`;
  const actions = h('div', { class: 'actions' });
  if (job.state === 'succeeded' && job.report && job.report.manifest_file_name) {
    actions.append(h('button', {
      type: 'button', class: 'small', 'data-action': 'manifest', 'aria-describedby': titleId, onclick: () => onManifest(job),
    }, 'Manifest'));
  }
  if (isActive(job)) {
    actions.append(h('button', {
      type: 'button', class: 'small danger', 'data-action': 'cancel', 'aria-describedby': titleId, disabled: cancelling,
      onclick: () => onCancel(job),
    }, cancelling ? 'Cancelling…' : 'Cancel'));
  }

  const progress = job.progress ?? { phase: job.state, rows: 0, total_rows: null, bytes: 0 };
  const facts = h('dl', { class: 'facts' },
    fact('Phase', progress.phase),
    fact('Rows', h('span', { 'data-fact': 'rows' }, rows(progress))),
    fact('Bytes', bytes(progress.bytes)),
    fact('Duration', took(job)),
    fact('Submitted', h('time', { datetime: job.submitted_at }, time(job.submitted_at))),
    fact('Table', tableName(job.source_table), { class: 'span' }),
    fact('Destination', job.destination_s3_bucket, { class: 'span' }));

  const card = h('li', { class: 'job', dataset: { id: job.id, state: job.state } },
    h('article', { 'aria-labelledby': titleId },
      h('div', { class: 'job-head' },
        h('h2', { id: titleId }, shortTable(job.source_table)),
        h('span', { class: `state state-${job.state}`, 'data-fact': 'state' }, job.state),
        actions),
      facts));
  const article = card.firstChild;

  if (job.state === 'running' && progress.total_rows !== null && progress.total_rows !== undefined) {
    article.append(h('progress', {
      max: Math.max(progress.total_rows, 1), value: Math.min(progress.rows, progress.total_rows),
      'aria-label': `Rows written of ${shortTable(job.source_table)}`,
    }));
  }

  if (job.state === 'succeeded' && job.result) {
    article.append(h('dl', { class: 'facts result' },
      fact('Object key', h('span', { class: 'mono', 'data-fact': 'key' }, job.result.file_name), { class: 'span' }),
      fact('Row count', h('span', { 'data-fact': 'row-count' }, count(job.result.row_count))),
      fact('Checksum', h('span', { class: 'mono', 'data-fact': 'checksum' }, job.report?.checksum ?? '–'), { class: 'span' })));
  }

  if ((job.state === 'failed' || job.state === 'cancelled') && job.error) {
    article.append(h('div', { class: 'problem', 'data-fact': 'problem' },
      h('p', { class: 'problem-title' }, job.error.title),
      h('p', { class: 'problem-detail' }, job.error.detail)));
  }

  if (note) article.append(h('p', { class: 'note', role: 'status' }, note));
  article.append(h('p', { class: 'note mono' }, `Job ${job.id}`));
  return card;
}
