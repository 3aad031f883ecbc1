import { TRPCClientError } from '@trpc/client';

type ErrorData = { code?: string; httpStatus?: number; domainCode?: string | null; issues?: { path?: string; message: string }[] | null };

/** The server's own words for a failure, including per-field validation issues, ready to show the user. */
export function describeError(error: unknown): { message: string; issues: string[]; code?: string } {
  if (error instanceof TRPCClientError) {
    const data = (error.data ?? {}) as ErrorData;
    const issues = (data.issues ?? []).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
    // Input validation errors carry the raw zod dump as message; the issue list says it better.
    const message = issues.length > 0 && data.code === 'BAD_REQUEST' ? 'The request was rejected:' : error.message;
    return { message, issues, code: data.domainCode ?? data.code };
  }
  if (error instanceof Error) return { message: error.message, issues: [] };
  return { message: String(error), issues: [] };
}
