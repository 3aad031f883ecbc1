'use client';

import { SoajsEditUserInput } from '@profilehub/api/contract/soajs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert } from '@/components/error-alert';
import { SelectField, submitForm, TextField, useZodForm } from '@/components/form-kit';
import { useHasScope } from '@/components/session';
import { useToast } from '@/components/toast';
import { Button, Card } from '@/components/ui';
import { useTRPC } from '@/trpc/client';
import type { RouterOutputs } from '@/trpc/types';
import { GroupsField } from '../groups-field';

type User = RouterOutputs['soajs']['user']['get'];

/**
 * Edits a URAC user's details with editUser. editUser replaces the whole record (groups left out are
 * cleared), so the form always sends the groups; profile and config are left out and so kept.
 */
export function UserDetails({ user }: { user: User }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const canWrite = useHasScope('soajs:write');
  const values = {
    uId: user._id,
    username: user.username,
    firstName: user.firstName,
    lastName: user.lastName,
    email: user.email,
    status: user.status as 'active' | 'inactive' | 'pendingNew',
    groups: user.groups,
  };
  const form = useZodForm(SoajsEditUserInput, { values });
  const [groupsText, setGroupsText] = useState(user.groups.join(', '));
  const edit = useMutation(trpc.soajs.user.edit.mutationOptions());
  const submit = submitForm(
    form,
    (input) => edit.mutateAsync(input),
    'username',
    async (_, input) => {
      toast({ message: `Saved ${input.username}` });
      await queryClient.invalidateQueries({ queryKey: trpc.soajs.user.pathKey() });
    },
  );
  const fieldError = Boolean(Object.keys(form.formState.errors).length);

  return (
    <Card title="User details" description={user.locked ? 'A locked (root) user keeps its status and groups whoever edits it.' : undefined}>
      <form onSubmit={submit} aria-label="User details" className="flex flex-col gap-4" noValidate>
        <fieldset disabled={!canWrite} className="grid gap-4 md:grid-cols-3">
          <TextField form={form} name="username" id="soajs-edit-username" label="Username" autoComplete="off" />
          <TextField form={form} name="firstName" id="soajs-edit-first" label="First name" />
          <TextField form={form} name="lastName" id="soajs-edit-last" label="Last name" />
          <TextField form={form} name="email" id="soajs-edit-email" label="Email" type="email" />
          <SelectField form={form} name="status" id="soajs-edit-status" label="Status" disabled={Boolean(user.locked) || !canWrite}>
            <option value="active">active</option>
            <option value="inactive">inactive</option>
            <option value="pendingNew">pendingNew</option>
          </SelectField>
          <GroupsField
            id="soajs-edit-groups"
            hint={`Group codes of ${user.tenant.code}, comma separated`}
            text={groupsText}
            disabled={Boolean(user.locked) || !canWrite}
            onChange={(text, groups) => {
              setGroupsText(text);
              form.setValue('groups', groups, { shouldDirty: true });
            }}
          />
        </fieldset>
        {edit.error && !fieldError ? <ErrorAlert error={edit.error} title="Could not save the user" /> : null}
        {canWrite ? (
          <div>
            <Button type="submit" disabled={form.formState.isSubmitting || !form.formState.isDirty}>
              {form.formState.isSubmitting ? 'Saving…' : 'Save details'}
            </Button>
          </div>
        ) : null}
      </form>
    </Card>
  );
}
