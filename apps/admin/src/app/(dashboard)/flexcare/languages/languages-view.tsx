'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ConfirmButton } from '@/components/confirm-button';
import { ErrorAlert } from '@/components/error-alert';
import { useHasScope } from '@/components/session';
import { Badge, Button, Card, EmptyState, Field, Input, Loading, PageHeader, Select, Table, Td, Th } from '@/components/ui';
import { useTRPC } from '@/trpc/client';

const empty = { name: '', nativeName: '', code: '', country: '', translation: 'nllb' as 'nllb' | 'ollama', verify: false };

export function LanguagesView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canWrite = useHasScope('flexcare:write');
  const [filter, setFilter] = useState('');
  const languages = useQuery(trpc.flexcare.language.list.queryOptions({ limit: 500, ...(filter && { filter }) }));
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.flexcare.language.pathKey() });
  const remove = useMutation(trpc.flexcare.language.delete.mutationOptions({ onSettled: invalidate }));

  return (
    <>
      <PageHeader
        title="FlexCare dialog languages"
        description="Languages a dialog profile can offer. Shared by every customer of the workspace; a language in use by a profile cannot be deleted."
      />
      <div className="flex flex-col gap-6">
        {canWrite ? <CreateLanguage onCreated={invalidate} /> : null}
        <div className="max-w-sm">
          <Field id="language-filter" label="Filter by name">
            <Input id="language-filter" value={filter} onChange={(e) => setFilter(e.target.value)} />
          </Field>
        </div>
        <ErrorAlert error={languages.error ?? remove.error} title="Language request failed" />
        {languages.isPending ? (
          <Loading label="Loading languages…" />
        ) : languages.data?.items.length === 0 ? (
          <EmptyState title="No languages" />
        ) : (
          <Table caption="Dialog languages">
            <thead>
              <tr>
                <Th>Name</Th>
                <Th>Native name</Th>
                <Th>Country</Th>
                <Th>Translation</Th>
                <Th>Profiles</Th>
                <Th>ID</Th>
                {canWrite ? <Th>Actions</Th> : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {languages.data?.items.map((l) => (
                <tr key={l.id} data-testid={`language-row-${l.name}`}>
                  <Td className="font-medium">{l.name}</Td>
                  <Td>{l.nativeName}</Td>
                  <Td>{l.country}</Td>
                  <Td>
                    <Badge tone="indigo">{l.translation}</Badge>
                  </Td>
                  <Td>{l.totalProfiles}</Td>
                  <Td className="font-mono text-xs">{l.id}</Td>
                  {canWrite ? (
                    <Td>
                      <ConfirmButton
                        label="Delete"
                        title={`Delete language “${l.name}”?`}
                        confirmLabel="Delete language"
                        disabled={l.totalProfiles > 0}
                        disabledReason="used by profiles"
                        onConfirm={() => remove.mutate({ id: l.id })}
                      />
                    </Td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </div>
    </>
  );
}

function CreateLanguage({ onCreated }: { onCreated: () => Promise<void> }) {
  const trpc = useTRPC();
  const [form, setForm] = useState(empty);
  const create = useMutation(
    trpc.flexcare.language.create.mutationOptions({
      onSuccess: () => {
        setForm(empty);
        return onCreated();
      },
    }),
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate(form);
  }

  return (
    <Card title="Add a language">
      <form onSubmit={submit} aria-label="Add a language" className="flex flex-col gap-4">
        <div className="grid gap-4 md:grid-cols-3">
          <Field id="language-name" label="Language name">
            <Input
              id="language-name"
              value={form.name}
              required
              maxLength={200}
              onChange={(e) => setForm({ ...form, name: e.target.value })}
            />
          </Field>
          <Field id="language-native" label="Native name">
            <Input id="language-native" value={form.nativeName} onChange={(e) => setForm({ ...form, nativeName: e.target.value })} />
          </Field>
          <Field id="language-code" label="ISO 639-1 code" hint="Two lower-case letters, e.g. da">
            <Input
              id="language-code"
              value={form.code}
              pattern="[a-z]{2}"
              maxLength={2}
              onChange={(e) => setForm({ ...form, code: e.target.value })}
            />
          </Field>
          <Field id="language-country" label="Country (ISO 3166)" hint="Two upper-case letters, e.g. DK">
            <Input
              id="language-country"
              value={form.country}
              pattern="[A-Z]{2}"
              maxLength={2}
              onChange={(e) => setForm({ ...form, country: e.target.value })}
            />
          </Field>
          <Field id="language-translation" label="Translation engine">
            <Select
              id="language-translation"
              value={form.translation}
              onChange={(e) => setForm({ ...form, translation: e.target.value as 'nllb' | 'ollama' })}
            >
              <option value="nllb">nllb</option>
              <option value="ollama">ollama</option>
            </Select>
          </Field>
          <label className="flex items-center gap-2 self-end pb-2 text-sm text-slate-700">
            <input type="checkbox" checked={form.verify} onChange={(e) => setForm({ ...form, verify: e.target.checked })} />
            Verify translations
          </label>
        </div>
        <ErrorAlert error={create.error} title="Could not add the language" />
        <div>
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? 'Adding…' : 'Add language'}
          </Button>
        </div>
      </form>
    </Card>
  );
}
