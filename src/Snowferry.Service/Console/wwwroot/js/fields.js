// Which field of the new-transfer form a problem concerns, so its message is shown next to that field. The API names
// its fields in details (options.key_columns, source_table, destination_s3_bucket); allowlist and planner messages
// name the table or the destination in their first words.

/** The request's option names, as the API's messages write them, to the form's fields. */
const OPTIONS = [
  ['options.key_columns', 'key'],
  ['options.month_columns', 'month'],
  ['options.keep_columns', 'keep'],
  ['options.drop_columns', 'drop'],
  ['options.format', 'format'],
  ['options.mode', 'mode'],
  ['options.overwrite', 'overwrite'],
];

const BY_START = [
  [/^source_table\b/, 'table'],
  [/^destination_s3_bucket\b/, 'destination'],
  [/^The (destination|service writes only to S3|object key|default key|prefix|key template)\b/, 'destination'],
  [/^(The table|Table)\b/, 'table'],
];

/** A field name (table, destination, format, mode, key, month, keep, drop, overwrite), or null for the whole form. */
export function fieldFor(problem) {
  const detail = problem.detail ?? '';
  for (const [option, field] of OPTIONS) if (detail.includes(option)) return field;
  for (const [pattern, field] of BY_START) if (pattern.test(detail)) return field;
  return null;
}

export const LABELS = {
  table: 'Table',
  destination: 'Destination',
  format: 'Format',
  mode: 'Mode',
  key: 'Key columns',
  month: 'Month columns',
  keep: 'Keep columns',
  drop: 'Drop columns',
  overwrite: 'Replace an object already at the key',
};
