// The two dialogs: confirming a cancel, and a manifest (fetched with the bearer token: a plain link could not carry it).
import { byId, fill, h } from './dom.js';
import { bytes, count, tableName, time } from './format.js';

const cancelDialog = byId('cancel-dialog');
const manifestDialog = byId('manifest-dialog');

/** Resolves true when the reader confirms; Escape or "Keep it" resolve false. */
export function confirmCancel(job) {
  byId('cancel-text').textContent =
    `The transfer of ${tableName(job.source_table)} to ${job.destination_s3_bucket} (${job.state}) will be stopped: ` +
    'its statement is cancelled in Snowflake and its upload aborted, so nothing is left at its key.';
  cancelDialog.returnValue = '';
  cancelDialog.showModal();
  return new Promise((resolve) => {
    cancelDialog.addEventListener('close', () => resolve(cancelDialog.returnValue === 'confirm'), { once: true });
  });
}

const fact = (label, value, attributes = {}) => h('div', attributes, h('dt', {}, label), h('dd', {}, value));

/** Shows a committed manifest (what a reader of the bucket checks first, then the whole document) until closed. */
export function showManifest(job, manifest) {
  const file = Array.isArray(manifest.files) && manifest.files.length > 0 ? manifest.files[0] : {};
  byId('manifest-title').textContent = `Manifest of ${tableName(job.source_table)}`;
  fill(byId('manifest-summary'),
    fact('Object key', h('span', { class: 'mono', 'data-manifest': 'key' }, file.key ?? '–'), { class: 'span' }),
    fact('Rows', h('span', { 'data-manifest': 'rows' }, count(manifest.output_rows))),
    fact('Size', bytes(manifest.bytes)),
    fact('Committed', time(manifest.committed_at)),
    fact('Format', manifest.format ?? '–'),
    fact('Checksum', h('span', { class: 'mono' }, file.checksum ?? '–'), { class: 'span' }),
    fact('Snowflake query', h('span', { class: 'mono' }, manifest.query_id ?? '–'), { class: 'span' }));
  byId('manifest-json').textContent = JSON.stringify(manifest, null, 2);
  manifestDialog.showModal();
  return new Promise((resolve) => manifestDialog.addEventListener('close', () => resolve(), { once: true }));
}
