import { requireAccess } from '../../service/flexcare/access';
import { scopedProcedure } from '../../trpc';

// The access-level check runs before input parsing, so a MANAGER gets 403 whatever it sent (the vendor
// answers access_denied before looking at a body). Services repeat it (memoised) for callers outside tRPC.
export const flexcareRead = scopedProcedure('flexcare:read').use(async ({ ctx, next }) => {
  await requireAccess(ctx);
  return next();
});

export const flexcareWrite = scopedProcedure('flexcare:write').use(async ({ ctx, next }) => {
  await requireAccess(ctx);
  return next();
});
