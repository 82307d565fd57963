// A stand-in for the Azure Static Web App, for scripts/csp-tour.mjs only: serves web/dist with the
// globalHeaders of web/public/staticwebapp.config.json (its CSP has no nonce), SPA fallback to
// index.html. Usage: node web/scripts/swa-like-server.mjs web/dist 5188
import { createServer } from 'node:http';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';
const dist = process.argv[2];
const config = JSON.parse(readFileSync(join(dist, 'staticwebapp.config.json'), 'utf8'));
const types = { '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.html': 'text/html; charset=utf-8' };
createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  let file = join(dist, path);
  if (path.startsWith('/api/')) { res.writeHead(404, { 'Content-Type': 'application/json' }); return res.end('{}'); }
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(dist, 'index.html');
  for (const [k, v] of Object.entries(config.globalHeaders)) res.setHeader(k, v);
  res.setHeader('Content-Type', types[extname(file)] ?? 'application/octet-stream');
  res.end(readFileSync(file));
}).listen(Number(process.argv[3]), '127.0.0.1');
