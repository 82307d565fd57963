// Manual CSP check (until the C# Playwright end-to-end tests exist): a server that sends the real
// Content-Security-Policy serves web/dist; Playwright answers /api/* with mocks so that every screen
// of issue 2 can be reached (sign-in, errors, phone width, dark theme, menu, sign-up with the terms
// dialog, first-admin TOTP with its QR code, console, approve/reject dialogs, CSV import errors,
// code issue and the printable letter, the lock dialog, sessions in English, resident home).
// It collects `securitypolicyviolation` events and console CSP messages, then runs two positive
// controls (an injected non-empty <style> and a cross-origin WebSocket) that must be reported.
// Screenshots go to /tmp/shots.
//
//   npm i --no-save playwright-core            (no browser download; uses /usr/bin/chromium)
//   dotnet run --project functions/LoftsDesArts.SelfHost --urls http://127.0.0.1:5187
//   BASE=http://127.0.0.1:5187 node web/scripts/csp-tour.mjs
//   # the Static Web App's policy (hash of the empty style element, no nonce):
//   node web/scripts/swa-like-server.mjs web/dist 5188 & BASE=http://127.0.0.1:5188 node web/scripts/csp-tour.mjs
//
// Expected: "CSP violations during the tour: 2" — the two positive controls, nothing else.
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

mkdirSync('/tmp/shots', { recursive: true });

const base = process.env.BASE ?? 'http://127.0.0.1:5080';
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

const manager = { userId: 'u_m', email: 'gestion@example.test', fullName: 'Marc Gagnon', language: 'fr', kind: 'staff', emailVerified: true, totpEnabled: true,
  memberships: [{ buildingId: 'lofts-des-arts', buildingName: 'Lofts des Arts', unitId: null, unitNumber: null, role: 'manager', ownerConfirmed: false }], pendingRegistrations: [] };
const resident = { ...manager, userId: 'u_r', email: 'zoe@example.test', fullName: 'Zoé Tremblay', kind: 'resident', totpEnabled: false,
  memberships: [], pendingRegistrations: [{ buildingId: 'lofts-des-arts', unitNumber: '504', submittedAt: '2026-11-20T14:05:00Z' }] };

