'use client';

import { usePathname } from 'next/navigation';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useId, useRef, useState } from 'react';
import { Button } from './ui';

// The confirmation dialog is one <dialog> beside the pages (ConfirmProvider, root layout), not a part of each
// button: a button in a table row is re-rendered, moved or dropped whenever a live update refetches its list
// (another row sorts before it and pushes it onto the next page, someone deletes it), and a dialog inside the
// row would vanish while the user is reading it. The question and its action are taken when the button is
// pressed, so confirming acts on what the user was asked about even if its row has left the page meanwhile
// (if the thing itself is gone, the server's answer says so).

type Variant = 'danger' | 'secondary';
type Question = { title: string; body?: ReactNode; confirmLabel: string; variant: Variant; onConfirm: () => void };

const ConfirmContext = createContext<((question: Question) => void) | null>(null);

export function ConfirmProvider({ children }: { children: ReactNode }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const pathname = usePathname();
  // A question belongs to the page it was asked on: leaving that page (Back) closes it.
  const [question, setQuestion] = useState<(Question & { pathname: string }) | null>(null);
  const ask = useCallback((q: Question) => setQuestion({ ...q, pathname }), [pathname]);
  useEffect(() => {
    if (!question) return;
    if (question.pathname !== pathname) dialog.current?.close();
    else if (!dialog.current?.open) dialog.current?.showModal();
  }, [question, pathname]);

  return (
    <ConfirmContext.Provider value={ask}>
      {children}
      <dialog
        ref={dialog}
        aria-label={question?.title}
        onClose={() => setQuestion(null)}
        className="m-auto w-full max-w-md rounded-lg border border-slate-200 p-0 shadow-xl dark:border-slate-700"
      >
        {question ? (
          <form
            method="dialog"
            className="p-5"
            onSubmit={(e) => {
              if ((e.nativeEvent as SubmitEvent).submitter?.getAttribute('value') === 'confirm') question.onConfirm();
            }}
          >
            <h2 className="text-base font-semibold text-slate-900 dark:text-slate-50">{question.title}</h2>
            {question.body ? <div className="mt-2 text-sm text-slate-600 dark:text-slate-300">{question.body}</div> : null}
            <div className="mt-5 flex justify-end gap-2">
              <Button type="submit" variant="secondary" value="cancel" autoFocus>
                Cancel
              </Button>
              <Button type="submit" variant={question.variant} value="confirm">
                {question.confirmLabel}
              </Button>
            </div>
          </form>
        ) : null}
      </dialog>
    </ConfirmContext.Provider>
  );
}

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
  variant?: Variant;
}) {
  const ask = useContext(ConfirmContext);
  if (!ask) throw new Error('ConfirmButton needs the ConfirmProvider of the root layout');
  const reasonId = useId();
  const reason = disabled && disabledReason ? disabledReason : null;
  return (
    <>
      <Button
        variant={variant === 'danger' ? 'secondary' : variant}
        size="sm"
        disabled={disabled}
        aria-describedby={reason ? reasonId : undefined}
        onClick={() => ask({ title, body: children, confirmLabel, variant, onConfirm })}
      >
        {label}
      </Button>
      {reason ? (
        <span id={reasonId} className="ml-2 text-xs text-slate-600 dark:text-slate-300">
          {reason}
        </span>
      ) : null}
    </>
  );
}
