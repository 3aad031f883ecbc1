import { randomBytes } from 'node:crypto';

export { newObjectId, parseObjectId } from '../object-id';

/** `<24 hex>-<24 hex>` from the CSPRNG (decision 7.1): 192 bits, readable in an MDM configuration. */
export function newMdmKey(): string {
  return `${randomBytes(12).toString('hex')}-${randomBytes(12).toString('hex')}`;
}
