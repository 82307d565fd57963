import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { i18n } from '@/lib/i18n';
import { dispatchPush } from '@/lib/realtime';
import { expectNoAxeViolations } from '@/testing/axe';
import { resident } from '@/testing/fixtures';
import { apiUrl, server } from '@/testing/msw-server';
import { renderApp } from '@/testing/render-app';
import { list, pkg, twoUnits, unitPath } from '../testing/fixtures';

const waitingUps = pkg({ flags: ['perishable'], overdue: true, ageDays: 8, arrivedAt: '2026-11-18T19:03:11Z' });
const waitingPost = pkg({ id: 'p-2', shortId: 'LDA-20261126-0001', carrier: 'canada-post', size: 'envelope', location: null, ageDays: 0, arrivedAt: '2026-11-26T13:30:00Z' });
const released = pkg({
  id: 'p-3',
  shortId: 'LDA-20261120-0004',
  state: 'released',
  carrier: 'fedex',
  size: 'large',
  ageDays: 6,
  arrivedAt: '2026-11-20T15:00:00Z',
  releasedAt: '2026-11-21T23:10:00Z',
  releasedToName: 'Jean Roy',
  releasedToKind: 'authorized',
});
const returned = pkg({ id: 'p-4', shortId: 'LDA-20261101-0009', state: 'returned', carrier: 'amazon', ageDays: 25, arrivedAt: '2026-11-01T15:00:00Z' });

