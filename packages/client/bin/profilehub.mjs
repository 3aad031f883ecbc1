#!/usr/bin/env node
// The CLI ships as TypeScript source like every internal package; tsx compiles it on load.
import { register } from 'tsx/esm/api';

register();
// `profilehub token list | head -1` closes the pipe early; that is not an error worth a stack trace.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  readStdin: async () => {
    let text = '';
    for await (const chunk of process.stdin) text += chunk;
    return text;
  },
  interactive: process.stderr.isTTY === true,
});
