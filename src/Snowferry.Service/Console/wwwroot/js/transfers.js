// The transfers list: the client's jobs, newest first, refreshed by polling while the page is visible (EventSource
// cannot send the Authorization header), filtered by state and paged with the service's next_cursor.
import { ApiProblem, get, post } from './api.js';
import { byId } from './dom.js';
import { shortTable } from './format.js';
import { isActive, renderJob } from './job.js';
import { confirmCancel, showManifest } from './dialogs.js';

const INTERVAL_MS = 1500;

const list = byId('job-list');
const empty = byId('job-empty');
const banner = byId('transfers-error');
const filter = byId('state-filter');
const pageSize = byId('page-size');
const newer = byId('page-newer');
const older = byId('page-older');
const pageNumber = byId('page-number');
const announcer = byId('announcer');

let running = false;
let timer = null;
let controller = null;
let cursors = [null]; // the cursor of each page reached so far; the first page has none
let page = 0;
let nextCursor = null;
let items = [];
let loaded = false; // whether items answer the current page and filter (until then "no transfers" would be a guess)
const states = new Map(); // the state each job was last seen in, to announce a change
const cancelling = new Set();
const notes = new Map();

function showError(problem) {
  banner.textContent = problem ? `${problem.title}: ${problem.detail}` : '';
  banner.hidden = !problem;
}

function announce(jobs) {
  const changes = [];
  for (const job of jobs) {
    const before = states.get(job.id);
    if (before && before !== job.state) changes.push(`${shortTable(job.source_table)} ${job.state}`);
    states.set(job.id, job.state);
  }
  if (changes.length > 0) announcer.textContent = `Transfer ${changes.join(', ')}.`;
}

function focusJob(id, action) {
  const card = list.querySelector(`.job[data-id="${CSS.escape(id)}"]`);
  if (!card) return;
  const target = card.querySelector(`[data-action="${action}"]:not(:disabled)`) ?? card.querySelector('h2');
  if (target.tagName === 'H2') target.setAttribute('tabindex', '-1');
  target.focus();
}

function render() {
  // A card is rebuilt on every refresh (its duration moves); focus inside one is put back on the same control.
  const active = document.activeElement;
  const activeJob = active && list.contains(active) ? active.closest('.job')?.dataset.id : null;
  const activeAction = activeJob ? active.dataset.action : null;

  list.replaceChildren(...items.map((job) => renderJob(job, {
    cancelling: cancelling.has(job.id),
    note: notes.get(job.id) ?? null,
    onCancel: cancel,
    onManifest: manifest,
  })));
  empty.hidden = !loaded || items.length > 0;

  if (activeJob) focusJob(activeJob, activeAction);
}

function pager() {
  newer.disabled = page === 0;
  older.disabled = !nextCursor;
  pageNumber.textContent = `Page ${page + 1}`;
}

async function refresh() {
  controller?.abort();
  controller = new AbortController();
  const query = new URLSearchParams({ limit: pageSize.value });
  if (filter.value) query.set('state', filter.value);
  if (cursors[page]) query.set('cursor', cursors[page]);
  try {
    const { data } = await get(`/v1/transfers?${query}`, { signal: controller.signal });
    items = data.items;
    loaded = true;
    nextCursor = data.next_cursor;
    for (const job of items) if (!isActive(job)) cancelling.delete(job.id);
    announce(items);
    render();
    pager();
    showError(null);
  } catch (error) {
    if (error.name === 'AbortError') return;
    if (!(error instanceof ApiProblem)) throw error;
    if (error.status !== 401) showError(error);
  }
}

function schedule() {
  clearTimeout(timer);
  if (running && document.visibilityState === 'visible') timer = setTimeout(tick, INTERVAL_MS);
}

async function tick() {
  await refresh();
  schedule();
}

function replace(job) {
  items = items.map((item) => (item.id === job.id ? job : item));
}

// A dialog gives focus back to its opener, which a refresh may have rebuilt meanwhile: the job's card takes it then.
function refocus(job, action) {
  if (document.activeElement === document.body || !document.activeElement) focusJob(job.id, action);
}

async function cancel(job) {
  const confirmed = await confirmCancel(job);
  refocus(job, 'cancel');
  if (!confirmed) return;
  cancelling.add(job.id);
  notes.delete(job.id);
  render();
  try {
    const { data } = await post(`/v1/transfers/${encodeURIComponent(job.id)}/cancel`);
    // 200: cancelled; 202: cancelling, which the next refreshes finish.
    replace(data);
    if (!isActive(data)) cancelling.delete(job.id);
  } catch (error) {
    if (!(error instanceof ApiProblem)) throw error;
    cancelling.delete(job.id);
    notes.set(job.id, `Not cancelled: ${error.detail}`);
  }
  render();
  refocus(job, 'cancel');
}

async function manifest(job) {
  try {
    const { data } = await get(`/v1/transfers/${encodeURIComponent(job.id)}/manifest`);
    notes.delete(job.id);
    await showManifest(job, data);
    refocus(job, 'manifest');
  } catch (error) {
    if (!(error instanceof ApiProblem)) throw error;
    notes.set(job.id, `The manifest could not be read: ${error.detail}`);
    render();
  }
}

function goTo(target) {
  page = target;
  items = [];
  loaded = false;
  nextCursor = null;
  render();
  pager();
  tick();
}

// Another filter or page size starts again from the newest: the cursors so far belong to the old question.
for (const control of [filter, pageSize]) {
  control.addEventListener('change', () => {
    cursors = [null];
    goTo(0);
  });
}
newer.addEventListener('click', () => goTo(Math.max(0, page - 1)));
older.addEventListener('click', () => {
  if (!nextCursor) return;
  cursors[page + 1] = nextCursor;
  goTo(page + 1);
});
document.addEventListener('visibilitychange', () => {
  if (!running) return;
  if (document.visibilityState === 'visible') tick();
  else clearTimeout(timer);
});

export const transfers = {
  start() {
    if (running) return;
    running = true;
    tick();
  },
  stop() {
    running = false;
    clearTimeout(timer);
    controller?.abort();
  },
  /** Forgets everything shown (sign-out). */
  reset() {
    this.stop();
    items = [];
    loaded = false;
    cursors = [null];
    page = 0;
    nextCursor = null;
    filter.value = '';
    pageSize.value = '20';
    states.clear();
    cancelling.clear();
    notes.clear();
    list.replaceChildren();
    showError(null);
    pager();
  },
};