let me = null;
let locked = false;
const json = (route, body, status = 200) => route.fulfill({ status, contentType: status >= 400 ? 'application/problem+json' : 'application/json', body: JSON.stringify(body) });
async function api(route) {
  const url = new URL(route.request().url());
  const p = url.pathname;
  const m = route.request().method();
  if (locked && p !== '/api/auth/unlock' && p !== '/api/auth/lock' && p !== '/api/auth/sign-out') return json(route, { title: 'Console verrouillée', status: 423, code: 'session-locked' }, 423);
  if (p === '/api/me') return me ? json(route, me) : json(route, { title: 'Non connecté', status: 401, code: 'unauthenticated' }, 401);
  if (p === '/api/negotiate') return json(route, { title: 'no hub', status: 404, code: 'not-found' }, 404);
  if (p === '/api/public/auth-options') return json(route, { entra: true });
  if (p === '/api/public/buildings') return json(route, [{ id: 'lofts-des-arts', name: 'Lofts des Arts', address: '1625, rue Clark, Montréal (Québec) H2X 2R4' }]);
  if (p === '/api/public/buildings/lofts-des-arts') return json(route, { id: 'lofts-des-arts', name: 'Lofts des Arts', address: '1625, rue Clark, Montréal (Québec) H2X 2R4', termsVersion: '2026-11', privacyVersion: '2026-11' });
  if (p.startsWith('/api/public/legal/')) return json(route, { document: 'terms', version: '2026-11', language: url.searchParams.get('lang'), title: url.searchParams.get('lang') === 'en' ? 'Terms of use' : 'Conditions d’utilisation', body: 'Article 1.\n\nArticle 2.' });
  if (p === '/api/registrations') return json(route, { title: 'Certains renseignements sont à corriger.', status: 400, code: 'validation', errors: { unitNumber: 'Cette unité n’existe pas.' } }, 400);
  if (p === '/api/auth/sign-in') { me = manager; return json(route, { status: 'signed-in', user: manager }); }
  if (p === '/api/auth/lock') { locked = true; return route.fulfill({ status: 204 }); }
  if (p === '/api/auth/unlock') { locked = false; return route.fulfill({ status: 204 }); }
  if (p === '/api/auth/sessions') return json(route, [{ id: 's1', createdAt: '2026-11-20T14:05:00Z', lastSeenAt: '2026-11-26T09:00:00Z', device: 'Chrome · Linux', current: true }, { id: 's2', createdAt: '2026-11-01T10:00:00Z', lastSeenAt: '2026-11-02T10:00:00Z', device: 'Safari · iOS', current: false }]);
  if (p.endsWith('/registrations') && m === 'GET') return json(route, [{ id: 'r1', fullName: 'Zoé Tremblay', email: 'zoe@example.test', unitNumber: '504', relationship: 'owner', submittedAt: '2026-11-25T14:05:00Z', status: 'pending', emailVerified: true }]);
  if (p.endsWith('/units') && m === 'GET') return json(route, [{ id: '504', number: '504', floor: 5, type: 'residential', areaSqFt: 812, bedrooms: 2, residentCount: 1 }, { id: '101', number: '101', floor: 1, type: 'commercial', areaSqFt: 1450, bedrooms: null, residentCount: 0 }]);
  if (p.endsWith('/units/import')) return json(route, { title: 'Le fichier contient des erreurs.', status: 400, code: 'import-invalid', rows: [{ row: 3, field: 'floor', message: 'L’étage doit être un nombre.' }] }, 400);
  if (p.endsWith('/registration-codes') && m === 'GET') return json(route, [{ id: 'c1', issuedAt: '2026-11-01T10:00:00Z', expiresAt: '2026-12-31T10:00:00Z', maxUses: 4, uses: 1, status: 'active' }]);
  if (p.endsWith('/registration-codes') && m === 'POST') return json(route, { id: 'c2', code: 'K7QD-M2XH-9PFA', unitNumber: '504', expiresAt: '2027-01-25T10:00:00Z', maxUses: 4 }, 201);
  if (p === '/api/setup/first-admin') return json(route, { totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', otpauthUri: 'otpauth://totp/Lofts%20des%20Arts:admin@example.test?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Lofts%20des%20Arts' });
  return json(route, { title: 'Introuvable', status: 404, code: 'not-found' }, 404);
}

const violations = [];
const consoleErrors = [];
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
await context.addInitScript(() => {
  document.addEventListener('securitypolicyviolation', (e) => {
    (window.__csp ??= []).push(`${e.violatedDirective} ${e.blockedURI} ${e.sample ?? ''}`);
  });
});
await context.route('**/api/**', api);
const page = await context.newPage();
page.on('console', (msg) => {
  const text = msg.text();
  if (/Content Security Policy|Refused to/i.test(text)) violations.push(`[console] ${text}`);
  else if (msg.type() === 'error') consoleErrors.push(text);
});
page.on('pageerror', (e) => consoleErrors.push(`pageerror ${e.message}`));

async function collect(label) {
  const found = await page.evaluate(() => (window.__csp ?? []).splice(0));
  for (const f of found) violations.push(`[${label}] ${f}`);
}
async function shot(name) { await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: true }); }
const nav = async (path) => { await page.goto(base + path); await page.waitForLoadState('networkidle'); };

// 1. sign-in, signed out
await nav('/fr/connexion');
await page.getByRole('heading', { level: 1, name: 'Se connecter' }).waitFor();
const nonceInfo = await page.evaluate(() => ({
  styles: [...document.querySelectorAll('style')].map((s) => ({ id: s.id, bucket: s.dataset.makeStylesBucket, nonce: s.nonce, rules: s.sheet?.cssRules.length ?? -1 })),
  metaNonce: document.querySelector('meta[property=csp-nonce]')?.nonce,
  attrVisible: document.querySelector('meta[property=csp-nonce]')?.getAttribute('nonce'),
}));
console.log('style elements:', nonceInfo.styles.length, 'all nonced:', nonceInfo.styles.every((s) => s.nonce === nonceInfo.metaNonce), 'rules>0:', nonceInfo.styles.filter((s) => s.rules > 0).length, 'nonce attr hidden from getAttribute:', nonceInfo.attrVisible === '');
await shot('01-signin-fr-desktop');
await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
await page.getByTestId('error-summary').waitFor();
await shot('02-signin-errors');
await collect('sign-in');

// 2. phone width, dark theme
await page.setViewportSize({ width: 320, height: 740 });
await nav('/fr/connexion');
const overflow = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
console.log('horizontal scroll at 320px:', overflow);
await shot('03-signin-320');
await page.getByRole('button', { name: 'Thème sombre', exact: true }).click();
await shot('04-signin-320-dark');
await page.getByRole('button', { name: 'Menu' }).click();
await shot('05-menu-320-dark');
await page.getByRole('button', { name: 'Thème sombre', exact: true }).click();
await collect('phone');
await page.setViewportSize({ width: 1280, height: 900 });

// 3. sign-up with the legal dialog and server errors
await nav('/fr/inscription');
await page.getByRole('button', { name: 'Lire les conditions d’utilisation' }).click();
const dialog = page.getByRole('dialog');
await dialog.waitFor();
await page.waitForTimeout(600);
console.log('dialog aria-hidden:', await dialog.getAttribute('aria-hidden'));
await page.getByRole('tab', { name: 'English' }).click();
await page.getByRole('heading', { name: 'Terms of use' }).waitFor();
await shot('06-signup-terms-dialog');
await page.getByRole('button', { name: 'Fermer' }).click();
await page.getByLabel('Numéro d’unité').fill('999');
await page.getByRole('button', { name: 'Créer mon compte' }).click();
await page.getByTestId('error-summary').waitFor();
await shot('07-signup-errors');
await collect('sign-up');

