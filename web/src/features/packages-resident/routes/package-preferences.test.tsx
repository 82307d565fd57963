import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { i18n } from '@/lib/i18n';
import { expectNoAxeViolations } from '@/testing/axe';
import { resident } from '@/testing/fixtures';
import { apiUrl, server } from '@/testing/msw-server';
import { renderApp } from '@/testing/render-app';
import type { ExpectedPackage, PackagePreferences } from '../api/types';
import { prefs, problem, unitPath } from '../testing/fixtures';

const expected: ExpectedPackage = { id: 'e-1', trackingNumber: '7489 1234 5678', carrier: 'purolator', description: 'Chaise de bureau', createdAt: '2026-11-25T16:00:00Z' };

function routes(state: { prefs: PackagePreferences; expected: ExpectedPackage[] }) {
  return [
    http.get(apiUrl(`${unitPath}/package-preferences`), () => HttpResponse.json(state.prefs)),
    http.get(apiUrl(`${unitPath}/expected-packages`), () => HttpResponse.json(state.expected)),
  ];
}

describe('package preferences', () => {
  it('checks the vacation dates, then saves the household’s instructions with the version read (fr)', async () => {
    const state = { prefs, expected: [expected] };
    let sent: unknown;
    server.use(
      ...routes(state),
      http.put(apiUrl(`${unitPath}/package-preferences`), async ({ request }) => {
        sent = await request.json();
        state.prefs = { ...state.prefs, ...(sent as object), version: '"pv2"', authorized: [{ id: 'a-2', name: 'Léa Roy', expiresOn: null }], neverRelease: [] };
        return HttpResponse.json(state.prefs);
      }),
    );
    renderApp('/fr/colis/preferences', { me: resident });
    const user = userEvent.setup();

    expect(await screen.findByRole('heading', { level: 1, name: 'Préférences de colis' })).toBeInTheDocument();
    expect(await screen.findByText('Jean Roy, jusqu’au 31 décembre 2026')).toBeInTheDocument();
    expect(screen.getByText('Paul Martin')).toBeInTheDocument();
    expect(screen.getByLabelText('Consignes pour la réception')).toHaveValue('Laisser au voisin du 505 si je suis absente.');
    await expectNoAxeViolations();

    // People: remove one, add one (with no name first: refused).
    await user.click(screen.getByRole('button', { name: 'Retirer Jean Roy' }));
    await user.click(screen.getByRole('button', { name: 'Ajouter la personne autorisée' }));
    let summary = await screen.findByTestId('error-summary');
    expect(within(summary).getByRole('link', { name: 'Entrez le nom de la personne.' })).toHaveAttribute('href', '#pref-authorized-name');
    const names = screen.getAllByLabelText('Nom de la personne');
    await user.type(names[0]!, 'Léa Roy');
    await user.click(screen.getByRole('button', { name: 'Ajouter la personne autorisée' }));
    expect(screen.getByText('Léa Roy')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Retirer Paul Martin' }));
    expect(screen.getByText('Personne.')).toBeInTheDocument();

    const instructions = screen.getByLabelText('Consignes pour la réception');
    await user.clear(instructions);
    await user.type(instructions, 'Sonner deux fois.');
    expect(screen.getByText('17 caractères sur 500')).toBeInTheDocument();
    expect(instructions).toHaveAttribute('maxLength', '500');

    // Vacation hold: the end before the start is refused before anything is sent.
    await user.click(screen.getByRole('checkbox', { name: 'Je serai absent ou absente' }));
    await user.type(screen.getByLabelText(/^Du\b/), '2026-12-20');
    await user.type(screen.getByLabelText(/^Au\b/), '2026-12-10');
    await user.click(screen.getByRole('button', { name: 'Enregistrer les consignes' }));
    summary = await screen.findByTestId('error-summary');
    expect(within(summary).getByRole('link', { name: 'La date de fin doit être le même jour que la date de début ou après.' })).toHaveAttribute('href', '#pref-vacation-to');
    expect(summary).toHaveFocus();
    expect(screen.getByLabelText(/^Au\b/)).toHaveAttribute('aria-invalid', 'true');
    expect(sent).toBeUndefined();
    await expectNoAxeViolations();

    await user.clear(screen.getByLabelText(/^Au\b/));
    await user.type(screen.getByLabelText(/^Au\b/), '2027-01-05');
    await user.click(screen.getByRole('button', { name: 'Enregistrer les consignes' }));
    expect(await screen.findByText('Consignes enregistrées.', { selector: 'div' })).toBeInTheDocument();
    expect(sent).toEqual({
      version: '"pv1"',
      authorized: [{ name: 'Léa Roy', expiresOn: null }],
      neverRelease: [],
      instructions: 'Sonner deux fois.',
      vacationHold: { from: '2026-12-20', to: '2027-01-05' },
    });
    expect(screen.getByTestId('announcer')).toHaveAttribute('aria-live', 'polite');
  });

  it('shows no vacation hold when the API leaves the field out, as it does for every null value (fr)', async () => {
    // The API omits null values: no `vacationHold` and no `version` at all until a resident first saves.
    const sent: PackagePreferences = { ...prefs };
    delete sent.vacationHold;
    delete sent.version;
    server.use(...routes({ prefs: sent, expected: [] }));
    renderApp('/fr/colis/preferences', { me: resident });

    expect(await screen.findByText('Jean Roy, jusqu’au 31 décembre 2026')).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Je serai absent ou absente' })).not.toBeChecked();
    expect(document.getElementById('pref-vacation-from')).toBeNull();
  });

  it('says when another member of the household saved first, and shows their values', async () => {
    const state = { prefs, expected: [] as ExpectedPackage[] };
    let gets = 0;
    server.use(
      http.get(apiUrl(`${unitPath}/package-preferences`), () => {
        gets += 1;
        return HttpResponse.json(state.prefs);
      }),
      http.get(apiUrl(`${unitPath}/expected-packages`), () => HttpResponse.json([])),
      http.put(apiUrl(`${unitPath}/package-preferences`), () => {
        state.prefs = { ...prefs, version: '"pv9"', instructions: 'Déposer au casier à colis.' };
        return problem(412, { title: 'Ces préférences ont été modifiées par quelqu’un d’autre.', code: 'stale' });
      }),
    );
    renderApp('/fr/colis/preferences', { me: resident });
    const user = userEvent.setup();

    const instructions = await screen.findByLabelText('Consignes pour la réception');
    await user.clear(instructions);
    await user.type(instructions, 'Mon changement');
    await user.click(screen.getByRole('button', { name: 'Enregistrer les consignes' }));

    const summary = await screen.findByTestId('error-summary');
    expect(summary).toHaveTextContent('Ces préférences ont été modifiées par un autre membre du logement');
    await waitFor(() => expect(screen.getByLabelText('Consignes pour la réception')).toHaveValue('Déposer au casier à colis.'));
    expect(gets).toBe(2);
    await waitFor(() => expect(summary).toHaveFocus());
    await expectNoAxeViolations();
  });

  it('saves each email notice switch at once, and puts it back when the server refuses (en)', async () => {
    await i18n.changeLanguage('en');
    const bodies: unknown[] = [];
    let fail = false;
    server.use(
      ...routes({ prefs, expected: [] }),
      http.put(apiUrl(`${unitPath}/package-preferences/notices`), async ({ request }) => {
        const body = (await request.json()) as PackagePreferences['notices'];
        bodies.push(body);
        if (fail) {
          return problem(503, { title: 'The service is unavailable. Try again in a moment.', code: 'unavailable' });
        }
        return HttpResponse.json({ ...prefs, notices: body });
      }),
    );
    renderApp('/en/packages/preferences', { me: resident });
    const user = userEvent.setup();

    const release = await screen.findByRole('switch', { name: 'Tell me when a package is released' });
    expect(release).not.toBeChecked();
    expect(screen.getByRole('switch', { name: 'Tell me when a package arrives' })).toBeChecked();
    await expectNoAxeViolations();

    await user.click(release);
    await waitFor(() => expect(screen.getByTestId('announcer')).toHaveTextContent('Turned on: release notices.'));
    expect(release).toBeChecked();
    expect(bodies).toEqual([{ arrival: true, reminder: true, release: true }]);

    fail = true;
    const reminder = screen.getByRole('switch', { name: 'Send me reminders about packages not picked up' });
    await waitFor(() => expect(reminder).toBeEnabled());
    await user.click(reminder);
    expect(await screen.findByText('The service is unavailable. Try again in a moment.')).toBeInTheDocument();
    expect(reminder).toBeChecked();
    expect(bodies[1]).toEqual({ arrival: true, reminder: false, release: true });
  });

  it('adds an expected package and removes one (fr)', async () => {
    const state = { prefs, expected: [expected] };
    const calls: string[] = [];
    server.use(
      ...routes(state),
      http.post(apiUrl(`${unitPath}/expected-packages`), async ({ request }) => {
        const body = (await request.json()) as { trackingNumber: string; description?: string };
        calls.push(`add ${JSON.stringify(body)}`);
        const created: ExpectedPackage = { id: 'e-2', trackingNumber: body.trackingNumber, carrier: 'ups', description: body.description ?? null, createdAt: '2026-11-26T16:00:00Z' };
        state.expected = [...state.expected, created];
        return HttpResponse.json(created, { status: 201 });
      }),
      http.delete(apiUrl(`${unitPath}/expected-packages/:id`), ({ params }) => {
        calls.push(`remove ${String(params.id)}`);
        state.expected = state.expected.filter((e) => e.id !== params.id);
        return new HttpResponse(null, { status: 204 });
      }),
    );
    renderApp('/fr/colis/preferences', { me: resident });
    const user = userEvent.setup();

    const section = await screen.findByRole('region', { name: 'Colis attendus' });
    expect(await within(section).findByText('7489 1234 5678')).toBeInTheDocument();
    expect(within(section).getByText(/Purolator · Chaise de bureau/)).toBeInTheDocument();

    await user.click(within(section).getByRole('button', { name: 'Ajouter le colis attendu' }));
    expect(await within(section).findByRole('link', { name: 'Entrez le numéro de suivi.' })).toHaveAttribute('href', '#expected-tracking');

    await user.type(within(section).getByLabelText(/Numéro de suivi/), '1Z999AA10123456784');
    await user.click(within(section).getByRole('button', { name: 'Ajouter le colis attendu' }));
    expect(await within(section).findByText('1Z999AA10123456784')).toBeInTheDocument();
    expect(within(section).getByLabelText(/Numéro de suivi/)).toHaveValue('');
    await waitFor(() => expect(screen.getByTestId('announcer')).toHaveTextContent('Colis attendu ajouté : 1Z999AA10123456784.'));

    await user.click(within(section).getByRole('button', { name: 'Retirer le colis attendu 7489 1234 5678' }));
    await waitFor(() => expect(within(section).queryByText('7489 1234 5678')).toBeNull());
    expect(calls).toEqual(['add {"trackingNumber":"1Z999AA10123456784"}', 'remove e-1']);
    await expectNoAxeViolations();
  });
});
