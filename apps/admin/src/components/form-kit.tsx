'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { TRPCClientError } from '@trpc/client';
import { type InputHTMLAttributes, type ReactNode, useEffect } from 'react';
import { type FieldValues, type Path, type UseFormProps, type UseFormReturn, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { describeError } from '@/lib/errors';
import { Field, Input } from './ui';

// One way to build a form: react-hook-form validated by the API's own zod schema (imported from
// @profilehub/api/contract/*, never copied), the server's field errors put on their fields, and a warning
// before unsaved changes are lost.

export function useZodForm<S extends z.ZodType<FieldValues, FieldValues>>(
  schema: S,
  options: Omit<UseFormProps<z.input<S>, unknown, z.output<S>>, 'resolver'> = {},
): UseFormReturn<z.input<S>, unknown, z.output<S>> {
  const form = useForm<z.input<S>, unknown, z.output<S>>({ ...options, resolver: zodResolver(schema) as never, mode: 'onTouched' });
  useUnsavedChangesWarning(form.formState.isDirty && !form.formState.isSubmitSuccessful);
  return form;
}

/**
 * Puts a failed save's errors where they belong: validation issues on their paths, and a conflict (a name
 * already taken) on `conflictField`. Answers false when the error belongs to no field (show it as a banner).
 */
export function applyServerErrors<T extends FieldValues>(
  form: UseFormReturn<T, unknown, unknown>,
  error: unknown,
  conflictField?: Path<T>,
): boolean {
  if (!(error instanceof TRPCClientError)) return false;
  const data = (error.data ?? {}) as { code?: string; issues?: { path?: string; message: string }[] | null };
  const fields = new Set(Object.keys(form.getValues()));
  let placed = false;
  for (const issue of data.issues ?? []) {
    if (issue.path && fields.has(issue.path.split('.')[0]!)) {
      form.setError(issue.path as Path<T>, { type: 'server', message: issue.message });
      placed = true;
    }
  }
  if (!placed && data.code === 'CONFLICT' && conflictField) {
    form.setError(conflictField, { type: 'server', message: describeError(error).message });
    placed = true;
  }
  return placed;
}

/** Asks before the page is left (reload, close, or a link inside the app) while the form holds unsaved edits. */
export function useUnsavedChangesWarning(dirty: boolean) {
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    const onClick = (e: MouseEvent) => {
      const link = (e.target as Element | null)?.closest?.('a[href]');
      if (!link || link.getAttribute('target') === '_blank') return;
      if (!window.confirm('You have unsaved changes. Leave this page and lose them?')) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('click', onClick, true);
    };
  }, [dirty]);
}

/** A text input bound to the form, with its label, hint and (client or server) error. */
export function TextField<T extends FieldValues>({
  form,
  name,
  label,
  hint,
  id,
  ...input
}: {
  form: UseFormReturn<T, unknown, unknown>;
  name: Path<T>;
  label: string;
  hint?: ReactNode;
  id: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'id' | 'form'>) {
  const error = form.formState.errors[name]?.message;
  return (
    <Field id={id} label={label} hint={hint} error={typeof error === 'string' ? error : undefined}>
      <Input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}
        {...input}
        {...form.register(name)}
      />
    </Field>
  );
}
