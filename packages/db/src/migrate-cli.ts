import { createDb } from './client';

// `npm run db:migrate`: applies committed migrations to DATABASE_URL, or to the embedded PGlite folder.
// Run it while the server is stopped when on PGlite (PGlite has no lock between processes).
const handle = createDb();
try {
  await handle.migrate();
  console.log(`migrations applied (${handle.location})`);
} finally {
  await handle.close();
}
