// How numbers, sizes, times and names read on the page.

const whole = new Intl.NumberFormat('en');

export const count = (n) => (n === null || n === undefined ? '–' : whole.format(n));

export function bytes(n) {
  if (n === null || n === undefined) return '–';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(value < 10 ? 2 : 1)} ${units[unit]}`;
}

/** From a start to an end (or now, for a job still running), as 850 ms, 12.3 s, 4 min 05 s or 2 h 03 min. */
export function duration(startIso, endIso) {
  if (!startIso) return '–';
  const ms = Math.max(0, (endIso ? Date.parse(endIso) : Date.now()) - Date.parse(startIso));
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min ${String(Math.floor(s % 60)).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** A time in the reader's own zone, to the second. */
export function time(iso) {
  if (!iso) return '–';
  return new Date(iso).toLocaleString(undefined, {
    year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit',
  });
}

// "SNOWFERRY"."PUBLIC"."ORDERS_100K" reads as SNOWFERRY.PUBLIC.ORDERS_100K; a part that needs its quotes
// (lower case, spaces, dots) keeps them, so the name still means exactly one table.
export function tableName(quoted) {
  if (!quoted) return '';
  const parts = [];
  let i = 0;
  while (i < quoted.length) {
    if (quoted[i] === '"') {
      let j = i + 1;
      let text = '';
      while (j < quoted.length) {
        if (quoted[j] === '"' && quoted[j + 1] === '"') { text += '"'; j += 2; continue; }
        if (quoted[j] === '"') break;
        text += quoted[j];
        j += 1;
      }
      parts.push(/^[A-Z_][A-Z0-9_$]*$/.test(text) ? text : `"${text.replaceAll('"', '""')}"`);
      i = j + 2; // past the closing quote and the dot
    } else {
      const dot = quoted.indexOf('.', i);
      parts.push(dot < 0 ? quoted.slice(i) : quoted.slice(i, dot));
      i = dot < 0 ? quoted.length : dot + 1;
    }
  }
  return parts.join('.');
}

/** The last part of a table name (the heading of a job). */
export const shortTable = (quoted) => tableName(quoted).split('.').pop();

/** "O_ORDERKEY, USERID" → ["O_ORDERKEY", "USERID"]; empty entries dropped. */
export const names = (text) => text.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
