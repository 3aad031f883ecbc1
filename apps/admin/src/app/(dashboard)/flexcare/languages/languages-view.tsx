'use client';

import { DialogLanguageCreateInput } from '@profilehub/api/contract/flexcare';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ConfirmButton } from '@/components/confirm-button';
import { bindTable, type Column, DataTable } from '@/components/data-table';
import { ErrorAlert } from '@/components/error-alert';
import { FormFooter, SelectField, TextField, useCreateForm } from '@/components/form-kit';
import { useHasScope } from '@/components/session';
import { useToast } from '@/components/toast';
import { Badge, Card, PageHeader } from '@/components/ui';
import { pageInput, useTableState } from '@/lib/table-state';
import { useTRPC } from '@/trpc/client';
import type { RouterOutputs } from '@/trpc/types';

type Language = RouterOutputs['flexcare']['language']['page']['items'][number];

export function LanguagesView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const canWrite = useHasScope('flexcare:write');
  const [state, setState] = useTableState({ sort: 'name' });
  const languages = useQuery({
    ...trpc.flexcare.language.page.queryOptions(pageInput(state, ['name'])),
    placeholderData: keepPreviousData,
  });
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.flexcare.language.pathKey() });
  const remove = useMutation(trpc.flexcare.language.delete.mutationOptions({ onSettled: invalidate }));

  const columns: Column<Language>[] = [
    { id: 'name', header: 'Name', sortable: true, className: 'font-medium', cell: (l) => l.name },
    { id: 'nativeName', header: 'Native name', cell: (l) => l.nativeName },
    { id: 'country', header: 'Country', cell: (l) => l.country },
    { id: 'translation', header: 'Translation', cell: (l) => <Badge tone="indigo">{l.translation}</Badge> },
    { id: 'profiles', header: 'Profiles', cell: (l) => l.totalProfiles },
    { id: 'id', header: 'ID', className: 'font-mono text-xs', cell: (l) => l.id },
  ];

  return (
    <>
      <PageHeader
        title="FlexCare dialog languages"
        description="Languages a dialog profile can offer, in name order. Shared by every customer of the workspace; a language in use by a profile cannot be deleted."
      />
      <div className="flex flex-col gap-6">
        {canWrite ? <CreateLanguage onCreated={invalidate} /> : null}
        <ErrorAlert error={remove.error} title="Could not delete the language" />
        <DataTable
          caption="Dialog languages"
          columns={columns}
          {...bindTable(languages, [state, setState])}
          rowId={(l) => l.id}
          rowTestId={(l) => `language-row-${l.name}`}
          filterPlaceholder="language name"
          rowActions={
            canWrite
              ? (l) => (
                  <ConfirmButton
                    label="Delete"
                    title={`Delete language “${l.name}”?`}
                    confirmLabel="Delete language"
                    disabled={l.totalProfiles > 0}
                    disabledReason="used by profiles"
                    onConfirm={() => remove.mutate({ id: l.id }, { onSuccess: () => toast({ message: `Deleted ${l.name}` }) })}
                  />
                )
              : undefined
          }
        />
      </div>
    </>
  );
}

function CreateLanguage({ onCreated }: { onCreated: () => Promise<void> }) {
  const trpc = useTRPC();
  const empty = { name: '', nativeName: '', code: '', country: '', translation: 'nllb' as const, verify: false };
  const create = useMutation(trpc.flexcare.language.create.mutationOptions());
  const { form, submit } = useCreateForm(DialogLanguageCreateInput, {
    empty,
    save: create.mutateAsync,
    conflictField: 'name',
    saved: (language) => `Added ${language.name}`,
    after: onCreated,
  });

  return (
    <Card title="Add a language">
      <form onSubmit={submit} aria-label="Add a language" className="flex flex-col gap-4" noValidate>
        <div className="grid gap-4 md:grid-cols-3">
          <TextField form={form} name="name" id="language-name" label="Language name" />
          <TextField form={form} name="nativeName" id="language-native" label="Native name" />
          <TextField form={form} name="code" id="language-code" label="ISO 639-1 code" hint="Two lower-case letters, e.g. da" />
          <TextField form={form} name="country" id="language-country" label="Country (ISO 3166)" hint="Two upper-case letters, e.g. DK" />
          <SelectField form={form} name="translation" id="language-translation" label="Translation engine">
            <option value="nllb">nllb</option>
            <option value="ollama">ollama</option>
          </SelectField>
          <label className="flex items-center gap-2 self-end pb-2 text-sm text-slate-700 dark:text-slate-200">
            <input type="checkbox" {...form.register('verify')} />
            Verify translations
          </label>
        </div>
        <FormFooter form={form} error={create.error} errorTitle="Could not add the language" label="Add language" busyLabel="Adding…" />
      </form>
    </Card>
  );
}
