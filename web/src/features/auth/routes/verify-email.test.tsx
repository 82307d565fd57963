import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { resident, residentHasNoPackages } from '@/testing/fixtures';
import { apiUrl, server } from '@/testing/msw-server';
import { renderApp } from '@/testing/render-app';

describe('email link pages', () => {
  it('verify: nothing is posted on load; the button posts the token from the French link', async () => {
    const posted: unknown[] = [];
    server.use(
      residentHasNoPackages,
      http.post(apiUrl('/api/auth/verify-email'), async ({ request }) => {
        posted.push(await request.json());
        return HttpResponse.json({ user: resident });
      }),
    );
    const { router } = renderApp('/fr/verifier?jeton=tok-123');
    const user = userEvent.setup();

    const button = await screen.findByRole('button', { name: 'Confirmer mon adresse courriel' });
    expect(posted).toEqual([]);
    await user.click(button);

    expect(await screen.findByText('Votre adresse courriel est confirmée.')).toBeInTheDocument();
    expect(posted).toEqual([{ token: 'tok-123' }]);
    expect(router.state.location.pathname).toBe('/fr/accueil');
  });

  it('verify: an expired link offers to send a new one', async () => {
    server.use(
      http.post(apiUrl('/api/auth/verify-email'), () =>
        HttpResponse.json({ title: 'This link has expired.', status: 410, code: 'verification-expired' }, { status: 410 }),
      ),
      http.post(apiUrl('/api/auth/verify-email/resend'), () => HttpResponse.json({}, { status: 202 })),
    );
    renderApp('/en/verify?token=old');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Confirm my email address' }));
    expect(await screen.findByRole('heading', { name: 'This link has expired.' })).toBeInTheDocument();
    await user.type(screen.getByLabelText(/Email address/), 'zoe@example.test');
    await user.click(screen.getByRole('button', { name: 'Send a new link' }));
    expect(await screen.findByText(/a new email was sent to zoe@example.test/)).toBeInTheDocument();
  });

  it('reset: the form posts the token and the new password', async () => {
    let body: unknown;
    server.use(
      http.post(apiUrl('/api/auth/password/reset'), async ({ request }) => {
        body = await request.json();
        return new HttpResponse(null, { status: 204 });
      }),
    );
    renderApp('/fr/reinitialiser?jeton=reset-9');
    const user = userEvent.setup();

    const field = await screen.findByLabelText(/Nouveau mot de passe/);
    expect(field).toHaveAttribute('autocomplete', 'new-password');
    await user.type(field, 'a brand new passphrase');
    await user.click(screen.getByRole('button', { name: 'Enregistrer le mot de passe' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Mot de passe changé' })).toBeInTheDocument();
    expect(body).toEqual({ token: 'reset-9', newPassword: 'a brand new passphrase' });
  });

  it('switching language keeps the token and renames its parameter', async () => {
    renderApp('/fr/verifier?jeton=tok-123');
    const user = userEvent.setup();

    const english = await screen.findByRole('link', { name: 'English' });
    expect(english).toHaveAttribute('href', '/en/verify?token=tok-123');
    await user.click(english);

    expect(await screen.findByRole('button', { name: 'Confirm my email address' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('en-CA');
    expect(document.cookie).toContain('lda-lang=en');
    // The page sets the title in an effect, after its first render.
    await waitFor(() => expect(document.title).toBe('Confirm your email address · Lofts des Arts'));
  });
});
