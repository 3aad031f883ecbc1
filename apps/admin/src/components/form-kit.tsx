'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { TRPCClientError } from '@trpc/client';
import { type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes, useEffect } from 'react';
import {
  type DefaultValues,
  type FieldValues,
  type Path,
  type RegisterOptions,
  type UseFormProps,
  type UseFormReturn,
  useForm,
} from 'react-hook-form';
import type { z } from 'zod';
import { describeError } from '@/lib/errors';
import { ErrorAlert } from './error-alert';
import { useToast } from './toast';
import { Button, Field, Input, Select } from './ui';

// One way to build a form: react-hook-form validated by the API's own zod schema (imported from
// @profilehub/api/contract/*, never copied), the server's field errors put on their fields, and a warning
// before unsaved changes are lost.

export function useZodForm<S extends z.ZodType<FieldValues, FieldValues>>(
  schema: S,
  options: Omit<UseFormProps<z.input<S>, unknown, z.output<S>>, 'resolver'> = {},
): UseFormReturn<z.input<S>, unknown, z.output<S>> {
  // Checked once a field is left; a form that checks while typing (an IP list) passes `mode: 'onChange'`.
  const form = useForm<z.input<S>, unknown, z.output<S>>({ mode: 'onTouched', ...options, resolver: zodResolver(schema) as never });
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
  optional,
  ...input
}: {
  form: UseFormReturn<T, unknown, unknown>;
  name: Path<T>;
  label: string;
  hint?: ReactNode;
  id: string;
  /** An empty box means "not given" (undefined), not the empty string. */
  optional?: boolean;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'id' | 'form'>) {
  const error = form.formState.errors[name]?.message;
  return (
    <Field id={id} label={label} hint={hint} error={typeof error === 'string' ? error : undefined}>
      <Input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}
        {...input}
        {...form.register(name, optional ? { setValueAs: (v: string) => (v === '' ? undefined : v) } : undefined)}
      />
    </Field>
  );
}

/** A select bound to the form, with its label, hint and (client or server) error. */
export function SelectField<T extends FieldValues>({
  form,
  name,
  label,
  hint,
  id,
  children,
  registerOptions,
  ...select
}: {
  form: UseFormReturn<T, unknown, unknown>;
  name: Path<T>;
  label: string;
  hint?: ReactNode;
  id: string;
  children: ReactNode;
  /** e.g. `{ setValueAs }` where the empty choice means null. */
  registerOptions?: RegisterOptions<T, Path<T>>;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name' | 'id' | 'form'>) {
  const error = form.formState.errors[name]?.message;
  return (
    <Field id={id} label={label} hint={hint} error={typeof error === 'string' ? error : undefined}>
      <Select id={id} aria-invalid={error ? true : undefined} {...select} {...form.register(name, registerOptions)}>
        {children}
      </Select>
    </Field>
  );
}

/** A textarea bound to the form; `error` replaces the field's own message (e.g. one per line of a list). */
export function TextAreaField<T extends FieldValues>({
  form,
  name,
  label,
  hint,
  id,
  error,
  className,
  ...textarea
}: {
  form: UseFormReturn<T, unknown, unknown>;
  name: Path<T>;
  label: string;
  hint?: ReactNode;
  id: string;
  error?: string;
} & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name' | 'id' | 'form'>) {
  const own = form.formState.errors[name]?.message;
  const message = error ?? (typeof own === 'string' ? own : undefined);
  return (
    <Field id={id} label={label} hint={hint} error={message}>
      <textarea
        id={id}
        aria-invalid={Boolean(message)}
        aria-describedby={[hint ? `${id}-hint` : '', message ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}
        spellCheck={false}
        className={`block w-full rounded-md border bg-white px-3 py-2 font-mono text-sm text-slate-900 shadow-xs focus:ring-2 focus:outline-none dark:bg-slate-900 dark:text-slate-100 ${
          message ? 'border-red-500 focus:ring-red-200' : 'border-slate-300 focus:ring-indigo-200 dark:border-slate-600'
        } ${className ?? ''}`}
        {...textarea}
        {...form.register(name)}
      />
    </Field>
  );
}

/**
 * The submit handler of a form-kit form: validates, saves, and on failure puts the server's errors on their
 * fields (a conflict on `conflictField`); `saved` runs after a successful save.
 */
export function submitForm<TIn extends FieldValues, TOut, R>(
  form: UseFormReturn<TIn, unknown, TOut>,
  save: (input: TOut) => Promise<R>,
  conflictField: Path<TIn> | undefined,
  saved: (result: R, input: TOut) => unknown,
) {
  return form.handleSubmit(async (input) => {
    let result: R;
    try {
      result = await save(input);
    } catch (error) {
      applyServerErrors(form as UseFormReturn<TIn, unknown, unknown>, error, conflictField);
      return;
    }
    await saved(result, input);
  });
}

/**
 * A form that adds something: checked by `schema`, saved by `save` (a conflict lands on `conflictField`).
 * After a save it starts again from `empty`, toasts what `saved` says and runs `after` (refresh, select…).
 */
export function useCreateForm<S extends z.ZodType<FieldValues, FieldValues>, R>(
  schema: S,
  opts: {
    empty: DefaultValues<z.input<S>>;
    save: (input: z.output<S>) => Promise<R>;
    conflictField?: Path<z.input<S>>;
    saved: (result: R, input: z.output<S>) => string;
    after?: (result: R, input: z.output<S>) => unknown;
  },
) {
  const toast = useToast();
  const form = useZodForm(schema, { defaultValues: opts.empty });
  const submit = submitForm(form, opts.save, opts.conflictField, async (result, input) => {
    form.reset(opts.empty);
    toast({ message: opts.saved(result, input) });
    await opts.after?.(result, input);
  });
  return { form, submit };
}

/** The end of a form: the save error as a banner (unless it sits on a field) and the submit button. */
export function FormFooter<T extends FieldValues>({
  form,
  error,
  errorTitle,
  label,
  busyLabel,
  disabled,
}: {
  form: UseFormReturn<T, unknown, unknown>;
  error: unknown;
  errorTitle: string;
  label: string;
  busyLabel: string;
  /** e.g. while a field checked as it is typed is wrong. */
  disabled?: boolean;
}) {
  const onField = Object.values(form.formState.errors).some((e) => (e as { type?: string } | undefined)?.type === 'server');
  return (
    <>
      {error && !onField ? <ErrorAlert error={error} title={errorTitle} /> : null}
      <div>
        <Button type="submit" disabled={form.formState.isSubmitting || disabled}>
          {form.formState.isSubmitting ? busyLabel : label}
        </Button>
      </div>
    </>
  );
}
