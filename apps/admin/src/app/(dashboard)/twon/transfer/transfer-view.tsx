'use client';

import { useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, useState } from 'react';
import { ErrorAlert } from '@/components/error-alert';
import { useHasScope } from '@/components/session';
import { Badge, Button, Card, Loading, Notice, PageHeader, Table, Td, Th } from '@/components/ui';
import { useTRPC, useTRPCClient } from '@/trpc/client';
import { leafPaths, parseCsv, rowsToEntries, toCsv, valueAt } from '../csv';
import { type TwonDirectoryInfo, WithTwonDirectory } from '../directory-picker';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
// Rows per request: keeps each tRPC call small and lets the progress bar move.
const IMPORT_CHUNK = 250;

/** The uuid a CSV line itself gave, if any. */
function fileUuid(entry: unknown): string | undefined {
  const uuid = (entry as { uuid?: unknown } | undefined)?.uuid;
  return typeof uuid === 'string' && uuid !== '' ? uuid : undefined;
}

type RowReport = { row: number; uuid?: string; timestamp?: number; errors?: { code: string; field?: string }[] };

export function TransferView() {
  return (
    <>
      <PageHeader
        title="2N import / export"
        description="CSV with one entry per row; the header names fields by path (uuid, name, email, owner, access.pin, access.code[0], callPos[0].peer …). Rows without a uuid get a new one."
      />
      <WithTwonDirectory>
        {(directory) => (
          <div key={directory.id} className="flex flex-col gap-6">
            <Import directory={directory} />
            <Export directory={directory} />
          </div>
        )}
      </WithTwonDirectory>
    </>
  );
}

function Import({ directory }: { directory: TwonDirectoryInfo }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const canWrite = useHasScope('twon:write');
  const [force, setForce] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [report, setReport] = useState<RowReport[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setError(null);
    setReport(null);
    try {
      const template = (await client.twoN.dir.template.query({ directoryId: directory.id })).users[0] as Record<string, Json>;
      const { entries } = rowsToEntries(parseCsv(await file.text()), template);
      const results: RowReport[] = [];
      setProgress({ done: 0, total: entries.length });
      for (let i = 0; i < entries.length; i += IMPORT_CHUNK) {
        const chunk = entries.slice(i, i + IMPORT_CHUNK);
        const res = await client.twoN.dir.create.mutate({ directoryId: directory.id, users: chunk, force });
        (res.users ?? []).forEach((u, j) => {
          // Row numbers as in the file: the header is row 1. A rejected row was never written: it shows the
          // uuid its own line gave (if any), never one the server would have generated for it.
          const row = i + j + 2;
          if ('errors' in u) results.push({ row, uuid: fileUuid(chunk[j]), errors: u.errors });
          else results.push({ row, uuid: u.uuid, timestamp: u.timestamp });
        });
        setProgress({ done: Math.min(i + IMPORT_CHUNK, entries.length), total: entries.length });
      }
      setReport(results);
      await queryClient.invalidateQueries({ queryKey: trpc.twoN.pathKey() });
    } catch (err) {
      setError(err);
    }
  }

  const failed = report?.filter((r) => r.errors) ?? [];
  return (
    <Card
      title="Import CSV"
      description="Each row is created as one entry. A row with errors is skipped (nothing of it is written); the other rows are imported."
    >
      <div className="flex flex-col gap-4">
        {canWrite ? (
          <div className="flex flex-wrap items-center gap-4">
            <label className="flex flex-col gap-1 text-sm font-medium text-slate-700 dark:text-slate-200">
              CSV file
              <input type="file" accept=".csv,text/csv" aria-label="CSV file" onChange={onFile} className="text-sm" />
            </label>
            <label className="flex items-center gap-2 text-sm text-slate-700 dark:text-slate-200">
              <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
              Overwrite existing uuids (force: unspecified fields reset to defaults)
            </label>
          </div>
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-300">Importing needs the twon:write scope.</p>
        )}
        {progress ? (
          <div className="flex items-center gap-3">
            <progress aria-label="Import progress" max={progress.total || 1} value={progress.done} className="w-64" />
            <span className="text-sm text-slate-700 dark:text-slate-200" data-testid="twon-import-progress">
              {progress.done} / {progress.total} rows
            </span>
          </div>
        ) : null}
        {progress && !report && !error ? <Loading label="Importing…" /> : null}
        <ErrorAlert error={error} title="The import stopped" />
        {report ? (
          <Notice
            tone={failed.length > 0 ? 'warning' : 'success'}
            title={`Imported ${report.length - failed.length} of ${report.length} rows`}
          >
            <span data-testid="twon-import-summary">
              {failed.length === 0
                ? 'Every row was imported.'
                : `${failed.length} ${failed.length === 1 ? 'row was' : 'rows were'} rejected — see the report below.`}
            </span>
          </Notice>
        ) : null}
        {failed.length > 0 ? (
          <Table caption="Rejected rows">
            <thead>
              <tr>
                <Th>Row</Th>
                <Th>UUID in the file</Th>
                <Th>Errors</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {failed.map((r) => (
                <tr key={r.row} data-testid={`twon-import-error-row-${r.row}`}>
                  <Td>{r.row}</Td>
                  <Td className="font-mono text-xs">
                    {r.uuid ?? <span className="font-sans text-slate-600 dark:text-slate-300">none in the file</span>}
                  </Td>
                  <Td>
                    <div className="flex flex-wrap gap-1">
                      {r.errors!.map((e) => (
                        <Badge key={`${e.code}-${e.field}`} tone="red">
                          {e.code}
                          {e.field ? ` (${e.field})` : ''}
                        </Badge>
                      ))}
                    </div>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : null}
      </div>
    </Card>
  );
}

function Export({ directory }: { directory: TwonDirectoryInfo }) {
  const client = useTRPCClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function download() {
    setBusy(true);
    setError(null);
    try {
      const [template, all] = await Promise.all([
        client.twoN.dir.template.query({ directoryId: directory.id }),
        client.twoN.dir.query.query({ directoryId: directory.id, fields: [] }),
      ]);
      const columns = leafPaths(template.users[0] as Record<string, Json>);
      const rows = all.users
        .filter((u) => !u.deleted)
        .map((u) =>
          columns.map((c) => {
            const v = valueAt(u as Record<string, Json>, c);
            return v === undefined || v === null ? '' : String(v);
          }),
        );
      const blob = new Blob([toCsv([columns, ...rows])], { type: 'text/csv' });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `${directory.name.replace(/[^A-Za-z0-9._-]+/g, '_')}.csv`;
      a.click();
      URL.revokeObjectURL(url);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title="Export CSV" description="Every live entry with every field of the model, in the import format.">
      <div className="flex flex-col gap-3">
        <div>
          <Button variant="secondary" onClick={download} disabled={busy}>
            {busy ? 'Exporting…' : 'Download CSV'}
          </Button>
        </div>
        <ErrorAlert error={error} title="The export failed" />
      </div>
    </Card>
  );
}
