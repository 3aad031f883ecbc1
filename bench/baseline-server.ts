// The raw baseline: node:http + postgres.js, one prepared statement per route, no framework, no auth. It reads
// (and writes) the same rows of the same PostgreSQL database the real server serves in the same bench run, so
// the ratio between the two is what this stack costs us on top of the practical limit.
//
// Routes come from BASELINE_ROUTES (JSON: { "GET /rpdb/get": { "text": "select …", "params": [...] } }); the
// bench writes them after it has seeded the database, so each one reads exactly the row a case reads.
import http from 'node:http';
import postgres from 'postgres';

type Route = { text: string; params: (string | number)[]; counter?: boolean };

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required');
const routes = JSON.parse(process.env.BASELINE_ROUTES ?? '{}') as Record<string, Route>;
const sql = postgres(url, { max: 10, prepare: true, onnotice: () => {} });
let counter = 0;

const server = http.createServer((req, res) => {
  const route = routes[`${req.method} ${req.url?.split('?')[0]}`];
  if (!route) {
    res.writeHead(404).end();
    return;
  }
  req.resume();
  req.on('end', () => {
    // A counter parameter keeps created rows distinct, as the real server's creates are.
    const params = route.counter ? route.params.map((p) => (p === '{{n}}' ? `baseline ${++counter}` : p)) : route.params;
    sql
      .unsafe(route.text, params, { prepare: true })
      .then((rows) => {
        const body = JSON.stringify(rows.length === 1 && !route.text.includes('limit') ? rows[0] : rows);
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
      })
      .catch((err: Error) => {
        res.writeHead(500).end(err.message);
      });
  });
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(`ready ${typeof address === 'object' && address ? address.port : ''}`);
});
process.on('SIGTERM', () => {
  server.close();
  void sql.end({ timeout: 1 }).then(() => process.exit(0));
});