describe('my packages', () => {
  it('shows the waiting packages with where and when to pick them up, then the history (fr)', async () => {
    const views: string[] = [];
    server.use(
      http.get(apiUrl(`${unitPath}/packages`), ({ request }) => {
        const view = new URL(request.url).searchParams.get('view') ?? '';
        views.push(view);
        return HttpResponse.json(view === 'history' ? list([released, returned]) : list([waitingUps, waitingPost]));
      }),
    );
    renderApp('/fr/colis', { me: resident });
    const user = userEvent.setup();

    expect(await screen.findByRole('heading', { level: 1, name: 'Mes colis' })).toBeInTheDocument();
    const ups = await screen.findByRole('listitem', { name: 'UPS – Petit colis' });
    // Overdue is said in words (and an icon), not by colour alone.
    expect(within(ups).getByText('En retard : à récupérer sans tarder')).toBeInTheDocument();
    expect(within(ups).getByText('Périssable')).toBeInTheDocument();
    expect(within(ups).getByText('il y a 8 jours (18 novembre 2026 à 14 h 03)')).toBeInTheDocument();
    expect(within(ups).getByText('Tablette A3')).toBeInTheDocument();
    expect(within(ups).getByRole('link', { name: 'Détails du colis UPS LDA-20261124-0003' })).toHaveAttribute('href', '/fr/colis/p-1');
    const post = screen.getByRole('listitem', { name: 'Postes Canada – Enveloppe' });
    expect(within(post).getByText('aujourd’hui (26 novembre 2026 à 8 h 30)')).toBeInTheDocument();
    expect(within(post).queryByText(/En retard/)).toBeNull();
    expect(screen.getByText('Réception, hall d’entrée')).toBeInTheDocument();
    expect(screen.getByText('Tous les jours, 7 h à 23 h')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'En attente (2)' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('link', { name: 'Mon code de récupération' })).toHaveAttribute('href', '/fr/colis/code-de-recuperation');
    await expectNoAxeViolations();

    await user.click(screen.getByRole('tab', { name: 'Historique' }));
    const fedex = await screen.findByRole('listitem', { name: 'FedEx – Gros colis' });
    expect(within(fedex).getByText('Récupéré par Jean Roy (personne autorisée) le 21 novembre 2026 à 18 h 10')).toBeInTheDocument();
    expect(within(screen.getByRole('listitem', { name: 'Amazon – Petit colis' })).getByText('Retourné à l’expéditeur')).toBeInTheDocument();
    expect(screen.getByRole('tabpanel')).toHaveAccessibleName('Historique');
    expect(views).toEqual(['waiting', 'history']);
    await expectNoAxeViolations();
  });

  it('says something useful when nothing is waiting and the history is empty (en)', async () => {
    await i18n.changeLanguage('en');
    server.use(http.get(apiUrl(`${unitPath}/packages`), () => HttpResponse.json(list([], 'en'))));
    renderApp('/en/packages', { me: resident });
    const user = userEvent.setup();

    expect(await screen.findByText(/No packages are waiting for you at the front desk/)).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Waiting (0)' })).toBeInTheDocument();
    expect(screen.getByText('Every day, 7 a.m. to 11 p.m.')).toBeInTheDocument();
    await expectNoAxeViolations();

    await user.click(screen.getByRole('tab', { name: 'History' }));
    expect(await screen.findByText(/No packages picked up or returned yet/)).toBeInTheDocument();
    await expectNoAxeViolations();
  });

  it.each([
    ['fr', '/fr/colis', 'Nouveau colis : UPS, arrivé à 14 h 03'],
    ['en', '/en/packages', 'New package: UPS, arrived at 2:03 p.m.'],
  ] as const)('fetches again on a push for the unit, never before, and announces the arrival politely (%s)', async (lang, path, sentence) => {
    await i18n.changeLanguage(lang);
    let items = [waitingPost];
    let fetches = 0;
    server.use(
      http.get(apiUrl(`${unitPath}/packages`), () => {
        fetches += 1;
        return HttpResponse.json(list(items, lang));
      }),
    );
    renderApp(path, { me: resident });
    expect(await screen.findByRole('tab', { name: /\(1\)/ })).toBeInTheDocument();
    expect(fetches).toBe(1);

    // No polling: nothing is fetched until a push arrives; a push for another unit is not ours.
    await new Promise((resolve) => setTimeout(resolve, 300));
    act(() => dispatchPush({ kind: 'package.changed', ids: { buildingId: 'lofts-des-arts', unitId: '1203', packageId: 'p-x' } }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fetches).toBe(1);

    items = [pkg({ id: 'p-9', ageDays: 0, arrivedAt: '2026-11-26T19:03:11Z', location: 'B1' }), waitingPost];
    act(() => dispatchPush({ kind: 'package.changed', ids: { buildingId: 'lofts-des-arts', unitId: '504', packageId: 'p-9' } }));

    expect(await screen.findByRole('tab', { name: /\(2\)/ })).toBeInTheDocument();
    const announcement = await screen.findByText(sentence);
    expect(announcement).toHaveAttribute('aria-live', 'polite');
    expect(fetches).toBe(2);
  });

  it('lets a resident of two units choose whose packages to show', async () => {
    server.use(
      http.get(apiUrl(`${unitPath}/packages`), () => HttpResponse.json(list([waitingUps]))),
      http.get(apiUrl('/api/buildings/lofts-des-arts/units/1203/packages'), () => HttpResponse.json(list([waitingPost]))),
    );
    renderApp('/fr/colis', { me: twoUnits });
    const user = userEvent.setup();
    expect(await screen.findByRole('listitem', { name: 'UPS – Petit colis' })).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Unité'), 'lofts-des-arts/1203');
    expect(await screen.findByRole('listitem', { name: 'Postes Canada – Enveloppe' })).toBeInTheDocument();
    expect(screen.queryByRole('listitem', { name: 'UPS – Petit colis' })).toBeNull();
    await expectNoAxeViolations();
  });

  it('shows the waiting count on the resident home and in the navigation', async () => {
    server.use(http.get(apiUrl(`${unitPath}/packages`), () => HttpResponse.json(list([waitingUps, waitingPost]))));
    renderApp('/fr/accueil', { me: resident });
    expect(await screen.findByText('Colis en attente : 2')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Voir mes colis' })).toHaveAttribute('href', '/fr/colis');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Menu' }));
    const nav = screen.getByRole('navigation', { name: 'Navigation principale' });
    expect(within(nav).getByRole('link', { name: 'Colis' })).toHaveAttribute('href', '/fr/colis');
    await expectNoAxeViolations();
  });
});
