import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { Me } from '@/features/auth/api/types';
import { expectNoAxeViolations } from '@/testing/axe';
import { apiUrl, server } from '@/testing/msw-server';
import { renderApp } from '@/testing/render-app';
import type { InvitationDetails } from '../api/types';

const details: InvitationDetails = {
  email: 'luc.roy@example.test',
  fullName: 'Luc Roy',
  buildingName: 'Lofts des Arts',
  role: 'frontDesk',
  expiresAt: '2026-12-03T19:05:00Z',
  account: 'new',
};

const luc: Me = {
  userId: 'u_luc',
  email: 'luc.roy@example.test',
  fullName: 'Luc Roy',
  language: 'fr',
  kind: 'staff',
  emailVerified: true,
  totpEnabled: true,
  memberships: [{ buildingId: 'lofts-des-arts', buildingName: 'Lofts des Arts', role: 'frontDesk', ownerConfirmed: false }],
  pendingRegistrations: [],
};

const authOptions = (entra: boolean) => http.get(apiUrl('/api/public/auth-options'), () => HttpResponse.json({ entra }));

describe('staff invitation page', () => {
  it('creates the account from the French link, enrols the authenticator and opens the console', async () => {
    const posted: { path: string; body: unknown }[] = [];
    const record = (path: string) => async ({ request }: { request: Request }) => {
      posted.push({ path, body: await request.json() });
    };
    server.use(
      authOptions(false),
      http.post(apiUrl('/api/invitations/inspect'), async (info) => {
        await record('inspect')(info);
        return HttpResponse.json(details);
      }),
      http.post(apiUrl('/api/invitations/accept'), async (info) => {
        await record('accept')(info);
        return HttpResponse.json({ status: 'totp-enrolment', totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DP', otpauthUri: 'otpauth://totp/Lofts:luc?secret=JBSWY3DPEHPK3PXPJBSWY3DP' });
      }),
      http.post(apiUrl('/api/invitations/accept/totp'), async (info) => {
        await record('totp')(info);
        return HttpResponse.json({ status: 'signed-in', user: luc });
      }),
    );
    const { router } = renderApp('/fr/invitation?jeton=inv-123');
    const user = userEvent.setup();

    expect(await screen.findByRole('heading', { level: 2, name: 'Luc Roy, l’immeuble Lofts des Arts vous invite à joindre son personnel.' })).toBeInTheDocument();
    expect(screen.getByText('Préposé ou préposée à la réception')).toBeInTheDocument();
    expect(screen.getByText('luc.roy@example.test')).toBeInTheDocument();
    expect(screen.getByText(/3 décembre 2026/)).toBeInTheDocument();
    // No Microsoft where Entra ID is off.
    expect(screen.queryByRole('link', { name: 'Accepter avec Microsoft' })).toBeNull();
    expect(screen.getByLabelText(/Nom complet/)).toHaveValue('Luc Roy');
    await expectNoAxeViolations();

    const password = screen.getByLabelText(/^Mot de passe/);
    expect(password).toHaveAttribute('autocomplete', 'new-password');
    await user.type(password, 'une phrase de passe solide');
    await user.click(screen.getByRole('radio', { name: 'English' }));
    await user.click(screen.getByRole('button', { name: 'Continuer' }));

    expect(await screen.findByRole('heading', { level: 2, name: 'Vérification en deux étapes' })).toBeInTheDocument();
    expect(screen.getByTestId('totp-secret')).toHaveTextContent('JBSW Y3DP EHPK 3PXP JBSW Y3DP');
    await expectNoAxeViolations();
    await user.type(screen.getByLabelText(/Code de l’application d’authentification/), '123456');
    await user.click(screen.getByRole('button', { name: 'Terminer et ouvrir la console' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Console de gestion' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/fr/console');
    expect(posted).toEqual([
      { path: 'inspect', body: { token: 'inv-123' } },
      { path: 'accept', body: { token: 'inv-123', fullName: 'Luc Roy', password: 'une phrase de passe solide', language: 'en' } },
      { path: 'totp', body: { token: 'inv-123', code: '123456' } },
    ]);
  });

  it('says so when the link has expired, in the language of the English link', async () => {
    server.use(
      authOptions(false),
      http.post(apiUrl('/api/invitations/inspect'), () =>
        HttpResponse.json(
          { title: 'This invitation has expired. Ask the building’s administration for a new one.', status: 410, code: 'invitation-expired' },
          { status: 410, headers: { 'Content-Type': 'application/problem+json' } },
        ),
      ),
    );
    renderApp('/en/invitation?token=old');

    expect(await screen.findByText('This invitation has expired. Ask the building’s administration for a new one.')).toBeInTheDocument();
    expect(screen.getByText('This invitation cannot be used')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Continue' })).toBeNull();
    await expectNoAxeViolations();
  });

  it('shows a wrong resident password beside the field and in the error summary', async () => {
    server.use(
      authOptions(true),
      http.post(apiUrl('/api/invitations/inspect'), () => HttpResponse.json({ ...details, account: 'resident' })),
      http.post(apiUrl('/api/invitations/accept'), () =>
        HttpResponse.json(
          { title: 'Vérifiez les champs indiqués.', status: 400, code: 'validation', errors: { password: ['Le mot de passe actuel est incorrect.'] } },
          { status: 400, headers: { 'Content-Type': 'application/problem+json' } },
        ),
      ),
    );
    renderApp('/fr/invitation?jeton=inv-9');
    const user = userEvent.setup();

    expect(await screen.findByRole('heading', { level: 2, name: 'Confirmer avec votre compte de résident' })).toBeInTheDocument();
    // A resident account cannot be taken over with Microsoft: its password is asked instead.
    expect(screen.queryByRole('link', { name: 'Accepter avec Microsoft' })).toBeNull();
    const password = screen.getByLabelText(/Mot de passe actuel/);
    expect(password).toHaveAttribute('autocomplete', 'current-password');
    await user.type(password, 'mauvais mot de passe');
    await user.click(screen.getByRole('button', { name: 'Continuer' }));

    const summary = await screen.findByTestId('error-summary');
    expect(within(summary).getByRole('heading', { name: 'Vérifiez les champs indiqués.' })).toBeInTheDocument();
    expect(within(summary).getByRole('link', { name: 'Le mot de passe actuel est incorrect.' })).toHaveAttribute('href', '#invitation-password');
    expect(summary).toHaveFocus();
    expect(password).toHaveAttribute('aria-invalid', 'true');
    expect(password).toHaveAccessibleDescription(expect.stringContaining('Le mot de passe actuel est incorrect.') as string);
    await expectNoAxeViolations();
  });

  it('accepts in one click for a staff account, and offers Microsoft where Entra ID is on', async () => {
    let accepted: unknown;
    server.use(
      authOptions(true),
      http.post(apiUrl('/api/invitations/inspect'), () => HttpResponse.json({ ...details, account: 'staff' })),
      http.post(apiUrl('/api/invitations/accept'), async ({ request }) => {
        accepted = await request.json();
        return HttpResponse.json({ status: 'membership-added' });
      }),
    );
    const { router } = renderApp('/en/invitation?token=inv-5');
    const user = userEvent.setup();

    const microsoft = await screen.findByRole('link', { name: 'Accept with Microsoft' });
    expect(microsoft).toHaveAttribute('href', '/api/auth/entra/start?invitation=inv-5&returnTo=%2Fen%2Fconsole');
    await user.click(screen.getByRole('button', { name: 'Accept the invitation' }));

    expect(await screen.findByText('You are now on the staff of Lofts des Arts.')).toBeInTheDocument();
    expect(accepted).toEqual({ token: 'inv-5' });
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/en/sign-in');
    expect(router.state.location.state).toEqual({ returnTo: '/en/console' });
  });

  it('switching language keeps the token and renames its parameter', async () => {
    server.use(authOptions(false), http.post(apiUrl('/api/invitations/inspect'), () => HttpResponse.json(details)));
    renderApp('/fr/invitation?jeton=inv-123');

    expect(await screen.findByRole('link', { name: 'English' })).toHaveAttribute('href', '/en/invitation?token=inv-123');
  });
});
