'use client';

import { createContext, type ReactNode, useCallback, useContext, useRef, useState } from 'react';

// Save / delete feedback: a short message in a live region, optionally with one action (Undo).

type Toast = { id: number; message: string; tone: 'success' | 'error'; action?: { label: string; run: () => void } };
type ShowToast = (toast: Omit<Toast, 'id' | 'tone'> & { tone?: Toast['tone'] }) => void;

const ToastContext = createContext<ShowToast>(() => {});
const TOAST_MS = 6_000;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), []);
  const show = useCallback<ShowToast>(
    (toast) => {
      const id = next.current++;
      setToasts((all) => [...all.slice(-3), { tone: 'success', ...toast, id }]);
      setTimeout(() => dismiss(id), TOAST_MS);
    },
    [dismiss],
  );
  return (
    <ToastContext.Provider value={show}>
      {children}
      <ol aria-live="polite" aria-label="Notifications" className="fixed bottom-4 left-4 z-50 flex max-w-sm flex-col gap-2">
        {toasts.map((t) => (
          <li
            key={t.id}
            data-testid="toast"
            className={`flex items-center gap-3 rounded-md border px-4 py-2 text-sm shadow-lg ${
              t.tone === 'error'
                ? 'border-red-300 bg-red-50 text-red-950 dark:border-red-700 dark:bg-red-950 dark:text-red-50'
                : 'border-slate-300 bg-white text-slate-900 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-50'
            }`}
          >
            <span>{t.message}</span>
            {t.action ? (
              <button
                type="button"
                className="font-semibold text-indigo-800 underline dark:text-indigo-200"
                onClick={() => {
                  dismiss(t.id);
                  t.action?.run();
                }}
              >
                {t.action.label}
              </button>
            ) : null}
          </li>
        ))}
      </ol>
    </ToastContext.Provider>
  );
}

export function useToast(): ShowToast {
  return useContext(ToastContext);
}

/**
 * Bulk delete for APIs without a delete-many: removes the rows one at a time, then says in one toast how many
 * went (an error toast when some could not be removed). Answers the number removed.
 */
export function useRemoveEach(singular: string, plural: string) {
  const toast = useToast();
  return async <T,>(rows: T[], remove: (row: T) => Promise<unknown>): Promise<number> => {
    let done = 0;
    for (const row of rows)
      await remove(row).then(
        () => done++,
        () => undefined,
      );
    toast({
      message: done === 1 ? `Deleted 1 ${singular}` : `Deleted ${done} ${plural}`,
      tone: done === rows.length ? 'success' : 'error',
    });
    return done;
  };
}
