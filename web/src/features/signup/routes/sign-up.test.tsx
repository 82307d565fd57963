import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { apiUrl, server } from '@/testing/msw-server';
import { renderApp } from '@/testing/render-app';

const building = http.get(apiUrl('/api/public/buildings'), () =>
  HttpResponse.json([{ id: 'lofts-des-arts', name: 'Lofts des Arts', address: '1625, rue Clark, Montréal (Québec) H2X 2R4' }]),
);
const details = http.get(apiUrl('/api/public/buildings/lofts-des-arts'), () =>
  HttpResponse.json({ id: 'lofts-des-arts', name: 'Lofts des Arts', address: '1625, rue Clark', termsVersion: '2026-11', privacyVersion: '2026-10' }),
);

type User = ReturnType<typeof userEvent.setup>;

/** Pastes into a field (as a password manager or a person pasting would): quicker than typing in jsdom. */
async function fill(user: User, field: HTMLElement, text: string) {
  await user.click(field);
  await user.paste(text);
}

async function fillForm(user: User, code = '') {
  await fill(user, await screen.findByLabelText(/Numéro d’unité/), '504');
  if (code) {
    await fill(user, screen.getByLabelText(/Code d’inscription/), code);
  }
  await user.click(screen.getByRole('radio', { name: 'Copropriétaire' }));
  await fill(user, screen.getByLabelText(/Nom complet/), 'Zoé Tremblay');
  await fill(user, screen.getByLabelText(/Adresse courriel/), 'zoe@example.test');
  await fill(user, screen.getByLabelText(/^Mot de passe/), 'correct horse battery');
  await user.click(screen.getByRole('checkbox', { name: /conditions d’utilisation/ }));
  await user.click(screen.getByRole('checkbox', { name: /politique de protection/ }));
}

describe('sign-up page', () => {
  it('picks the only building, sends the form with the document versions, then shows the inbox page', async () => {
    let body: Record<string, unknown> = {};
    server.use(
      building,
      details,
      http.post(apiUrl('/api/registrations'), async ({ request }) => {
        body = (await request.json()) as Record<string, unknown>;
        return HttpResponse.json({ next: 'check-inbox', approvalRequired: false }, { status: 202 });
      }),
    );
    const { router } = renderApp('/fr/inscription');
    const user = userEvent.setup();

    expect(await screen.findByText(/Immeuble.: Lofts des Arts/)).toBeInTheDocument();
    const password = screen.getByLabelText(/^Mot de passe/);
    expect(password).toHaveAttribute('autocomplete', 'new-password');
    expect(password).toHaveAccessibleDescription(/Au moins 12 caractères/);
    await fillForm(user, 'k7qd-m2xh-9pfa');
    await user.click(screen.getByRole('button', { name: 'Créer mon compte' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Vérifiez vos courriels' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/fr/inscription/courriel-envoye');
    expect(body).toEqual({
      buildingId: 'lofts-des-arts',
      unitNumber: '504',
      registrationCode: 'K7QD-M2XH-9PFA',
      fullName: 'Zoé Tremblay',
      email: 'zoe@example.test',
      password: 'correct horse battery',
      language: 'fr',
      relationship: 'owner',
      acceptTerms: true,
      acceptPrivacy: true,
      termsVersion: '2026-11',
      privacyVersion: '2026-10',
    });
    const code = screen.getByLabelText(/Code de vérification/);
    expect(code).toHaveAttribute('autocomplete', 'one-time-code');
    expect(code).toHaveAttribute('inputmode', 'numeric');
  });

  it('shows server field errors beside their fields and in a focused summary', async () => {
    server.use(
      building,
      details,
      http.post(apiUrl('/api/registrations'), () =>
        HttpResponse.json(
          {
            title: 'Certains renseignements sont à corriger.',
            status: 400,
            code: 'validation',
            errors: { registrationCode: 'Ce code d’inscription a expiré.', password: 'Ce mot de passe est trop courant.' },
          },
          { status: 400, headers: { 'Content-Type': 'application/problem+json' } },
        ),
      ),
    );
    renderApp('/fr/inscription');
    const user = userEvent.setup();

    await fillForm(user, 'OLD1-CODE-0000');
    await user.click(screen.getByRole('button', { name: 'Créer mon compte' }));

    const summary = await screen.findByTestId('error-summary');
    await waitFor(() => expect(summary).toHaveFocus());
    expect(screen.getByRole('heading', { name: 'Certains renseignements sont à corriger.' })).toBeInTheDocument();
    const code = screen.getByLabelText(/Code d’inscription/);
    expect(code).toHaveAttribute('aria-invalid', 'true');
    expect(code).toHaveAccessibleDescription(expect.stringContaining('Ce code d’inscription a expiré.'));
    expect(screen.getByRole('link', { name: 'Ce mot de passe est trop courant.' })).toHaveAttribute('href', '#signup-password');
  });

  it('requires both consents, each with its own checkbox', async () => {
    server.use(building, details);
    renderApp('/fr/inscription');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Créer mon compte' }));

    expect(await screen.findByRole('link', { name: 'Acceptez les conditions d’utilisation pour créer un compte.' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Acceptez la politique de confidentialité pour créer un compte.' })).toBeInTheDocument();
  });

  it('opens the terms in a dialog in French first, English one click away', async () => {
    server.use(
      building,
      details,
      http.get(apiUrl('/api/public/legal/terms'), ({ request }) => {
        const lang = new URL(request.url).searchParams.get('lang');
        return HttpResponse.json(
          lang === 'en'
            ? { document: 'terms', version: '2026-11', language: 'en', title: 'Terms of use', body: 'First.\n\nSecond.' }
            : { document: 'terms', version: '2026-11', language: 'fr', title: 'Conditions d’utilisation', body: 'Premier.\n\nDeuxième.' },
        );
      }),
    );
    renderApp('/en/sign-up');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Read the terms of use' }));
    // In jsdom focus does not move into the dialog, so Fluent's modalizer leaves it aria-hidden
    // (in Chromium it is not): the queries inside pass { hidden: true }.
    const dialog = within(await screen.findByRole('dialog', { hidden: true }));
    expect(await dialog.findByText('Conditions d’utilisation', { selector: 'h3' })).toBeInTheDocument();
    expect(dialog.getByText('Deuxième.')).toBeInTheDocument();
    await user.click(dialog.getByRole('tab', { name: 'English', hidden: true }));
    expect(await dialog.findByText('Terms of use', { selector: 'h3' })).toBeInTheDocument();
  });
});
