import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { manager, resident, residentHasNoPackages } from '@/testing/fixtures';
import { apiUrl, server } from '@/testing/msw-server';
import { renderApp } from '@/testing/render-app';

const authOptions = http.get(apiUrl('/api/public/auth-options'), () => HttpResponse.json({ entra: false }));

// jsdom applies no media query: the page is laid out as on a phone, where the navigation is
// collapsed behind the menu button, so the tests open the menu as a phone user would.
async function openNavigation(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('button', { name: 'Menu' }));
  return screen.getByRole('navigation', { name: 'Navigation principale' });
}

describe('app shell', () => {
  it('has the landmarks, a skip link first, and help in the footer', async () => {
    server.use(authOptions);
    renderApp('/fr/connexion');
    const user = userEvent.setup();

    await screen.findByRole('heading', { level: 1, name: 'Se connecter' });
    expect(screen.getByRole('banner')).toBeInTheDocument();
    expect(screen.getByRole('main')).toBeInTheDocument();
    const menu = screen.getByRole('button', { name: 'Menu' });
    expect(menu).toHaveAttribute('aria-expanded', 'false');
    await user.click(menu);
    expect(menu).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByRole('navigation', { name: 'Navigation principale' })).toBeVisible();
    expect(within(screen.getByRole('contentinfo')).getByRole('link', { name: 'Aide et contact' })).toHaveAttribute('href', '/fr/aide');

    (document.activeElement as HTMLElement | null)?.blur();
    await user.tab();
    expect(screen.getByRole('link', { name: 'Aller au contenu principal' })).toHaveFocus();
  });

  it('shows navigation by role', async () => {
    server.use(http.get(apiUrl('/api/buildings/lofts-des-arts/registrations'), () => HttpResponse.json([])));
    renderApp('/fr/console', { me: manager });
    await screen.findByRole('heading', { level: 1, name: 'Console de gestion' });
    const nav = await openNavigation(userEvent.setup());
    expect(within(nav).getByRole('link', { name: 'Inscriptions' })).toHaveAttribute('href', '/fr/console/inscriptions');
    expect(within(nav).getByRole('link', { name: 'Unités' })).toBeInTheDocument();
    expect(screen.getByText('Console de gestion', { selector: 'span' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Se déconnecter' })).toBeInTheDocument();
  });

  it('keeps residents out of the console', async () => {
    server.use(residentHasNoPackages);
    const { router } = renderApp('/fr/console/inscriptions', { me: resident });
    expect(await screen.findByRole('heading', { level: 1, name: 'Bonjour, Zoé Tremblay' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/fr/accueil');
    const nav = await openNavigation(userEvent.setup());
    expect(within(nav).getByRole('link', { name: 'Accueil' })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).queryByRole('link', { name: 'Inscriptions' })).toBeNull();
  });

  it('sends signed-out visitors of a private page to sign in', async () => {
    server.use(authOptions);
    const { router } = renderApp('/en/account/devices');

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/en/sign-in');
  });

  it('remembers the dark theme', async () => {
    server.use(authOptions);
    const first = renderApp('/fr/connexion');
    const user = userEvent.setup();

    const toggle = await screen.findByRole('button', { name: 'Thème sombre' });
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
    expect(window.localStorage.getItem('lda-theme')).toBe('dark');
    first.unmount();

    renderApp('/fr/connexion');
    expect(await screen.findByRole('button', { name: 'Thème sombre' })).toHaveAttribute('aria-pressed', 'true');
  });

  it('signed in, the language switch also saves the account language', async () => {
    let saved: unknown;
    server.use(
      residentHasNoPackages,
      http.put(apiUrl('/api/me/language'), async ({ request }) => {
        saved = await request.json();
        return new HttpResponse(null, { status: 204 });
      }),
    );
    renderApp('/fr/accueil', { me: resident });
    const user = userEvent.setup();

    await user.click(await screen.findByRole('link', { name: 'English' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Hello, Zoé Tremblay' })).toBeInTheDocument();
    expect(saved).toEqual({ language: 'en' });
    expect(document.documentElement.lang).toBe('en-CA');
  });
});
