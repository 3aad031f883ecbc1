type Row = { field: string; before: unknown; after: unknown; changed: boolean };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function show(value: unknown): string {
  if (value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, 2);
}

/** Field-by-field rows for two snapshots; a missing side (create/delete) shows as empty. */
function diffRows(before: unknown, after: unknown): Row[] {
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  return fields.map((field) => ({ field, before: b[field], after: a[field], changed: show(b[field]) !== show(a[field]) }));
}

/** Before/after of one audit entry, changed fields highlighted. */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  if ((before === null || before === undefined) && (after === null || after === undefined)) {
    return <p className="text-sm text-slate-600 dark:text-slate-300">No data recorded for this action.</p>;
  }
  if ((before != null && !isRecord(before)) || (after != null && !isRecord(after))) {
    return (
      <div className="grid gap-3 md:grid-cols-2">
        <Snapshot label="Before" value={before} />
        <Snapshot label="After" value={after} />
      </div>
    );
  }
  const rows = diffRows(before, after);
  return (
    <table className="w-full text-xs">
      <caption className="sr-only">Changes</caption>
      <thead>
        <tr className="text-left text-slate-600 dark:text-slate-300">
          <th scope="col" className="w-48 py-1 pr-3 font-semibold">
            Field
          </th>
          <th scope="col" className="py-1 pr-3 font-semibold">
            Before
          </th>
          <th scope="col" className="py-1 font-semibold">
            After
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.field} className={row.changed ? 'bg-amber-50' : undefined}>
            <th scope="row" className="py-1 pr-3 text-left font-mono font-medium text-slate-700 dark:text-slate-200">
              {row.field}
              {row.changed ? <span className="sr-only"> (changed)</span> : null}
            </th>
            <td
              className={`py-1 pr-3 align-top font-mono break-all whitespace-pre-wrap ${row.changed ? 'text-red-800' : 'text-slate-600'}`}
            >
              {show(row.before)}
            </td>
            <td className={`py-1 align-top font-mono break-all whitespace-pre-wrap ${row.changed ? 'text-emerald-800' : 'text-slate-600'}`}>
              {show(row.after)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Snapshot({ label, value }: { label: string; value: unknown }) {
  return (
    <div>
      <p className="mb-1 text-xs font-semibold text-slate-600 dark:text-slate-300">{label}</p>
      <pre className="overflow-x-auto rounded bg-white p-2 font-mono text-xs ring-1 ring-slate-200 dark:bg-slate-900">
        {value == null ? '—' : show(value)}
      </pre>
    </div>
  );
}
