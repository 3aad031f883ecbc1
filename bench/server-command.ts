// How the bench starts the real server: the same command production uses.
import path from 'node:path';

export function serverCommand(root: string): { cmd: string; args: string[] } {
  return { cmd: process.execPath, args: ['--import', 'tsx', path.join(root, 'apps/server/src/main.ts')] };
}
