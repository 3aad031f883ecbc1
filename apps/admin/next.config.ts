import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // The admin app reaches the database only through the API server; should a server-side import ever pull
  // PGlite in, keep its WASM/data files out of the bundle instead of failing the build.
  serverExternalPackages: ['@electric-sql/pglite'],
  // The contracts (zod schemas) are shared with the browser's forms: TypeScript source from the API package.
  transpilePackages: ['@profilehub/client', '@profilehub/api', '@profilehub/db'],
  poweredByHeader: false,
};

export default nextConfig;
