export { type BuildOptions, buildServer } from './app';
export { readServerEnv, type ServerEnv } from './env';
export { readTlsFiles, type TlsFiles } from './tls';
