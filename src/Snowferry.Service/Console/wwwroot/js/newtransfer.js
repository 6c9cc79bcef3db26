// The new-transfer form: fields guided by the client's allowlists (GET /v1/me), a plan preview (POST /v1/plans), and
// the submission (POST /v1/transfers). A problem is shown next to the field it concerns.
import { ApiProblem, post } from './api.js';
import { byId, fill, h } from './dom.js';
import { names } from './format.js';
import { fieldFor, LABELS } from './fields.js';
import { hidePlan, markStale, renderPlan } from './plan.js';

const form = byId('new-form');
const formError = byId('form-error');
const previewButton = byId('preview-plan');
const submitButton = byId('submit-transfer');
const inputs = {
  table: byId('f-table'),
  destination: byId('f-destination'),
  format: byId('f-format'),
  mode: byId('f-mode'),
  key: byId('f-key'),
  month: byId('f-month'),
  keep: byId('f-keep'),
  drop: byId('f-drop'),
  overwrite: byId('f-overwrite'),
};
const COLUMN_OPTIONS = { key: 'key_columns', month: 'month_columns', keep: 'keep_columns', drop: 'drop_columns' };
const MODES = {
  stream: 'stream: the rows pass through the service into one file.',
  unload: 'unload: Snowflake writes the files itself (COPY INTO), for very large outputs.',
  auto: 'auto: an estimate of the output chooses stream or unload.',
};

let submitted = () => {};
let pending = null; // { text, key }: the Idempotency-Key of the body last sent, reused until it succeeds

function request() {
  const options = { format: inputs.format.value, mode: inputs.mode.value };
  for (const [field, option] of Object.entries(COLUMN_OPTIONS)) {
    const list = names(inputs[field].value);
    if (list.length > 0) options[option] = list;
  }
  if (inputs.overwrite.checked) options.overwrite = true;
  return { source_table: inputs.table.value.trim(), destination_s3_bucket: inputs.destination.value.trim(), options };
}

function errorOf(field) {
  return byId(`${inputs[field].id}-error`);
}

function clearErrors() {
  formError.hidden = true;
  formError.textContent = '';
  for (const field of Object.keys(inputs)) {
    errorOf(field).textContent = '';
    inputs[field].removeAttribute('aria-invalid');
  }
}

function fieldError(field, text) {
  errorOf(field).textContent = text;
  inputs[field].setAttribute('aria-invalid', 'true');
}

function showProblem(problem, doing) {
  const field = fieldFor(problem);
  if (field) {
    fieldError(field, problem.detail);
    formError.textContent = `${doing}: ${problem.title}. See ${LABELS[field]}.`;
    formError.hidden = false;
    inputs[field].focus();
  } else {
    formError.textContent = `${doing}: ${problem.title}. ${problem.detail}`;
    formError.hidden = false;
  }
}

// The two fields the service cannot do without, checked here so an empty form is not a round trip.
function complete() {
  clearErrors();
  let first = null;
  if (!inputs.table.value.trim()) {
    fieldError('table', 'Name the table to transfer (one of your allowed tables).');
    first = first ?? 'table';
  }
  if (!inputs.destination.value.trim()) {
    fieldError('destination', 'Give the destination: s3://bucket/prefix/ under one of your allowed destinations.');
    first = first ?? 'destination';
  }
  if (first) inputs[first].focus();
  return first === null;
}

async function preview() {
  if (!complete()) return;
  previewButton.disabled = true;
  try {
    const { data } = await post('/v1/plans', request());
    renderPlan(data, { onUseAsKey: useAsKey });
  } catch (error) {
    if (!(error instanceof ApiProblem)) throw error;
    hidePlan();
    if (error.status !== 401) showProblem(error, 'No plan');
  } finally {
    previewButton.disabled = false;
  }
}

function useAsKey(column) {
  const keys = names(inputs.key.value);
  if (!keys.some((k) => k.toUpperCase() === column.toUpperCase())) keys.push(column);
  inputs.key.value = keys.join(', ');
  // Moves focus off the button the new preview replaces, to the field that changed.
  inputs.key.focus();
  preview();
}

function idempotencyKey(text) {
  if (!pending || pending.text !== text) {
    // getRandomValues works on plain http too (randomUUID needs a secure context).
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    pending = { text, key: Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('') };
  }
  return pending.key;
}

async function submit(event) {
  event.preventDefault();
  if (submitButton.disabled || !complete()) return;
  const body = request();
  const text = JSON.stringify(body);
  submitButton.disabled = true;
  try {
    await post('/v1/transfers', body, { headers: { 'Idempotency-Key': idempotencyKey(text) } });
    pending = null;
    submitted();
  } catch (error) {
    if (!(error instanceof ApiProblem)) throw error;
    if (error.status !== 401) showProblem(error, 'Not submitted');
  } finally {
    submitButton.disabled = false;
  }
}

// Keeps the reader's choice across a refill, else the service's default.
function options(select, values, preferred) {
  const chosen = select.value;
  fill(select, values.map((value) => h('option', { value }, value)));
  if (values.includes(chosen)) select.value = chosen;
  else if (values.includes(preferred)) select.value = preferred;
}

form.addEventListener('submit', submit);
form.addEventListener('input', markStale);
previewButton.addEventListener('click', preview);
inputs.mode.addEventListener('change', () => {
  byId('f-mode-hint').textContent = MODES[inputs.mode.value] ?? '';
});

export const newTransfer = {
  /** Guides the form with what this client may do (GET /v1/me). */
  configure(me) {
    fill(byId('tables-list'), me.allowed_tables.filter((t) => !t.includes('*')).map((t) => h('option', { value: t })));
    byId('f-table-hint').textContent = me.allowed_tables.length === 0
      ? 'This client may read no table: ask the operator to allow some.'
      : `Allowed: ${me.allowed_tables.join(', ')} (* is any text within one part of the name). ` +
        'TABLE and SCHEMA.TABLE are completed with the service\'s database and schema.';
    fill(byId('destinations-list'), me.allowed_destinations.map((d) => h('option', { value: d })));
    byId('f-destination-hint').textContent = me.allowed_destinations.length === 0
      ? 'This client may write nowhere: ask the operator to allow a destination.'
      : `Allowed: ${me.allowed_destinations.join(', ')} and anything under them.`;
    const plain = me.allowed_destinations.find((d) => !d.includes('*'));
    if (!inputs.destination.value && plain) inputs.destination.value = plain;
    options(inputs.format, me.formats, 'parquet');
    options(inputs.mode, me.modes, 'stream');
    byId('f-mode-hint').textContent = MODES[inputs.mode.value] ?? '';
    byId('overwrite-field').hidden = !me.allow_overwrite;
    if (!me.allow_overwrite) inputs.overwrite.checked = false;
  },
  onSubmitted(handler) {
    submitted = handler;
  },
  /** Forgets the form (sign-out). */
  reset() {
    form.reset();
    clearErrors();
    hidePlan();
    pending = null;
    fill(byId('tables-list'));
    fill(byId('destinations-list'));
  },
};
