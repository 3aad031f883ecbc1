import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { appRouter } from '@profilehub/api';
import { type SurfaceMount, surfaceDocument, trpcDocument } from '@profilehub/rest';
import type { FastifyInstance } from 'fastify';

const VERSION = '1.0.0';

// Swagger UI is served from the installed package, never a CDN: the machines it runs on may be offline.
const require = createRequire(import.meta.url);
const assetsDir = path.dirname(require.resolve('swagger-ui-dist/package.json'));
const assets: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

const labels: Record<string, string> = {
  rpdb: 'RPdb profiles',
  flexcare: 'TelecomX FlexCare',
  appgate: 'Appgate SDP',
  twon: '2N directory',
  soajs: 'SOAJS URAC',
  trpc: 'tRPC (typed internal API)',
};

function page(documents: { name: string; url: string }[]) {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Profilehub API reference</title>
  <link rel="icon" type="image/png" href="/docs/assets/favicon-32x32.png">
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
  <div id="reference"></div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/docs/assets/swagger-ui-standalone-preset.js"></script>
  <script>
    window.ui = SwaggerUIBundle({
      urls: ${JSON.stringify(documents)},
      'urls.primaryName': new URLSearchParams(location.search).get('api') || ${JSON.stringify(documents[0]?.name)},
      dom_id: '#reference',
      deepLinking: true,
      presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
      layout: 'StandaloneLayout',
      validatorUrl: null,
    });
  </script>
</body>
</html>`;
}

/**
 * `/openapi/<surface>.json` for each vendor surface and `/openapi/trpc.json`, generated from the route schemas
 * and the tRPC procedures' inputs/outputs at start, and `/docs`: Swagger UI with one entry per document.
 */
export function registerDocs(app: FastifyInstance, surfaces: SurfaceMount[]) {
  const documents = new Map<string, unknown>();
  // Lower-case file names (`/openapi/twon.json` for the twoN surface), one per vendor surface, then tRPC.
  for (const { surface, mounts } of surfaces) if (surface.docs) documents.set(surface.name.toLowerCase(), surfaceDocument(surface, mounts));
  documents.set('trpc', trpcDocument(appRouter, { version: VERSION }));
  const list = [...documents.keys()].map((name) => ({ name: labels[name] ?? name, url: `/openapi/${name}.json` }));
  const html = page(list);

  app.get('/openapi', async () => ({ documents: list }));
  app.get<{ Params: { name: string } }>('/openapi/:name', async (req, reply) => {
    const doc = documents.get(req.params.name.replace(/\.json$/, ''));
    if (!doc) return reply.status(404).send({ error: 'Not Found', message: `No document ${req.params.name}; see /openapi` });
    return doc;
  });
  app.get('/docs', async (_req, reply) => reply.type('text/html; charset=utf-8').send(html));
  app.get<{ Params: { file: string } }>('/docs/assets/:file', async (req, reply) => {
    const type = assets[req.params.file];
    if (!type) return reply.status(404).send({ error: 'Not Found', message: 'No such asset' });
    reply.header('cache-control', 'public, max-age=86400');
    return reply.type(type).send(await readFile(path.join(assetsDir, req.params.file)));
  });
}
