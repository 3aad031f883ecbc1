import type { AdminContext } from '../../context';
import type { DemoSeeder } from '../../vendor';
import { createEntries } from './batch';
import { createAccount, createDirectory } from './directory';

/**
 * 2N demo data: one Verso directory with a few entries (one managed by "My2N", one with a PIN and card),
 * a read-write device account and a read-only one. Passwords are random per install.
 */
async function seed(ctx: AdminContext, env: { apiUrl: string }) {
  const directory = await createDirectory({
    ctx,
    input: { name: 'Front door (Verso)', model: 'verso', capacity: 10_000, authMode: 'any' },
  });
  const rw = await createAccount({ ctx, input: { directoryId: directory.id, username: 'twon-demo', access: 'readwrite' } });
  const ro = await createAccount({ ctx, input: { directoryId: directory.id, username: 'twon-demo-ro', access: 'read' } });
  await createEntries({
    ctx,
    input: {
      directoryId: directory.id,
      users: [
        { uuid: '01234567-89AB-CDEF-0123-456789ABCDEF', name: 'ABCD', email: 'abcd@def.cz', access: { pin: '1234' } },
        { name: 'Reception', treepath: '/Office', callPos: [{ peer: 'sip:100@10.0.0.10' }] },
        { name: 'Jana Nováková', email: 'jana@example.com', owner: 'My2N', access: { card: ['0A1B2C3D'], code: ['2580'] } },
        { name: 'Delivery', access: { code: ['7777'], validFrom: '1767225600', validTo: '1798761599' } },
      ],
    },
  });
  return {
    url: env.apiUrl,
    username: rw.account.username,
    password: rw.password!,
    readOnly: { username: ro.account.username, password: ro.password! },
  };
}

export const twonDemoSeeder: DemoSeeder = { seed };
