import type { Scope } from '../../auth/scope';
import { requireLevel, resolveAccess } from '../../service/flexcare/access';
import { scopedProcedureWith } from '../../trpc';

// The caller's access level is resolved once per call here and handed to the services in the context
// (`ctx.flexcare`). The check runs before input parsing, so a MANAGER gets 403 whatever it sent (the vendor
// answers access_denied before looking at a body).
function withAccess(scope: Scope) {
  return scopedProcedureWith([scope], async (ctx) => {
    const access = await resolveAccess(ctx);
    requireLevel(access);
    return { flexcare: access };
  });
}

export const flexcareRead = withAccess('flexcare:read');
export const flexcareWrite = withAccess('flexcare:write');
