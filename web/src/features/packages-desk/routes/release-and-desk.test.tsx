import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { dispatchPush } from '@/lib/realtime';
import { expectNoAxeViolations } from '@/testing/axe';
import { manager } from '@/testing/fixtures';
import { apiUrl, server } from '@/testing/msw-server';
import { renderApp } from '@/testing/render-app';
import type { DeskPackageList, EditPackageRequest, PickupView, ReleaseRequest } from '../api/types';
import { makePackage, units } from './test-data';

const problem = (status: number, body: Record<string, unknown>) =>
  HttpResponse.json({ status, ...body }, { status, headers: { 'Content-Type': 'application/problem+json' } });

const p1 = makePackage({ id: 'p-1', shortId: 'LDA-20261126-0001' });
const p2 = makePackage({ id: 'p-2', shortId: 'LDA-20261120-0002', carrier: 'canada-post', location: 'B1', ageDays: 8, overdue: true });

describe('release packages page', () => {
  it('finds the unit from a typed code, releases both packages to the resident, then undoes with a reason', async () => {
    const view: PickupView = {
      unitId: '504',
      unitNumber: '504',
      person: { userId: 'u_camille', name: 'Camille Tremblay' },
      members: [{ userId: 'u_camille', name: 'Camille Tremblay' }],
      waiting: [p1, p2],
      instructions: 'Sonner deux fois.',
      authorized: [{ id: 'a-1', name: 'Jean Roy', expiresOn: '2026-12-31' }],
      neverRelease: [{ id: 'n-1', name: 'Paul Inconnu' }],
      vacationHold: null,
    };
    const calls: unknown[] = [];
    const until = new Date(Date.now() + 10 * 60 * 1000).toISOString();
    server.use(
      http.get(apiUrl('/api/buildings/lofts-des-arts/units'), () => HttpResponse.json(units)),
      http.post(apiUrl('/api/buildings/lofts-des-arts/pickup/lookup'), async ({ request }) => {
        calls.push(await request.json());
        return HttpResponse.json(view);
      }),
      http.post(apiUrl('/api/buildings/lofts-des-arts/packages/release'), async ({ request }) => {
        const body = (await request.json()) as ReleaseRequest;
        calls.push(body);
        return HttpResponse.json({ releaseId: 'r-1', packages: [p1, p2].map((p) => ({ ...p, state: 'released', releaseUndoableUntil: until })) });
      }),
      http.post(apiUrl('/api/buildings/lofts-des-arts/packages/:id/undo-release'), async ({ request, params }) => {
        calls.push({ undo: params.id, ...((await request.json()) as object) });
        return HttpResponse.json({ ...p1, id: String(params.id) });
      }),
    );
    renderApp('/fr/console/colis/remise', { me: manager });
    const user = userEvent.setup();

    await user.type(await screen.findByRole('textbox', { name: 'Code de récupération' }), 'k7m4 q2xp');
    await expectNoAxeViolations();
    await user.click(screen.getByRole('button', { name: 'Chercher' }));

    expect(await screen.findByRole('heading', { level: 2, name: 'Unité 504\u00a0: Camille Tremblay' })).toBeInTheDocument();
    const never = screen.getByRole('group', { name: 'Ne jamais remettre à' });
    expect(within(never).getByText('Paul Inconnu')).toBeInTheDocument();
    expect(screen.getByText('Sonner deux fois.')).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: /LDA-20261126-0001/ })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: /LDA-20261120-0002/ })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Camille Tremblay (résident ou résidente)' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Jean Roy (personne autorisée)' })).not.toBeChecked();
    expect(screen.getByRole('radio', { name: 'Code de récupération' })).toBeChecked();
    await expectNoAxeViolations();

    await user.click(screen.getByRole('button', { name: 'Remettre les colis (2)' }));
    const done = await screen.findByRole('group', { name: '2 colis remis à Camille Tremblay' });
    await expectNoAxeViolations();
    await user.click(within(done).getByRole('button', { name: 'Annuler la remise' }));
    const dialog = await screen.findByRole('dialog', { hidden: true });
    await user.click(within(dialog).getByRole('button', { name: 'Annuler la remise', hidden: true }));
    expect(await within(dialog).findByTestId('error-summary')).toHaveTextContent('Indiquez la raison.');
    await user.type(within(dialog).getByRole('textbox', { name: /Raison/, hidden: true }), 'Mauvaise personne');
    await user.click(within(dialog).getByRole('button', { name: 'Annuler la remise', hidden: true }));
    await waitFor(() => expect(screen.getByTestId('announcer')).toHaveTextContent('Remise annulée : 2 colis de nouveau en attente.'));
    expect(screen.queryByRole('group', { name: '2 colis remis à Camille Tremblay' })).toBeNull();

    expect(calls).toEqual([
      { code: 'K7M4Q2XP' },
      { unitId: '504', packageIds: ['p-1', 'p-2'], releasedTo: { kind: 'resident', userId: 'u_camille', name: 'Camille Tremblay' }, identityCheck: 'pickup-code', pickupCode: 'K7M4Q2XP' },
      { undo: 'p-1', reason: 'Mauvaise personne' },
      { undo: 'p-2', reason: 'Mauvaise personne' },
    ]);
  });
});

