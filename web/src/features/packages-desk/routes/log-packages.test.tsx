import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { delay, http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '@/testing/axe';
import { manager } from '@/testing/fixtures';
import { apiUrl, server } from '@/testing/msw-server';
import { renderApp } from '@/testing/render-app';
import type { LogPackageRequest } from '../api/types';
import { makePackage, residents, units } from './test-data';

const problem = (status: number, body: Record<string, unknown>) =>
  HttpResponse.json({ status, ...body }, { status, headers: { 'Content-Type': 'application/problem+json' } });

function sources() {
  return [
    http.get(apiUrl('/api/buildings/lofts-des-arts/units'), () => HttpResponse.json(units)),
    http.get(apiUrl('/api/buildings/lofts-des-arts/residents'), () => HttpResponse.json(residents)),
  ];
}

/** The log route: answers each package as logged for the unit sent, numbered in order. */
function loggedFor(sent: LogPackageRequest[]) {
  return http.post(apiUrl('/api/buildings/lofts-des-arts/packages'), async ({ request }) => {
    const body = (await request.json()) as LogPackageRequest;
    sent.push(body);
    const n = sent.length;
    return HttpResponse.json(
      makePackage({ id: `p-${n}`, shortId: `LDA-20261126-000${n}`, unitId: body.unitId, unitNumber: body.unitId, recipientUserId: body.recipientUserId, trackingNumber: body.trackingNumber, carrier: body.carrier ?? 'other' }),
      { status: 201 },
    );
  });
}

beforeEach(() => window.sessionStorage.clear());

describe('log packages page', () => {
  it('logs two packages in a row by keyboard only: focus returns to the recipient, a new clientRequestId each time', async () => {
    const sent: LogPackageRequest[] = [];
    server.use(
      ...sources(),
      http.post(apiUrl('/api/buildings/lofts-des-arts/packages'), async ({ request }) => {
        const body = (await request.json()) as LogPackageRequest;
        sent.push(body);
        const n = sent.length;
        return HttpResponse.json(
          makePackage({ id: `p-${n}`, shortId: `LDA-20261126-000${n}`, unitId: body.unitId, unitNumber: body.unitId, trackingNumber: body.trackingNumber, carrier: body.carrier ?? 'other', location: body.location }),
          { status: 201 },
        );
      }),
    );
    renderApp('/fr/console/colis/enregistrer', { me: manager });
    const user = userEvent.setup();

    const recipient = await screen.findByRole('combobox', { name: /Destinataire/ });
    await expectNoAxeViolations();
    await user.click(recipient);
    // « Hélène » typed without accents, arrow to her, Enter.
    await user.keyboard('helene');
    expect(await screen.findByRole('option', { name: 'Hélène Côté (unité 1504)' })).toBeInTheDocument();
    // Arrow keys move the highlight (aria-activedescendant) to her option.
    const target = screen.getByRole('option', { name: 'Hélène Côté (unité 1504)' });
    for (let i = 0; i < 4 && recipient.getAttribute('aria-activedescendant') !== target.id; i += 1) {
      await user.keyboard('{ArrowDown}');
    }
    expect(recipient).toHaveAttribute('aria-activedescendant', target.id);
    await user.keyboard('{Enter}');
    const tracking = screen.getByRole('textbox', { name: /Numéro de suivi/ });
    await waitFor(() => expect(tracking).toHaveFocus());
    expect(recipient).toHaveValue('Hélène Côté (unité 1504)');

    // A scanner types the number and presses Enter; the carrier is recognized as it is typed.
    await user.keyboard('1Z999AA10123456784');
    expect(screen.getByRole('combobox', { name: 'Transporteur' })).toHaveValue('ups');
    await user.click(screen.getByRole('textbox', { name: /Tablette/ }));
    await user.keyboard('B2');
    await user.click(tracking);
    await user.keyboard('{Enter}');

    await waitFor(() => expect(screen.getByTestId('announcer')).toHaveTextContent('Colis LDA-20261126-0001 enregistré pour l’unité 1504'));
    await waitFor(() => expect(recipient).toHaveFocus());
    expect(recipient).toHaveValue('');
    expect(tracking).toHaveValue('');
    expect(screen.getByRole('textbox', { name: /Tablette/ })).toHaveValue('B2');
    expect(screen.getByRole('link', { name: 'Imprimer l’étiquette du colis LDA-20261126-0001' })).toHaveAttribute('href', '/fr/console/colis/etiquette/p-1');

    // Second package: unit number typed, Enter takes the best match.
    await user.keyboard('504{Enter}');
    await waitFor(() => expect(tracking).toHaveFocus());
    await user.keyboard('TBA123456789012{Enter}');
    await waitFor(() => expect(screen.getByTestId('announcer')).toHaveTextContent('Colis LDA-20261126-0002 enregistré pour l’unité 504'));
    await waitFor(() => expect(recipient).toHaveFocus());

    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatchObject({ unitId: '1504', recipientUserId: 'u_helene', trackingNumber: '1Z999AA10123456784', carrier: 'ups', size: 'small', flags: [], location: 'B2', confirmDuplicate: false });
    expect(sent[1]).toMatchObject({ unitId: '504', recipientUserId: null, trackingNumber: 'TBA123456789012', carrier: 'amazon', location: 'B2' });
    expect(sent[0]!.clientRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent[1]!.clientRequestId).not.toBe(sent[0]!.clientRequestId);
    await expectNoAxeViolations();
  });

  it('typing a unit before the roster arrives: Enter waits for it, then takes the unit (never « destinataire inconnu » by a stale highlight)', async () => {
    const sent: LogPackageRequest[] = [];
    let arrive: () => void = () => undefined;
    const roster = new Promise<void>((resolve) => {
      arrive = resolve;
    });
    server.use(
      http.get(apiUrl('/api/buildings/lofts-des-arts/units'), async () => {
        await roster;
        return HttpResponse.json(units);
      }),
      http.get(apiUrl('/api/buildings/lofts-des-arts/residents'), async () => {
        await roster;
        return HttpResponse.json(residents);
      }),
      loggedFor(sent),
    );
    renderApp('/fr/console/colis/enregistrer', { me: manager });
    const user = userEvent.setup();
    const recipient = await screen.findByRole('combobox', { name: /Destinataire/ });
    await user.click(recipient);
    // The roster is still on its way: no « destinataire inconnu » to choose yet, and Enter chooses nothing.
    await user.keyboard('504');
    expect(await screen.findByRole('option', { name: 'Chargement des unités et des résidents…' })).toBeInTheDocument();
    expect(screen.queryByRole('option', { name: /Destinataire inconnu/ })).not.toBeInTheDocument();
    await user.keyboard('{Enter}');
    expect(recipient).toHaveFocus();
    expect(recipient).toHaveValue('504');

    // The roster arrives (the list, closed by that Enter, has the unit now), nothing typed since: Enter takes the unit.
    arrive();
    expect(await screen.findByRole('option', { name: /^Unité 504/, hidden: true })).toBeInTheDocument();
    await user.keyboard('{Enter}');
    expect(recipient).toHaveValue('Unité 504');
    const tracking = screen.getByRole('textbox', { name: /Numéro de suivi/ });
    expect(tracking).toHaveFocus();
    await user.keyboard('TBA123456789012{Enter}');
    await waitFor(() => expect(screen.getByTestId('announcer')).toHaveTextContent('Colis LDA-20261126-0001 enregistré pour l’unité 504'));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ unitId: '504', recipientUserId: null, recipientName: null });
  });

  it('typing highlights nothing but a name as it begins: ↓ then Enter takes the first suggestion, Enter alone the person a name names, Enter a highlighted name', async () => {
    const sent: LogPackageRequest[] = [];
    server.use(...sources(), loggedFor(sent));
    renderApp('/fr/console/colis/enregistrer', { me: manager });
    const user = userEvent.setup();
    const recipient = await screen.findByRole('combobox', { name: /Destinataire/ });
    await user.click(recipient);
    const tracking = screen.getByRole('textbox', { name: /Numéro de suivi/ });

    // Typing highlights nothing: ↓ goes to the first suggestion (the unit typed), Enter takes it.
    await user.keyboard('504');
    const unit = await screen.findByRole('option', { name: /^Unité 504/ });
    expect(recipient).not.toHaveAttribute('aria-activedescendant');
    await user.keyboard('{ArrowDown}');
    expect(recipient).toHaveAttribute('aria-activedescendant', unit.id);
    await user.keyboard('{Enter}');
    expect(recipient).toHaveValue('Unité 504');
    expect(tracking).toHaveFocus();
    await user.keyboard('TBA100000000001{Enter}');
    await waitFor(() => expect(screen.getByTestId('announcer')).toHaveTextContent('Colis LDA-20261126-0001 enregistré pour l’unité 504'));
    await waitFor(() => expect(recipient).toHaveFocus());

    // Part of a name, without its accents: nothing highlighted; the person comes before her unit, Enter takes her.
    await user.keyboard('cote');
    const helene = await screen.findByRole('option', { name: 'Hélène Côté (unité 1504)' });
    expect(recipient).not.toHaveAttribute('aria-activedescendant');
    expect(within(screen.getByRole('listbox')).getAllByRole('option')[0]).toBe(helene);
    await user.keyboard('{Enter}');
    expect(recipient).toHaveValue('Hélène Côté (unité 1504)');
    expect(tracking).toHaveFocus();
    await user.keyboard('TBA100000000002{Enter}');
    await waitFor(() => expect(screen.getByTestId('announcer')).toHaveTextContent('Colis LDA-20261126-0002 enregistré pour l’unité 1504'));
    await waitFor(() => expect(recipient).toHaveFocus());

    // A name typed as it begins: the list highlights that person, and Enter takes the highlight.
    await user.keyboard('Camille');
    const camille = await screen.findByRole('option', { name: 'Camille Tremblay (unité 504)' });
    await waitFor(() => expect(recipient).toHaveAttribute('aria-activedescendant', camille.id));
    await user.keyboard('{Enter}');
    expect(recipient).toHaveValue('Camille Tremblay (unité 504)');
    await user.keyboard('TBA100000000003{Enter}');
    await waitFor(() => expect(screen.getByTestId('announcer')).toHaveTextContent('Colis LDA-20261126-0003 enregistré pour l’unité 504'));

    expect(sent.map((s) => [s.unitId, s.recipientUserId, s.trackingNumber])).toEqual([
      ['504', null, 'TBA100000000001'],
      ['1504', 'u_helene', 'TBA100000000002'],
      ['504', 'u_camille', 'TBA100000000003'],
    ]);
  });

  it('a scanner typing right after the recipient is chosen: every key lands in the tracking field, none in the recipient', async () => {
    const sent: LogPackageRequest[] = [];
    server.use(...sources(), loggedFor(sent));
    renderApp('/fr/console/colis/enregistrer', { me: manager });
    // No pause at all between keys: no timer can run between the Enter that chooses and the scanner's first key.
    const user = userEvent.setup({ delay: null });
    const recipient = await screen.findByRole('combobox', { name: /Destinataire/ });
    await user.click(recipient);
    await user.keyboard('504');
    await screen.findByRole('option', { name: /^Unité 504/ });
    await user.keyboard('{Enter}TBA100000000001{Enter}');
    await waitFor(() => expect(screen.getByTestId('announcer')).toHaveTextContent('Colis LDA-20261126-0001 enregistré pour l’unité 504'));
    await waitFor(() => expect(recipient).toHaveFocus());
    await user.keyboard('1504');
    await screen.findByRole('option', { name: /^Unité 1504/ });
    await user.keyboard('{ArrowDown}{Enter}TBA100000000002{Enter}');
    await waitFor(() => expect(screen.getByTestId('announcer')).toHaveTextContent('Colis LDA-20261126-0002 enregistré pour l’unité 1504'));
    expect(sent.map((s) => [s.unitId, s.trackingNumber])).toEqual([
      ['504', 'TBA100000000001'],
      ['1504', 'TBA100000000002'],
    ]);
  });

  it('Enter in the tracking field goes to the missing recipient, saying so, instead of submitting', async () => {
    let posts = 0;
    server.use(
      ...sources(),
      http.post(apiUrl('/api/buildings/lofts-des-arts/packages'), () => {
        posts += 1;
        return HttpResponse.json(makePackage(), { status: 201 });
      }),
    );
    renderApp('/fr/console/colis/enregistrer', { me: manager });
    const user = userEvent.setup();
    await screen.findByRole('combobox', { name: /Destinataire/ });
    await user.click(screen.getByRole('textbox', { name: /Numéro de suivi/ }));
    await user.keyboard('1234567890{Enter}');
    const recipient = screen.getByRole('combobox', { name: /Destinataire/ });
    expect(recipient).toHaveFocus();
    // Not silent: the field says what is missing (read with it as focus lands there), and so does the summary.
    expect(recipient).toHaveAttribute('aria-invalid', 'true');
    expect(recipient).toHaveAccessibleDescription(/Choisissez l’unité ou la personne destinataire/);
    expect(screen.getByTestId('error-summary')).toHaveTextContent('Choisissez l’unité ou la personne destinataire');
    expect(screen.getByRole('combobox', { name: 'Transporteur' })).toHaveValue('dhl');
    expect(screen.getByRole('textbox', { name: /Numéro de suivi/ })).toHaveValue('1234567890');
    expect(posts).toBe(0);
  });

  it('sends the same clientRequestId for a repeated submit of the same form, then a duplicate warning and "Log anyway"', async () => {
    const sent: LogPackageRequest[] = [];
    server.use(
      ...sources(),
      http.post(apiUrl('/api/buildings/lofts-des-arts/packages'), async ({ request }) => {
        const body = (await request.json()) as LogPackageRequest;
        sent.push(body);
        if (sent.length === 1) {
          await delay(50);
          return problem(503, { title: 'Service momentanément indisponible.', code: 'unavailable' });
        }
        if (!body.confirmDuplicate) {
          return problem(409, { title: 'Numéro de suivi déjà enregistré.', code: 'duplicate-tracking', existingPackageId: 'p-0', existingShortId: 'LDA-20261125-0042' });
        }
        return HttpResponse.json(makePackage({ id: 'p-9', shortId: 'LDA-20261126-0009', unitId: null, unitNumber: null, state: 'unknown-recipient', recipientName: 'Zoé Nadeau' }), { status: 201 });
      }),
    );
    renderApp('/fr/console/colis/enregistrer', { me: manager });
    const user = userEvent.setup();
    const recipient = await screen.findByRole('combobox', { name: /Destinataire/ });
    await user.click(recipient);
    // Nobody matches: "unknown recipient", keeping the typed name.
    await user.keyboard('Zoé Nadeau');
    expect(await screen.findByRole('option', { name: 'Destinataire inconnu (garder «\u00a0Zoé Nadeau\u00a0»)' })).toBeInTheDocument();
    await user.keyboard('{Enter}');
    const tracking = screen.getByRole('textbox', { name: /Numéro de suivi/ });
    await waitFor(() => expect(tracking).toHaveFocus());
    // Double Enter while the first request is in flight: one request.
    await user.keyboard('RA123456789CA{Enter}{Enter}');
    expect(await screen.findByTestId('error-summary')).toHaveTextContent('Service momentanément indisponible.');
    expect(sent).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: 'Enregistrer le colis' }));
    const warning = await screen.findByRole('group', { name: 'Ce numéro de suivi est déjà enregistré' });
    expect(warning).toHaveTextContent('LDA-20261125-0042');
    await expectNoAxeViolations();
    await user.click(screen.getByRole('button', { name: 'Enregistrer quand même' }));
    await waitFor(() => expect(screen.getByTestId('announcer')).toHaveTextContent('Colis LDA-20261126-0009 enregistré, destinataire inconnu : Zoé Nadeau'));

    expect(sent.map((s) => s.confirmDuplicate)).toEqual([false, false, true]);
    expect(new Set(sent.map((s) => s.clientRequestId)).size).toBe(1);
    expect(sent[2]).toMatchObject({ unitId: null, recipientName: 'Zoé Nadeau', trackingNumber: 'RA123456789CA', carrier: 'canada-post' });
  });
});
