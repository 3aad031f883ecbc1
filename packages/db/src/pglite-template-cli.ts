import path from 'node:path';
import { buildPgliteTemplate } from './pglite-template';

// The server build runs this: `tsx pglite-template-cli.ts <folder>` leaves a migrated PGlite data folder there
// (kept when already current), which a first start copies instead of running initdb.
const dir = process.argv[2];
if (!dir) throw new Error('usage: pglite-template-cli.ts <folder>');
const started = performance.now();
const result = await buildPgliteTemplate(path.resolve(dir));
console.log(`PGlite template ${result === 'made' ? 'made' : 'current'}: ${dir} (${Math.round(performance.now() - started)} ms)`);
