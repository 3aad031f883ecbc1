import { types } from 'node:util';
import { initTRPC, TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { directCallerFactory } from './caller';

// The in-process caller makes tRPC's createCaller call without its proxies: same procedures, context, input
// validation, errors and subscription signal.
describe('direct caller', () => {
  const t = initTRPC.context<{ user: string }>().create();
  const events: string[] = [];
  const router = t.router({
    whoami: t.procedure.query(({ ctx }) => ctx.user),
    rpdb: t.router({
      profile: t.router({
        get: t.procedure
          .input(z.object({ id: z.number().int() }))
          .output(z.object({ id: z.number(), owner: z.string() }))
          .query(({ ctx, input, path }) => ({ id: input.id, owner: `${ctx.user}@${path}`, extra: true })),
        create: t.procedure.input(z.object({ name: z.string().min(1) })).mutation(({ input }) => {
          events.push(input.name);
          return { created: input.name };
        }),
        forbidden: t.procedure.query(() => {
          throw new TRPCError({ code: 'FORBIDDEN', message: 'no' });
        }),
      }),
    }),
    ticks: t.procedure.subscription(async function* ({ signal }) {
      let n = 0;
      while (!signal?.aborted) yield n++;
    }),
  });
  const direct = directCallerFactory(router);
  const reference = t.createCallerFactory(router);

  it('answers as tRPC’s caller does: context, path, validated input and output', async () => {
    const ours = direct({ user: 'ada' });
    const theirs = reference({ user: 'ada' });
    expect(await ours.whoami()).toBe('ada');
    expect(await ours.rpdb.profile.get({ id: 7 })).toEqual(await theirs.rpdb.profile.get({ id: 7 }));
    expect(await ours.rpdb.profile.get({ id: 7 })).toEqual({ id: 7, owner: 'ada@rpdb.profile.get' });
    expect(await ours.rpdb.profile.create({ name: 'lamp' })).toEqual({ created: 'lamp' });
    expect(events).toEqual(['lamp']);
    const { get } = ours.rpdb.profile;
    expect(await get({ id: 3 })).toEqual({ id: 3, owner: 'ada@rpdb.profile.get' });
  });

  it('fails as tRPC’s caller does: bad input, errors the procedure throws', async () => {
    const ours = direct({ user: 'ada' });
    await expect(ours.rpdb.profile.get({ id: 1.5 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(ours.rpdb.profile.create({ name: '' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(ours.rpdb.profile.forbidden()).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'no' });
    expect(events).toEqual(['lamp']);
  });

  it('keeps each caller’s context apart and hands a subscription its signal', async () => {
    const a = direct({ user: 'a' });
    const b = direct({ user: 'b' });
    const [ra, rb] = await Promise.all([a.whoami(), b.whoami()]);
    expect([ra, rb]).toEqual(['a', 'b']);
    const ac = new AbortController();
    const feed = await direct({ user: 'a' }, { signal: ac.signal }).ticks();
    const seen: number[] = [];
    for await (const n of feed) {
      seen.push(n);
      if (n === 2) ac.abort();
    }
    expect(seen).toEqual([0, 1, 2]);
  });

  it('reaches procedures through plain objects, not proxies', () => {
    const ours = direct({ user: 'ada' });
    expect(types.isProxy(ours)).toBe(false);
    expect(types.isProxy(ours.rpdb.profile)).toBe(false);
    expect(types.isProxy(reference({ user: 'ada' }).rpdb)).toBe(true);
  });
});
