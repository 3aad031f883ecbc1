import { Field, Input } from '@/components/ui';

/** Group codes typed as "a, b": the text as typed, and the codes it names (the form's `groups`). */
export function GroupsField({
  id,
  hint,
  text,
  disabled,
  onChange,
}: {
  id: string;
  hint: string;
  text: string;
  disabled?: boolean;
  onChange: (text: string, groups: string[]) => void;
}) {
  return (
    <Field id={id} label="Groups" hint={hint}>
      <Input
        id={id}
        value={text}
        disabled={disabled}
        onChange={(e) =>
          onChange(
            e.target.value,
            e.target.value
              .split(',')
              .map((g) => g.trim())
              .filter(Boolean),
          )
        }
      />
    </Field>
  );
}
