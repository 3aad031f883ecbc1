import { afterEach, describe, expect, it } from 'vitest';
import { TEST_SERVER_SECRET } from '../test-secret';
import { configureServerSecret, seal, unseal } from './server-secret';

// unseal() remembers what it opened lately (a FlexCare mdmKey is opened on every read); remembering must
// never open a value that would not open without it.
describe('sealed values', () => {
  afterEach(() => configureServerSecret(TEST_SERVER_SECRET));

  it('opens only for the context it was sealed for, however often it was opened before', () => {
    const sealed = seal('flexcare-mdm-key', 'MDM-KEY-1', 'flexcare-profile:ws:1');
    expect(unseal('flexcare-mdm-key', sealed, 'flexcare-profile:ws:1')).toBe('MDM-KEY-1');
    expect(unseal('flexcare-mdm-key', sealed, 'flexcare-profile:ws:1')).toBe('MDM-KEY-1');
    expect(() => unseal('flexcare-mdm-key', sealed, 'flexcare-profile:ws:2')).toThrow();
    expect(() => unseal('soajs-pin', sealed, 'flexcare-profile:ws:1')).toThrow();
  });

  it('no longer opens once the server secret is another, even right after it was opened', () => {
    const sealed = seal('flexcare-mdm-key', 'MDM-KEY-2', 'flexcare-profile:ws:3');
    expect(unseal('flexcare-mdm-key', sealed, 'flexcare-profile:ws:3')).toBe('MDM-KEY-2');
    configureServerSecret('another-secret-of-enough-length-0123456789');
    expect(() => unseal('flexcare-mdm-key', sealed, 'flexcare-profile:ws:3')).toThrow();
  });

  it('a tampered value does not open', () => {
    const sealed = seal('flexcare-mdm-key', 'MDM-KEY-3', 'c');
    const flipped = sealed.slice(0, -2) + (sealed.at(-2) === 'A' ? 'B' : 'A') + sealed.at(-1);
    expect(() => unseal('flexcare-mdm-key', flipped, 'c')).toThrow();
  });
});
