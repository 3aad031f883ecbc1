'use client';

import { type ReactNode, useEffect, useState } from 'react';
import { ErrorAlert } from './error-alert';
import { EmptyState, Field, Loading, Select } from './ui';

// The vendor pages that work inside one parent record (an RPdb account, a 2N directory, a SOAJS tenant):
// a selector above the page, the choice kept in localStorage so moving between that vendor's pages stays on
// the same one, and the page itself rendered for the chosen record.

export type StoredChoiceProps<T> = {
  items: T[] | undefined;
  isPending: boolean;
  error: unknown;
  /** e.g. "RPdb accounts": used in the loading and error messages. */
  noun: string;
  storageKey: string;
  id: string;
  label: string;
  idOf: (item: T) => string;
  optionLabel: (item: T) => string;
  selectClassName?: string;
  /** Shown when there is nothing to choose. */
  empty: ReactNode;
  /** Beside the selector (e.g. a "create one" form); gets `choose` to select what it made. */
  aside?: (choose: (id: string) => void) => ReactNode;
  children: (current: T) => ReactNode;
};

export function rememberChoice(storageKey: string, id: string) {
  window.localStorage.setItem(storageKey, id);
}

export function WithStoredChoice<T>(props: StoredChoiceProps<T>) {
  const { items, storageKey, idOf } = props;
  const [stored, setStored] = useState<string | null>(null);
  useEffect(() => setStored(window.localStorage.getItem(storageKey)), [storageKey]);
  const choose = (id: string) => {
    rememberChoice(storageKey, id);
    setStored(id);
  };

  if (props.isPending) return <Loading label={`Loading ${props.noun}…`} />;
  if (props.error || !items) return <ErrorAlert error={props.error} title={`Could not load ${props.noun}`} />;
  const current = items.find((item) => idOf(item) === stored) ?? items[0];
  return (
    <div className="flex flex-col gap-6">
      {current || props.aside ? (
        <div className="flex flex-wrap items-end gap-4">
          {current ? (
            <Field id={props.id} label={props.label}>
              <Select id={props.id} value={idOf(current)} onChange={(e) => choose(e.target.value)} className={props.selectClassName}>
                {items.map((item) => (
                  <option key={idOf(item)} value={idOf(item)}>
                    {props.optionLabel(item)}
                  </option>
                ))}
              </Select>
            </Field>
          ) : null}
          {props.aside?.(choose)}
        </div>
      ) : null}
      {current ? props.children(current) : props.empty}
    </div>
  );
}

/** An empty state for `empty`. */
export function NothingToChoose({ title, children }: { title: string; children: ReactNode }) {
  return <EmptyState title={title}>{children}</EmptyState>;
}
