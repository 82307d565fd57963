/** The placeholder Vite writes into index.html (vite.config.ts `html.cspNonce`); the self-host replaces it per request. */
export const cspNoncePlaceholder = '__CSP_NONCE__';

/**
 * The nonce of this page, read from `<meta property="csp-nonce" nonce="…">`. Browsers hide nonce
 * attributes from `getAttribute` once a CSP applies, so the `nonce` property is read first.
 * Returns undefined when the page was served without one (Vite dev server, the Static Web App),
 * where the unreplaced placeholder would only add a useless attribute.
 */
export function readCspNonce(doc: Document = document): string | undefined {
  const meta = doc.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]');
  const value = meta?.nonce || meta?.getAttribute('nonce') || undefined;
  if (!value || value === cspNoncePlaceholder) {
    return undefined;
  }
  return value;
}