// 4. setup page with QR code (img-src data:)
await nav('/fr/configuration?jeton=abc');
await page.getByLabel('Nom complet').fill('Admin');
await page.getByLabel('Adresse courriel').fill('admin@example.test');
await page.getByLabel('Mot de passe', { exact: false }).first().fill('a very long admin password');
await page.getByRole('button', { name: 'Créer le compte' }).click();
await page.getByRole('img', { name: /Code QR/ }).waitFor();
await shot('08-setup-totp');
await collect('setup');

// 5. console as manager
await nav('/fr/connexion');
await page.getByLabel('Adresse courriel').fill('gestion@example.test');
await page.getByLabel('Mot de passe', { exact: false }).first().fill('staff password 123');
await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
await page.getByRole('heading', { level: 1, name: 'Console de gestion' }).waitFor();
await shot('09-console-home');
await nav('/fr/console/inscriptions');
await page.getByRole('button', { name: 'Approuver l’inscription de Zoé Tremblay' }).click();
await page.getByRole('dialog').waitFor();
await page.waitForTimeout(600);
await shot('10-approve-dialog');
await page.getByRole('button', { name: 'Annuler' }).click();
await page.getByRole('button', { name: 'Refuser l’inscription de Zoé Tremblay' }).click();
await page.getByRole('dialog').waitFor();
await page.getByRole('button', { name: 'Refuser', exact: true }).click();
await shot('11-reject-dialog-error');
await page.getByRole('button', { name: 'Annuler' }).click();
await collect('approvals');
await nav('/fr/console/unites');
await page.getByLabel('Ou collez le contenu CSV').fill('number,floor,type\n504,cinq,residential');
await page.getByRole('button', { name: 'Importer' }).click();
await page.getByRole('table', { name: 'Lignes à corriger' }).waitFor();
await shot('12-units-import-errors');
await page.getByRole('link', { name: 'Gérer les codes de l’unité 504' }).click();
await page.getByRole('button', { name: 'Créer le code' }).click();
await page.getByTestId('issued-code').waitFor();
await shot('13-code-issued');
await page.getByRole('link', { name: 'Ouvrir la lettre à imprimer' }).click();
await page.getByRole('heading', { name: 'Your registration code for the resident portal' }).waitFor();
await shot('14-letter');
await page.emulateMedia({ media: 'print' });
await shot('15-letter-print');
await page.emulateMedia({ media: 'screen' });
await collect('units');

// 6. lock: the server answers 423 → unlock dialog
locked = true;
await page.getByRole('link', { name: 'Retour aux codes de l’unité' }).click();
await page.getByRole('alertdialog', { name: 'Console verrouillée' }).waitFor();
await shot('16-lock-dialog');
await page.getByLabel('Mot de passe', { exact: false }).first().fill('staff password 123');
await page.getByRole('button', { name: 'Déverrouiller' }).click();
await page.getByRole('heading', { level: 1, name: /Codes d’inscription/ }).waitFor();
await collect('lock');

// 7. sessions, English
await nav('/en/account/devices');
await page.getByRole('heading', { level: 1, name: 'Connected devices' }).waitFor();
await shot('17-sessions-en');
await collect('sessions');

// 8. resident home with pending registration
me = resident;
await nav('/fr/accueil');
await page.getByRole('heading', { level: 1, name: 'Bonjour, Zoé Tremblay' }).waitFor();
await shot('18-resident-home');
await collect('resident');

// Positive controls: the detector sees what the policy blocks.
const controls = await page.evaluate(async () => {
  const before = (window.__csp ?? []).length;
  const s = document.createElement('style');
  s.textContent = 'body { outline: 1px solid red; }';
  document.head.append(s);
  const ws = new WebSocket(`ws://${location.host}/api/ws-probe`);
  let other;
  try { other = new WebSocket('ws://example.invalid/'); } catch (e) { other = String(e); }
  await new Promise((r) => setTimeout(r, 500));
  ws.close();
  const events = (window.__csp ?? []).slice(before);
  window.__csp = (window.__csp ?? []).slice(0, before);
  return { events, sheetBlocked: s.sheet === null };
});
console.log('positive controls:', JSON.stringify(controls));

console.log('\nCSP violations during the tour:', violations.length);
for (const v of violations) console.log('  ', v);
console.log('Other console errors:', consoleErrors.length);
for (const e of consoleErrors) console.log('  ', e.slice(0, 200));
await browser.close();