describe('desk list page', () => {
  it('shows counts and overdue packages, filters through the address, reloads on a push, and handles a stale edit', async () => {
    const queries: string[] = [];
    let version = 1;
    const list = (): DeskPackageList => ({ items: [p1, { ...p2, version: `"v${version}"` }], continuation: null, counts: { waiting: 2, overdue: 1, unknownRecipient: 0, releasedToday: 3 } });
    const edits: EditPackageRequest[] = [];
    server.use(
      http.get(apiUrl('/api/buildings/lofts-des-arts/units'), () => HttpResponse.json(units)),
      http.get(apiUrl('/api/buildings/lofts-des-arts/packages'), ({ request }) => {
        queries.push(new URL(request.url).search);
        return HttpResponse.json(list());
      }),
      http.get(apiUrl('/api/buildings/lofts-des-arts/packages/p-2'), () => HttpResponse.json({ ...p2, version: `"v${version}"`, location: 'C4' })),
      http.put(apiUrl('/api/buildings/lofts-des-arts/packages/p-2'), async ({ request }) => {
        const body = (await request.json()) as EditPackageRequest;
        edits.push(body);
        if (body.version !== `"v${version}"`) {
          return problem(412, { title: 'Modifié entre-temps.', code: 'stale' });
        }
        return HttpResponse.json({ ...p2, ...body, version: '"v3"' });
      }),
    );
    const { router } = renderApp('/fr/console/colis', { me: manager });
    const user = userEvent.setup();

    expect(await screen.findByRole('heading', { level: 2, name: 'Colis en attente\u00a0: 2' })).toBeInTheDocument();
    expect(screen.getByText('Remis aujourd’hui').nextSibling).toHaveTextContent('3');
    const overdueCard = screen.getByRole('heading', { level: 3, name: /LDA-20261120-0002/ });
    expect(overdueCard).toHaveTextContent('En retard : 8 jours');
    expect(screen.getByRole('heading', { level: 3, name: /LDA-20261126-0001/ })).not.toHaveTextContent('En retard');
    await expectNoAxeViolations();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Transporteur' }), 'canada-post');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Âge' }), '7');
    await user.click(screen.getByRole('button', { name: 'Filtrer' }));
    await waitFor(() => expect(router.state.location.search).toBe('?carrier=canada-post&minAgeDays=7'));
    await waitFor(() => expect(queries.at(-1)).toBe('?state=waiting&carrier=canada-post&minAgeDays=7'));

    // A push from the server: the list is fetched again (no polling).
    const before = queries.length;
    dispatchPush({ kind: 'package.changed', ids: { buildingId: 'lofts-des-arts', unitId: '504', packageId: 'p-2' } });
    await waitFor(() => expect(queries.length).toBe(before + 1));

    // Someone else changed p-2 after the list was read.
    version = 2;
    await user.click(screen.getByRole('button', { name: 'Modifier le colis LDA-20261120-0002' }));
    const dialog = await screen.findByRole('dialog', { hidden: true });
    await user.click(within(dialog).getByRole('button', { name: 'Enregistrer les modifications', hidden: true }));
    expect(await within(dialog).findByText(/Ce colis a été modifié entre-temps/)).toBeInTheDocument();
    await waitFor(() => expect(within(dialog).getByRole('textbox', { name: 'Tablette ou emplacement', hidden: true })).toHaveValue('C4'));
    await user.click(within(dialog).getByRole('button', { name: 'Enregistrer les modifications', hidden: true }));
    await waitFor(() => expect(screen.getByTestId('announcer')).toHaveTextContent('Colis LDA-20261120-0002 modifié.'));
    expect(edits.map((e) => e.version)).toEqual(['"v1"', '"v2"']);
    expect(edits[1]).toMatchObject({ location: 'C4', carrier: 'canada-post' });
  });

  it('shows more packages page by page, and a push reloads every page the desk had open', async () => {
    const page1 = makePackage({ id: 'p-a', shortId: 'LDA-20261120-0001' });
    const page2 = makePackage({ id: 'p-b', shortId: 'LDA-20261121-0002' });
    const queries: string[] = [];
    server.use(
      http.get(apiUrl('/api/buildings/lofts-des-arts/units'), () => HttpResponse.json(units)),
      http.get(apiUrl('/api/buildings/lofts-des-arts/packages'), ({ request }) => {
        const search = new URL(request.url).search;
        queries.push(search);
        const counts = { waiting: 51, overdue: 0, unknownRecipient: 0, releasedToday: 0 };
        return HttpResponse.json<DeskPackageList>(
          search.includes('continuation=') ? { items: [page2], continuation: null, counts } : { items: [page1], continuation: 'next-1', counts },
        );
      }),
    );
    renderApp('/fr/console/colis', { me: manager });
    const user = userEvent.setup();

    expect(await screen.findByRole('heading', { level: 3, name: /LDA-20261120-0001/ })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Afficher plus de colis' }));
    expect(await screen.findByRole('heading', { level: 3, name: /LDA-20261121-0002/ })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Afficher plus de colis' })).not.toBeInTheDocument();

    const before = queries.length;
    dispatchPush({ kind: 'package.changed', ids: { buildingId: 'lofts-des-arts', unitId: '504', packageId: 'p-a' } });
    await waitFor(() => expect(queries.slice(before)).toEqual(['?state=waiting', '?state=waiting&continuation=next-1']));
    expect(screen.getByRole('heading', { level: 3, name: /LDA-20261121-0002/ })).toBeInTheDocument();
    await expectNoAxeViolations();
  });
});
