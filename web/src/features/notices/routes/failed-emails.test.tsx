import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { Me } from '@/features/auth/api/types';
import { i18n } from '@/lib/i18n';
import { expectNoAxeViolations } from '@/testing/axe';
import { admin, manager } from '@/testing/fixtures';
import { apiUrl, server } from '@/testing/msw-server';
import { renderApp } from '@/testing/render-app';
import type { FailedNotice, NoticeRetry } from '../api/types';

const failedUrl = apiUrl('/api/buildings/lofts-des-arts/notices/failed');
const retryUrl = apiUrl('/api/buildings/lofts-des-arts/notices/:noticeId/retry');

const arrival: FailedNotice = {
  id: 'evt_01:u_resident:packages-arrived-email',
  kind: 'packages-arrived-email',
  eventId: 'evt_01',
  recipientName: 'Zoé Tremblay',
  attempts: 5,
  lastError: 'rejected',
  updatedAt: '2026-11-26T19:03:00Z',
};

const unknownKind: FailedNotice = {
  id: 'evt_02:k_9f2c:future-kind',
  kind: 'future-kind',
  eventId: 'evt_02',
  recipientName: null,
  attempts: 3,
  lastError: 'error:HttpRequestException',
  updatedAt: '2026-11-25T13:00:00Z',
};

const frontDesk: Me = { ...manager, userId: 'u_desk', fullName: 'Luc Bélanger', memberships: [{ ...manager.memberships[0]!, role: 'frontDesk' }] };

/** The list the server answers, and the raw paths of the retries it received. */
function failedApi(initial: FailedNotice[], outcome: (id: string) => NoticeRetry['outcome']) {
  const state = { items: initial, paths: [] as string[] };
  server.use(
    http.get(failedUrl, () => HttpResponse.json(state.items)),
    http.post(retryUrl, ({ request, params }) => {
      state.paths.push(new URL(request.url).pathname);
      const id = String(params.noticeId);
      const result = outcome(id);
      if (result === 'sent') {
        state.items = state.items.filter((n) => n.id !== id);
      }
      return HttpResponse.json({ id, outcome: result } satisfies NoticeRetry);
    }),
  );
  return state;
}

// jsdom lays the page out as on a phone: the navigation opens from the menu button.
async function openNavigation(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('button', { name: 'Menu' }));
  return screen.getByRole('navigation', { name: 'Navigation principale' });
}

