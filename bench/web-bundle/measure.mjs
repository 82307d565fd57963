#!/usr/bin/env node
// Measures the JavaScript a browser downloads before the sign-in page is interactive:
// the entry chunk and its static imports, the sign-in route chunk and its static imports, and the
// two locale files the app awaits before its first render (common + auth, in French — English is
// the same size give or take). Each file is gzipped (level 9, as a static server would) and listed.
//
//   node bench/web-bundle/measure.mjs            build web/ first, then measure
//   node bench/web-bundle/measure.mjs --no-build measure the existing web/dist
//
// Budget (issue 2): under 200 KB gzipped. This is a measurement, not a test: it prints a table and
// exits 0 whatever the number; the report and docs quote it.
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const web = join(repo, 'web');
const dist = join(web, 'dist');
const budgetKb = 200;

if (!process.argv.includes('--no-build')) {
  execSync('npm run build', { cwd: web, stdio: 'inherit' });
}

const manifestPath = join(dist, '.vite', 'manifest.json');
if (!existsSync(manifestPath)) {
  console.error(`No Vite manifest at ${manifestPath}: build web/ first (npm run build).`);
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));

const roots = [
  ['index.html', 'entry'],
  ['src/features/auth/routes/sign-in.tsx', 'sign-in route'],
  ['src/locales/fr/common.json', 'locale fr/common'],
  ['src/locales/fr/auth.json', 'locale fr/auth'],
];

const seen = new Map();
function visit(key, why) {
  const chunk = manifest[key];
  if (!chunk) {
    throw new Error(`${key} is not in the Vite manifest`);
  }
  if (!chunk.file.endsWith('.js') || seen.has(chunk.file)) {
    return;
  }
  seen.set(chunk.file, why);
  for (const imported of chunk.imports ?? []) {
    visit(imported, `${why} (static import)`);
  }
}
for (const [key, why] of roots) {
  visit(key, why);
}

const rows = [...seen].map(([file, why]) => {
  const bytes = readFileSync(join(dist, file));
  return { file, why, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
});
rows.sort((a, b) => b.gzip - a.gzip);
const total = rows.reduce((sum, r) => ({ raw: sum.raw + r.raw, gzip: sum.gzip + r.gzip }), { raw: 0, gzip: 0 });
const kb = (n) => (n / 1024).toFixed(1).padStart(7);

console.log('\nJavaScript fetched before the sign-in page is interactive\n');
console.log(`${'file'.padEnd(48)} ${'raw KB'.padStart(7)} ${'gzip KB'.padStart(7)}  why`);
for (const r of rows) {
  console.log(`${r.file.padEnd(48)} ${kb(r.raw)} ${kb(r.gzip)}  ${r.why}`);
}
console.log(`${'TOTAL'.padEnd(48)} ${kb(total.raw)} ${kb(total.gzip)}  budget ${budgetKb} KB gzip: ${total.gzip / 1024 <= budgetKb ? 'within' : 'OVER'}`);

const results = join(repo, 'bench', 'results');
mkdirSync(results, { recursive: true });
writeFileSync(join(results, 'web-bundle.json'), JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, files: rows, total }, null, 2));
