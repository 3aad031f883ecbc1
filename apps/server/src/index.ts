export { type BuildOptions, buildServer } from './app';
export { readServerEnv, type ServerEnv } from './env';
