import type { DbHandle } from '@profilehub/db';
import { describe, expect, it } from 'vitest';
import { client, serveForFile, setupDirectory } from './testing';

// The seed page (2N HTTP API 5.14.3 api/dir/update), request and response as documented. 38 entries are
// created first so that the successful update gets the doc's timestamp 39.

let handle: DbHandle;
let base: string;
serveForFile((started) => {
  ({ handle, base } = started);
});

const DOC_UUID = '01234567-89AB-CDEF-0123-456789ABCDEF';

const docRequest = {
  users: [
    { uuid: '01234567-89AB-CDEF-0123-456789ABCDEF', name: 'ABCD', email: 'abcd@def.cz', access: { pin: '1234' } },
    { uuid: '76543210-68FF-18CA-3210-FEDCBA987654', name: 'ABCD2', owner: 'My2N', email: 'abcd2@def.cz' },
    { uuid: '01234567-89A-CDEF-0123-456789ABCDEF', name: 'ABCD3', owner: 'My2N', email: 'abcd3@def.cz' },
    { uuid: '01234567-89AB-CDEF-0123-456789ABCDEF', name: 'ABCD4', owner: 'My2N', email: 'abcd4@def.cz', albert: 'einstein' },
    { uuid: '01234567-89AB-CDEF-0123-456789ABCDEF', name: 'ABCD4', owner: 'My2N', email: 'abcd4@def.cz', 'access.pin': 'hello' },
  ],
};

describe('seed page: PUT /api/dir/update with the five documented entries', () => {
  it('answers exactly the documented per-entry results and leaves the failed entries unchanged', async () => {
    const { directory, rw } = await setupDirectory(handle);
    const api = client(base, rw);
    const fillers = Array.from({ length: 37 }, (_, i) => ({ name: `filler ${i}` }));
    const created = await api.create({
      users: [{ uuid: DOC_UUID, name: 'Original', owner: 'Local', email: 'orig@example.com' }, ...fillers],
    });
    expect(created.status).toBe(200);

    const res = await api.update(docRequest);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body).toEqual({
      success: true,
      result: {
        series: directory.series,
        users: [
          { uuid: '01234567-89AB-CDEF-0123-456789ABCDEF', timestamp: 39 },
          { uuid: '76543210-68FF-18CA-3210-FEDCBA987654', errors: [{ code: 'EDIR_UUID_DOES_NOT_EXIST' }] },
          { uuid: '01234567-89A-CDEF-0123-456789ABCDEF', errors: [{ code: 'EDIR_UUID_INVALID_FORMAT' }] },
          { uuid: '01234567-89AB-CDEF-0123-456789ABCDEF', errors: [{ code: 'EDIR_FIELD_NAME_UNKNOWN', field: 'albert' }] },
          { uuid: '01234567-89AB-CDEF-0123-456789ABCDEF', errors: [{ code: 'EDIR_FIELD_VALUE_ERROR', field: 'access.pin' }] },
        ],
      },
    });
    expect(directory.series).toMatch(/^\d{1,20}$/);
    expect(BigInt(directory.series) < 2n ** 64n).toBe(true);

    // Only the first object changed the entry: owner stays "Local", name/email/pin are the first object's.
    const got = await api.get({ users: [{ uuid: DOC_UUID }], fields: ['name', 'owner', 'email', 'access.pin'] });
    expect(got.body).toEqual({
      success: true,
      result: {
        series: directory.series,
        users: [{ uuid: DOC_UUID, owner: 'Local', name: 'ABCD', email: 'abcd@def.cz', access: { pin: '1234' }, timestamp: 39 }],
      },
    });
    // The unknown uuid was not created by the update.
    const missing = await api.get({ users: [{ uuid: '76543210-68FF-18CA-3210-FEDCBA987654' }] });
    expect(missing.body).toEqual({
      success: true,
      result: {
        series: directory.series,
        users: [{ uuid: '76543210-68FF-18CA-3210-FEDCBA987654', errors: [{ code: 'EDIR_UUID_DOES_NOT_EXIST' }] }],
      },
    });
  });
});
