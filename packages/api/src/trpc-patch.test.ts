import { initTRPC } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { ZodError, z } from 'zod';

// tRPC copies a call's options and context at every middleware layer with an object-spread helper built on
// defineProperty, which cost about a sixth of the server's CPU on a GET-by-id. patches/ makes the helper use
// Object.assign (applied by `npm install`'s postinstall). These calls go through tRPC's public API.
describe('@trpc/server object-spread patch', () => {
  const t = initTRPC.context<{ user?: string; layer?: number; polluted?: boolean }>().create();
  const tagged = Symbol('tagged');
  const router = t.router({
    echo: t.procedure
      .use(({ next }) => next({ ctx: { layer: 1, [tagged]: 'symbol kept' } }))
      .use(({ next }) => next({ ctx: { layer: 2, fromJson: JSON.parse('{"__proto__": {"polluted": true}, "kept": 1}') } }))
      .input((raw) => raw as { n: number })
      .query(({ ctx, input }) => ({
        layer: ctx.layer,
        user: ctx.user,
        symbol: ctx[tagged as never],
        input,
        fromJsonKeys: Object.keys(ctx.fromJson as object),
        fromJsonPolluted: (ctx.fromJson as { polluted?: boolean }).polluted,
      })),
    oneLayer: t.procedure
      .use(({ next }) => next({ ctx: { layer: 1 } }))
      .query(({ ctx }) => ({ keys: Object.keys(ctx), polluted: ctx.polluted })),
  });
  const caller = t.createCallerFactory(router);

  it('a later layer’s context wins, symbols and the input carry through', async () => {
    const out = await caller({ user: 'ada', layer: 0 }).echo({ n: 7 });
    expect(out).toMatchObject({ layer: 2, user: 'ada', symbol: 'symbol kept', input: { n: 7 } });
  });

  it('a context built from JSON with a "__proto__" key keeps it as a key, never as a prototype', async () => {
    const out = await caller({}).echo({ n: 1 });
    expect(out.fromJsonKeys).toEqual(['__proto__', 'kept']);
    expect(out.fromJsonPolluted).toBeUndefined();
    const ctx = JSON.parse('{"__proto__": {"polluted": true}}') as { polluted?: boolean };
    expect(await caller(ctx).oneLayer()).toEqual({ keys: ['__proto__', 'layer'], polluted: undefined });
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('is applied: a call copies its options without property descriptors', async () => {
    const descriptors = Object.getOwnPropertyDescriptors;
    let copies = 0;
    Object.getOwnPropertyDescriptors = ((o: object) => {
      copies++;
      return descriptors(o);
    }) as typeof Object.getOwnPropertyDescriptors;
    try {
      await caller({ user: 'ada' }).echo({ n: 3 });
    } finally {
      Object.getOwnPropertyDescriptors = descriptors;
    }
    expect(copies).toBe(0);
  });
});

// tRPC validated every input and output with zod's parseAsync, which skips zod's compiled object parser and
// awaits promises on each call. The patch parses a zod schema synchronously and falls back to parseAsync only
// for a schema with an asynchronous part; failures stay ZodErrors either way.
describe('@trpc/server synchronous zod parsing patch', () => {
  const t = initTRPC.create();
  const Input = z.object({ name: z.string().min(1), tags: z.array(z.string()).default([]) });
  const Output = z.object({ greeting: z.string() });
  const TakenName = z.object({ name: z.string() }).refine(async (v) => v.name !== 'taken', { message: 'name taken' });
  const router = t.router({
    greet: t.procedure
      .input(Input)
      .output(Output)
      .query(({ input }) => ({ greeting: `hello ${input.name}`, tags: input.tags, leaked: 'secret' }) as { greeting: string }),
    broken: t.procedure.output(Output).query(() => ({ greeting: 42 }) as unknown as { greeting: string }),
    claim: t.procedure.input(TakenName).mutation(({ input }) => input.name),
  });
  const caller = t.createCallerFactory(router)({});

  it('parses input (defaults applied) and strips output keys the schema does not name', async () => {
    expect(await caller.greet({ name: 'ada' })).toEqual({ greeting: 'hello ada' });
  });

  it('answers a bad input BAD_REQUEST and a bad output INTERNAL_SERVER_ERROR, each caused by a ZodError', async () => {
    await expect(caller.greet({ name: '' })).rejects.toMatchObject({ code: 'BAD_REQUEST', cause: expect.any(ZodError) });
    await expect(caller.broken()).rejects.toMatchObject({ code: 'INTERNAL_SERVER_ERROR', cause: expect.any(ZodError) });
  });

  it('still runs a schema with an asynchronous refinement', async () => {
    expect(await caller.claim({ name: 'free' })).toBe('free');
    await expect(caller.claim({ name: 'taken' })).rejects.toMatchObject({ code: 'BAD_REQUEST', cause: expect.any(ZodError) });
  });

  it('is applied: a schema without asynchronous parts is never parsed asynchronously', async () => {
    let asyncParses = 0;
    for (const schema of [Input, Output]) {
      const parseAsync = schema.parseAsync.bind(schema);
      schema.parseAsync = ((value: unknown) => {
        asyncParses++;
        return parseAsync(value);
      }) as typeof schema.parseAsync;
    }
    const fresh = t.createCallerFactory(
      t.router({
        greet: t.procedure
          .input(Input)
          .output(Output)
          .query(({ input }) => ({ greeting: input.name })),
      }),
    )({});
    expect(await fresh.greet({ name: 'ada' })).toEqual({ greeting: 'ada' });
    expect(asyncParses).toBe(0);
  });
});
