'use client';

import { Table, Td, Th } from '@/components/ui';
import { type Right, rights } from '../account-picker';

export type RightChoice = Right | 'default';
export type RightsValue = Record<number, RightChoice>;
type Attribute = { id: number; name: string; defaultRight: Right };

/** Attribute × right: one radio group per attribute; "default" leaves the attribute's default right in force. */
export function RightsMatrix({
  name,
  attributes,
  value,
  onChange,
  disabled,
}: {
  name: string;
  attributes: Attribute[];
  value: RightsValue;
  onChange: (next: RightsValue) => void;
  disabled?: boolean;
}) {
  if (attributes.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-300">This account has no attributes yet.</p>;
  const choices: RightChoice[] = ['default', ...rights];
  return (
    <Table caption={`Rights of ${name}`}>
      <thead>
        <tr>
          <Th>Attribute</Th>
          {choices.map((c) => (
            <Th key={c} className="text-center">
              {c}
            </Th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {attributes.map((a) => (
          <tr key={a.id}>
            <Td className="font-medium">{a.name}</Td>
            {choices.map((c) => (
              <Td key={c} className="text-center">
                <input
                  type="radio"
                  name={`${name}-${a.id}`}
                  aria-label={`${a.name}: ${c === 'default' ? `default (${a.defaultRight})` : c}`}
                  className="size-4 accent-indigo-600"
                  checked={(value[a.id] ?? 'default') === c}
                  disabled={disabled}
                  onChange={() => onChange({ ...value, [a.id]: c })}
                />
              </Td>
            ))}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** The explicit rights the API expects (attributes left on "default" are omitted). */
export function toRights(value: RightsValue): { attributeId: number; right: Right }[] {
  return Object.entries(value)
    .filter((entry): entry is [string, Right] => entry[1] !== 'default')
    .map(([attributeId, right]) => ({ attributeId: Number(attributeId), right }));
}

export function fromRights(list: { attributeId: number; right: Right }[]): RightsValue {
  return Object.fromEntries(list.map((r) => [r.attributeId, r.right]));
}
