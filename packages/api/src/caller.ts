import type { AnyProcedure, AnyRouter, TRPCRouterCaller } from '@trpc/server';
import { createCallerFactory } from './trpc';

/** The caller factory tRPC's `createCallerFactory(router)` returns for a router. */
type CallerFactory<TRouter extends AnyRouter> = TRPCRouterCaller<TRouter['_def']['_config']['$types'], TRouter['_def']['record']>;

// In-process calls (every REST request, and the tests) go through a caller: the procedure at a
// path, called with a context and an input, through its whole chain of middlewares and validators. tRPC's own
// caller reaches the procedure through a proxy that allocates a new proxy and path array at every property
// access, joins the path, and looks the procedure up asynchronously on each call: on a REST GET-by-id that was
// about a tenth of the bytes a request allocated. This caller makes the same call through classes built once
// per router: one small object per namespace a call walks through, and a function bound to it per procedure.

type CallOptions = { signal?: AbortSignal };

const CONTEXT = Symbol('context');
const SIGNAL = Symbol('signal');
type Bound = { [CONTEXT]: unknown; [SIGNAL]: AbortSignal | undefined };
type Namespace = new (ctx: unknown, signal: AbortSignal | undefined) => Bound;

/** What tRPC's caller does with a procedure: `getRawInput` gives the input to the input validator. */
function call(procedure: AnyProcedure, path: string, self: Bound, input: unknown): Promise<unknown> {
  return procedure({
    path,
    getRawInput: async () => input,
    ctx: self[CONTEXT],
    type: procedure._def.type,
    signal: self[SIGNAL],
    batchIndex: 0,
  });
}

type Tree = Map<string, Tree | { procedure: AnyProcedure; path: string }>;

function namespaceClass(tree: Tree): Namespace {
  class Bound_ {
    [CONTEXT]: unknown;
    [SIGNAL]: AbortSignal | undefined;
    constructor(ctx: unknown, signal: AbortSignal | undefined) {
      this[CONTEXT] = ctx;
      this[SIGNAL] = signal;
    }
  }
  for (const [name, node] of tree) {
    if (node instanceof Map) {
      const Child = namespaceClass(node);
      Object.defineProperty(Bound_.prototype, name, {
        get(this: Bound) {
          return new Child(this[CONTEXT], this[SIGNAL]);
        },
      });
    } else {
      const { procedure, path } = node;
      // A function bound to this caller, as tRPC's are: `const get = caller.rpdb.profile.get; get(input)` works.
      Object.defineProperty(Bound_.prototype, name, {
        get(this: Bound) {
          return (input?: unknown) => call(procedure, path, this, input);
        },
      });
    }
  }
  return Bound_;
}

/**
 * `createCallerFactory(router)`'s caller, typed the same, without proxies. A router with lazily loaded parts
 * keeps tRPC's caller (only it loads them).
 */
export function directCallerFactory<TRouter extends AnyRouter>(router: TRouter): CallerFactory<TRouter> {
  const def = router._def as { procedures: Record<string, AnyProcedure>; lazy?: Record<string, unknown> };
  if (def.lazy && Object.keys(def.lazy).length > 0) return createCallerFactory(router as never) as CallerFactory<TRouter>;
  const root: Tree = new Map();
  for (const [path, procedure] of Object.entries(def.procedures)) {
    const parts = path.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      let next = node.get(part);
      if (!(next instanceof Map)) {
        next = new Map();
        node.set(part, next);
      }
      node = next;
    }
    node.set(parts.at(-1)!, { procedure, path });
  }
  const Root = namespaceClass(root);
  return ((ctx: unknown, opts?: CallOptions) => new Root(ctx, opts?.signal)) as unknown as CallerFactory<TRouter>;
}
