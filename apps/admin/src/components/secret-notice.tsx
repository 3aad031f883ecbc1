import type { ReactNode } from 'react';
import { CopyButton } from './copy-button';
import { Button, Notice } from './ui';

/** A secret shown once (a generated password, a new key or token) with a copy button; `onDone` hides it. */
export function SecretNotice({
  title,
  value,
  id,
  testId,
  copyLabel,
  tone = 'warning',
  onDone,
  children,
}: {
  title: string;
  value: string;
  id: string;
  testId?: string;
  copyLabel?: string;
  tone?: 'success' | 'warning';
  onDone?: () => void;
  children?: ReactNode;
}) {
  return (
    <Notice tone={tone} title={title}>
      {children}
      <p className="mt-2 flex flex-wrap items-center gap-3">
        <code
          id={id}
          data-testid={testId}
          className="rounded bg-white px-2 py-1 font-mono text-sm break-all ring-1 ring-slate-300 dark:bg-slate-900 dark:ring-slate-600"
        >
          {value}
        </code>
        <CopyButton value={value} targetId={id} label={copyLabel} />
        {onDone ? (
          <Button variant="ghost" size="sm" onClick={onDone}>
            Done
          </Button>
        ) : null}
      </p>
    </Notice>
  );
}
