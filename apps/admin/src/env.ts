import { z } from 'zod';

// Read per request, not at build time: the same build runs against whichever API server the environment names
// (tests start it on a random port after `next build`). `npm start` and `npm run dev` set it from PORT, the
// API server's port, when it is unset (package.json: Next overwrites PORT with its own port once it listens).
const AdminEnv = z.object({
  PROFILEHUB_API_URL: z.url().default('http://localhost:3100'),
});

export type AdminEnv = z.infer<typeof AdminEnv>;

export function readAdminEnv(source: NodeJS.ProcessEnv = process.env): AdminEnv {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([k, v]) => k in AdminEnv.shape && v !== ''));
  const parsed = AdminEnv.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid admin configuration:\n${lines}`);
  }
  return parsed.data;
}

/** Base URL of the API server, without a trailing slash. */
export function apiUrl(): string {
  return readAdminEnv().PROFILEHUB_API_URL.replace(/\/+$/, '');
}
