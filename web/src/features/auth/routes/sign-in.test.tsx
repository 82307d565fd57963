import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { manager, resident, residentHasNoPackages } from '@/testing/fixtures';
import { apiUrl, server } from '@/testing/msw-server';
import { renderApp } from '@/testing/render-app';

const noEntra = http.get(apiUrl('/api/public/auth-options'), () => HttpResponse.json({ entra: false }));

describe('sign-in page', () => {
  it('is a real form that password managers can fill', async () => {
    server.use(noEntra);
    renderApp('/fr/connexion');

    const email = await screen.findByLabelText(/Adresse courriel/);
    const password = screen.getByLabelText(/^Mot de passe/);
    expect(email).toHaveAttribute('name', 'email');
    expect(email).toHaveAttribute('type', 'email');
    expect(email).toHaveAttribute('autocomplete', 'username');
    expect(password).toHaveAttribute('name', 'password');
    expect(password).toHaveAttribute('type', 'password');
    expect(password).toHaveAttribute('autocomplete', 'current-password');
    expect(email.closest('form')).toBe(password.closest('form'));
    // The page sets the title in an effect, after its first render.
    await waitFor(() => expect(document.title).toBe('Se connecter · Lofts des Arts'));
    expect(screen.getByRole('button', { name: 'Afficher le mot de passe' })).toHaveAttribute('aria-pressed', 'false');
  });

  it('reports empty fields beside them and in a summary that takes focus', async () => {
    server.use(noEntra);
    renderApp('/fr/connexion');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Se connecter' }));

    const summary = await screen.findByTestId('error-summary');
    await waitFor(() => expect(summary).toHaveFocus());
    expect(screen.getByRole('link', { name: 'Entrez votre adresse courriel.' })).toHaveAttribute('href', '#signin-email');
    const email = screen.getByLabelText(/Adresse courriel/);
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription('Entrez votre adresse courriel.');
  });

  it('shows the server’s translated message for wrong credentials beside the password and in the summary', async () => {
    server.use(
      noEntra,
      http.post(apiUrl('/api/auth/sign-in'), () =>
        HttpResponse.json({ title: 'Adresse courriel ou mot de passe incorrect.', status: 401, code: 'invalid-credentials' }, { status: 401 }),
      ),
    );
    renderApp('/fr/connexion');
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText(/Adresse courriel/), 'zoe@example.test');
    await user.type(screen.getByLabelText(/^Mot de passe/), 'not the password');
    await user.click(screen.getByRole('button', { name: 'Se connecter' }));

    const summary = await screen.findByTestId('error-summary');
    await waitFor(() => expect(summary).toHaveFocus());
    expect(screen.getByRole('link', { name: 'Adresse courriel ou mot de passe incorrect.' })).toHaveAttribute('href', '#signin-password');
    const password = screen.getByLabelText(/^Mot de passe/);
    expect(password).toHaveAttribute('aria-invalid', 'true');
    expect(password).toHaveAccessibleDescription('Adresse courriel ou mot de passe incorrect.');
  });

  it('signs a resident in and goes to their home page', async () => {
    let body: unknown;
    server.use(
      noEntra,
      residentHasNoPackages,
      http.post(apiUrl('/api/auth/sign-in'), async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({ status: 'signed-in', user: resident });
      }),
    );
    const { router } = renderApp('/fr/connexion');
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText(/Adresse courriel/), ' zoe@example.test ');
    await user.type(screen.getByLabelText(/^Mot de passe/), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Se connecter' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Bonjour, Zoé Tremblay' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/fr/accueil');
    expect(body).toEqual({ email: 'zoe@example.test', password: 'correct horse battery' });
  });

  it('asks staff for the TOTP code, then opens the console', async () => {
    let totp: unknown;
    server.use(
      noEntra,
      http.post(apiUrl('/api/auth/sign-in'), () => HttpResponse.json({ status: 'totp-required' })),
      http.post(apiUrl('/api/auth/sign-in/totp'), async ({ request }) => {
        totp = await request.json();
        return HttpResponse.json({ status: 'signed-in', user: manager });
      }),
      http.get(apiUrl('/api/buildings/lofts-des-arts/registrations'), () => HttpResponse.json([])),
    );
    const { router } = renderApp('/fr/connexion');
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText(/Adresse courriel/), 'gestion@example.test');
    await user.type(screen.getByLabelText(/^Mot de passe/), 'a long staff password');
    await user.click(screen.getByRole('button', { name: 'Se connecter' }));

    const code = await screen.findByLabelText(/Code de l’application d’authentification/);
    expect(code).toHaveAttribute('autocomplete', 'one-time-code');
    expect(code).toHaveAttribute('inputmode', 'numeric');
    await user.type(code, '12a3456');
    await user.click(screen.getByRole('button', { name: 'Se connecter' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Console de gestion' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/fr/console');
    expect(totp).toEqual({ code: '123456' });
  });

  it('offers a one-time code by email instead of the password', async () => {
    const calls: unknown[] = [];
    server.use(
      noEntra,
      residentHasNoPackages,
      http.post(apiUrl('/api/auth/sign-in/code/request'), async ({ request }) => {
        calls.push(await request.json());
        return HttpResponse.json({}, { status: 202 });
      }),
      http.post(apiUrl('/api/auth/sign-in/code'), async ({ request }) => {
        calls.push(await request.json());
        return HttpResponse.json({ status: 'signed-in', user: resident });
      }),
    );
    renderApp('/fr/connexion');
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText(/Adresse courriel/), 'zoe@example.test');
    await user.click(screen.getByRole('button', { name: 'Recevoir plutôt un code à usage unique par courriel' }));
    await user.click(screen.getByRole('button', { name: 'Envoyer le code' }));
    await user.type(await screen.findByLabelText(/Code à usage unique/), '654321');
    await user.click(screen.getByRole('button', { name: 'Se connecter' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Bonjour, Zoé Tremblay' })).toBeInTheDocument();
    expect(calls).toEqual([{ email: 'zoe@example.test' }, { email: 'zoe@example.test', code: '654321' }]);
  });

  it('shows the Microsoft button only when Entra is configured', async () => {
    server.use(http.get(apiUrl('/api/public/auth-options'), () => HttpResponse.json({ entra: true })));
    renderApp('/en/sign-in');

    expect(await screen.findByRole('button', { name: 'Sign in with Microsoft' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('en-CA');
  });
});