describe('failed emails page', () => {
  it('lists the failed emails and sends one again, with the id encoded and the outcome announced (fr)', async () => {
    const state = failedApi([arrival, unknownKind], () => 'sent');
    renderApp('/fr/console/courriels-en-echec', { me: manager });
    const user = userEvent.setup();

    expect(await screen.findByRole('heading', { level: 1, name: 'Courriels en échec' })).toBeInTheDocument();
    expect(await screen.findByRole('heading', { level: 2, name: 'Courriels à renvoyer\u00a0: 2' })).toBeInTheDocument();
    const items = screen.getAllByRole('listitem').filter((li) => within(li).queryByRole('heading', { level: 3 }));
    expect(items).toHaveLength(2);
    expect(within(items[0]!).getByRole('heading', { level: 3, name: 'Avis d’arrivée de colis' })).toBeInTheDocument();
    expect(within(items[0]!).getByText('Zoé Tremblay')).toBeInTheDocument();
    expect(within(items[0]!).getByText('5')).toBeInTheDocument();
    expect(within(items[0]!).getByText('rejected')).toBeInTheDocument();
    expect(within(items[0]!).getByText(/26 novembre 2026/)).toBeInTheDocument();
    // A kind this page does not know yet shows as the server names it; a deleted account as unknown.
    expect(within(items[1]!).getByRole('heading', { level: 3, name: 'future-kind' })).toBeInTheDocument();
    expect(within(items[1]!).getByText('Destinataire inconnu')).toBeInTheDocument();
    await expectNoAxeViolations();

    await user.click(screen.getByRole('button', { name: 'Renvoyer «\u00a0Avis d’arrivée de colis\u00a0» à Zoé Tremblay' }));

    await waitFor(() => expect(screen.getByTestId('announcer')).toHaveTextContent('Courriel envoyé : Avis d’arrivée de colis à Zoé Tremblay.'));
    expect(state.paths).toEqual(['/api/buildings/lofts-des-arts/notices/evt_01%3Au_resident%3Apackages-arrived-email/retry']);
    expect(screen.getByTestId('announcer')).toHaveAttribute('aria-live', 'polite');
    expect(screen.getByTestId('retry-result')).toHaveTextContent('Courriel envoyé : Avis d’arrivée de colis à Zoé Tremblay.');
    const heading = screen.getByRole('heading', { level: 2, name: 'Courriels à renvoyer\u00a0: 1' });
    expect(heading).toHaveFocus();
    expect(screen.queryByRole('button', { name: /Avis d’arrivée de colis/ })).toBeNull();
    await expectNoAxeViolations();
  });

  it('says when sending is postponed or fails again (en)', async () => {
    await i18n.changeLanguage('en');
    const state = failedApi([arrival, unknownKind], (id) => (id === arrival.id ? 'deferred' : 'failed'));
    renderApp('/en/console/failed-emails', { me: admin });
    const user = userEvent.setup();

    expect(await screen.findByRole('heading', { level: 2, name: 'Emails to send again: 2' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 3, name: 'Package arrival notice' })).toBeInTheDocument();
    await expectNoAxeViolations();

    await user.click(screen.getByRole('button', { name: 'Send again “Package arrival notice” to Zoé Tremblay' }));
    await waitFor(() => expect(screen.getByTestId('announcer')).toHaveTextContent(/^Sending postponed: Package arrival notice to Zoé Tremblay\./));
    expect(screen.getByTestId('retry-result')).toHaveTextContent('It will be tried again automatically.');

    await user.click(screen.getByRole('button', { name: 'Send again “future-kind” to Unknown recipient' }));
    await waitFor(() => expect(screen.getByTestId('announcer')).toHaveTextContent('The email still could not be sent: future-kind to Unknown recipient.'));
    expect(state.paths).toEqual([
      '/api/buildings/lofts-des-arts/notices/evt_01%3Au_resident%3Apackages-arrived-email/retry',
      '/api/buildings/lofts-des-arts/notices/evt_02%3Ak_9f2c%3Afuture-kind/retry',
    ]);
    expect(screen.getByRole('heading', { level: 2, name: 'Emails to send again: 2' })).toBeInTheDocument();
    await expectNoAxeViolations();
  });

  it('shows an empty list, and is in the console navigation for managers only (fr)', async () => {
    failedApi([], () => 'sent');
    const first = renderApp('/fr/console/courriels-en-echec', { me: manager });
    const user = userEvent.setup();
    expect(await screen.findByText('Aucun courriel en échec. Tout a été envoyé.')).toBeInTheDocument();
    const nav = await openNavigation(user);
    expect(within(nav).getByRole('link', { name: 'Courriels en échec' })).toHaveAttribute('href', '/fr/console/courriels-en-echec');
    await expectNoAxeViolations();
    first.unmount();

    renderApp('/fr/console/courriels-en-echec', { me: frontDesk });
    expect(await screen.findByText(/Votre rôle dans cet immeuble ne donne pas accès aux courriels en échec/)).toBeInTheDocument();
    const deskNav = await openNavigation(user);
    expect(within(deskNav).getByRole('link', { name: 'Unités' })).toBeInTheDocument();
    expect(within(deskNav).queryByRole('link', { name: 'Courriels en échec' })).toBeNull();
    await expectNoAxeViolations();
  });

  it('names every email kind the server has templates for, in both languages', () => {
    // Vitest runs from web/; the kinds are the Core's email templates ({kind}.fr.liquid).
    const templates = join(process.cwd(), '..', 'functions', 'LoftsDesArts.Core', 'Email', 'Templates');
    const kinds = readdirSync(templates)
      .filter((name) => name.endsWith('.fr.liquid') && !name.startsWith('_'))
      .map((name) => name.slice(0, -'.fr.liquid'.length));
    expect(kinds).toContain('packages-arrived-email');
    for (const kind of kinds) {
      expect(i18n.exists(`kinds.${kind}`, { ns: 'notices', lng: 'fr' }), `fr ${kind}`).toBe(true);
      expect(i18n.exists(`kinds.${kind}`, { ns: 'notices', lng: 'en' }), `en ${kind}`).toBe(true);
    }
  });
});
