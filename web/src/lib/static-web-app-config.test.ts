import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface SwaConfig {
  navigationFallback: { rewrite: string; exclude: string[] };
  routes: { route: string; headers?: Record<string, string>; statusCode?: number }[];
  globalHeaders: Record<string, string>;
}

// Vitest runs from web/ (vite.config.ts).
const config = JSON.parse(readFileSync(join(process.cwd(), 'public', 'staticwebapp.config.json'), 'utf8')) as SwaConfig;

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map((parts) => [parts[0]!, parts.slice(1)]),
  );
}

/**
 * The Static Web App cannot put a fresh nonce in each page, so its policy allows inline <style>
 * elements only when they are empty: the hash of the empty string. Griffel and FluentProvider
 * create empty <style> elements and fill them through the CSSOM (insertRule), which CSP does not
 * govern; injected markup with CSS text is still refused. (Checked in Chromium: see the report.)
 */
describe('staticwebapp.config.json', () => {
  const csp = directives(config.globalHeaders['Content-Security-Policy'] ?? '');

  it('has a strict CSP without unsafe sources', () => {
    expect(csp.size).toBeGreaterThan(5);
    for (const [name, sources] of csp) {
      expect(sources.filter((s) => s.startsWith("'unsafe-")), name).toEqual([]);
      expect(sources, name).not.toContain('*');
    }
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('allows only empty inline style elements (the hash of the empty string)', () => {
    const emptyHash = `'sha256-${createHash('sha256').update('').digest('base64')}'`;
    expect(csp.get('style-src')).toEqual(["'self'", emptyHash]);
  });

  it('falls back to index.html for client routes, never for the API or files', () => {
    expect(config.navigationFallback.rewrite).toBe('/index.html');
    expect(config.navigationFallback.exclude).toEqual(expect.arrayContaining(['/api/*', '/assets/*']));
    // The portal has its own sign-in: the Static Web App's built-in providers are closed.
    expect(config.routes.find((r) => r.route === '/.auth/*')?.statusCode).toBe(404);
  });

  it('caches hashed assets for a year and revalidates everything else', () => {
    expect(config.routes.find((r) => r.route === '/assets/*')?.headers?.['Cache-Control']).toBe('public, max-age=31536000, immutable');
    expect(config.globalHeaders['Cache-Control']).toBe('no-cache');
    expect(config.globalHeaders['X-Content-Type-Options']).toBe('nosniff');
    expect(config.globalHeaders['Permissions-Policy']).toContain('camera=(self)');
  });
});
