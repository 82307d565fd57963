import { fileURLToPath, URL } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The placeholder the self-host replaces with a fresh nonce per request (see
// functions/LoftsDesArts.SelfHost/Web). Vite writes it on every <script>/<link> it emits and in
// <meta property="csp-nonce" nonce="…">, which the app reads to give Griffel's and FluentProvider's
// <style> elements the same nonce.
export const cspNoncePlaceholder = '__CSP_NONCE__';

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  html: { cspNonce: cspNoncePlaceholder },
  build: {
    outDir: 'dist',
    manifest: true,
    sourcemap: false,
    target: 'es2022',
    // No inline assets: everything is a file under /assets, served with a long cache and covered
    // by 'self' in the CSP (a data: font or script would need a wider policy).
    assetsInlineLimit: 0,
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:5080', changeOrigin: false, ws: true },
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/testing/setup-tests.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    testTimeout: 30000,
  },
});
