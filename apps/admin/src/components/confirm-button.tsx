'use client';

import { type ReactNode, useId, useRef } from 'react';
import { Button } from './ui';

/**
 * A button that asks before doing something irreversible, in a modal <dialog> (focus trapped, Esc cancels).
 */
export function ConfirmButton({
  label,
  title,
  children,
  confirmLabel,
  onConfirm,
  disabled,
  disabledReason,
  variant = 'danger',
}: {
  label: string;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
  /** Shown next to the button while it is disabled, so the user learns why (e.g. "in use by 2 profiles"). */
  disabledReason?: string;
  variant?: 'danger' | 'secondary';
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const reasonId = useId();
  const reason = disabled && disabledReason ? disabledReason : null;
  return (
    <>
      <Button
        variant={variant === 'danger' ? 'secondary' : variant}
        size="sm"
        disabled={disabled}
        aria-describedby={reason ? reasonId : undefined}
        onClick={() => dialog.current?.showModal()}
      >
        {label}
      </Button>
      {reason ? (
        <span id={reasonId} className="ml-2 text-xs text-slate-600 dark:text-slate-300">
          {reason}
        </span>
      ) : null}
      <dialog
        ref={dialog}
        aria-label={title}
        className="m-auto w-full max-w-md rounded-lg border border-slate-200 p-0 shadow-xl dark:border-slate-700"
      >
        <form
          method="dialog"
          className="p-5"
          onSubmit={(e) => {
            if ((e.nativeEvent as SubmitEvent).submitter?.getAttribute('value') === 'confirm') onConfirm();
          }}
        >
          <h2 className="text-base font-semibold text-slate-900 dark:text-slate-50">{title}</h2>
          {children ? <div className="mt-2 text-sm text-slate-600 dark:text-slate-300">{children}</div> : null}
          <div className="mt-5 flex justify-end gap-2">
            <Button type="submit" variant="secondary" value="cancel" autoFocus>
              Cancel
            </Button>
            <Button type="submit" variant={variant} value="confirm">
              {confirmLabel}
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
