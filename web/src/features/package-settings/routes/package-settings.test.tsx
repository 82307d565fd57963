import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { Me } from '@/features/auth/api/types';
import { i18n } from '@/lib/i18n';
import { expectNoAxeViolations } from '@/testing/axe';
import { admin, manager } from '@/testing/fixtures';
import { apiUrl, server } from '@/testing/msw-server';
import { renderApp } from '@/testing/render-app';
import type { PackageSettings } from '../api/types';

const settingsUrl = apiUrl('/api/buildings/lofts-des-arts/package-settings');

const problem = (status: number, body: Record<string, unknown>) =>
  HttpResponse.json({ status, ...body }, { status, headers: { 'Content-Type': 'application/problem+json' } });

/** The server's defaults (never saved: no version yet). */
const defaults: PackageSettings = {
  version: null,
  deskHours: { fr: 'Tous les jours, de 7 h à 23 h', en: 'Every day, 7 a.m. to 11 p.m.' },
  pickupLocation: { fr: 'Réception, hall d’entrée', en: 'Front desk, main lobby' },
  reminderDays: [3, 7],
  finalNoticeDay: 12,
  returnDay: 14,
  overdueAfterDays: 7,
  sendingHours: { from: '08:00', to: '21:00' },
  photoRetentionDays: 30,
};

const frontDesk: Me = { ...manager, userId: 'u_desk', fullName: 'Luc Bélanger', memberships: [{ ...manager.memberships[0]!, role: 'frontDesk' }] };

async function replace(user: ReturnType<typeof userEvent.setup>, label: string | RegExp, value: string) {
  const input = screen.getByLabelText(label);
  await user.clear(input);
  if (value) {
    await user.type(input, value);
  }
}

describe('package settings page', () => {
  it('shows the settings and saves them with the exact body and the version read (fr)', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.get(settingsUrl, () => HttpResponse.json(defaults)),
      http.put(settingsUrl, async ({ request }) => {
        const body = (await request.json()) as PackageSettings;
        bodies.push(body);
        return HttpResponse.json({ ...body, version: '"s1"' });
      }),
    );
    renderApp('/fr/console/colis/parametres', { me: manager });
    const user = userEvent.setup();

    expect(await screen.findByRole('heading', { level: 1, name: 'Paramètres des colis' })).toBeInTheDocument();
    expect(await screen.findByLabelText(/Heures de la réception \(en français\)/)).toHaveValue('Tous les jours, de 7 h à 23 h');
    expect(screen.getByLabelText(/Heures de la réception \(en anglais\)/)).toHaveAttribute('lang', 'en');
    expect(screen.getByLabelText(/Jours des rappels/)).toHaveValue('3, 7');
    expect(screen.getByLabelText(/Envoyer à partir de/)).toHaveValue('08:00');
    expect(screen.getByRole('link', { name: 'Retour aux colis de la réception' })).toHaveAttribute('href', '/fr/console/colis');
    await expectNoAxeViolations();

    await replace(user, /Heures de la réception \(en français\)/, 'Du lundi au vendredi, de 8 h à 20 h');
    await replace(user, /Heures de la réception \(en anglais\)/, 'Monday to Friday, 8 a.m. to 8 p.m.');
    await replace(user, /Jours des rappels/, '5, 2 9');
    await replace(user, /Jour du dernier avis/, '11');
    await replace(user, /Jour du retour à l’expéditeur/, '15');
    await replace(user, /En retard après/, '4');
    await replace(user, /Envoyer jusqu’à/, '20:30');
    await replace(user, /Conservation des photos/, '60');
    await user.click(screen.getByRole('button', { name: 'Enregistrer les paramètres' }));

    expect(await screen.findByText('Paramètres enregistrés.', { selector: 'div' })).toBeInTheDocument();
    expect(bodies).toEqual([
      {
        version: null,
        deskHours: { fr: 'Du lundi au vendredi, de 8 h à 20 h', en: 'Monday to Friday, 8 a.m. to 8 p.m.' },
        pickupLocation: { fr: 'Réception, hall d’entrée', en: 'Front desk, main lobby' },
        reminderDays: [2, 5, 9],
        finalNoticeDay: 11,
        returnDay: 15,
        overdueAfterDays: 4,
        sendingHours: { from: '08:00', to: '20:30' },
        photoRetentionDays: 60,
      },
    ]);
    await waitFor(() => expect(screen.getByTestId('announcer')).toHaveTextContent('Paramètres enregistrés.'));
    expect(screen.getByLabelText(/Jours des rappels/)).toHaveValue('2, 5, 9');
    await expectNoAxeViolations();

    // The next save sends the version the first one returned.
    await user.click(screen.getByRole('button', { name: 'Enregistrer les paramètres' }));
    await waitFor(() => expect(bodies).toHaveLength(2));
    expect((bodies[1] as PackageSettings).version).toBe('"s1"');
  });

  it('says when someone else changed the settings first, and shows their values (fr)', async () => {
    let current: PackageSettings = { ...defaults, version: '"s1"' };
    let gets = 0;
    const sent: (string | null)[] = [];
    server.use(
      http.get(settingsUrl, () => {
        gets += 1;
        return HttpResponse.json(current);
      }),
      http.put(settingsUrl, async ({ request }) => {
        sent.push(((await request.json()) as PackageSettings).version);
        current = { ...defaults, version: '"s2"', overdueAfterDays: 5, pickupLocation: { fr: 'Salle du courrier', en: 'Mail room' } };
        return problem(412, { title: 'Modifié entre-temps.', code: 'stale' });
      }),
    );
    renderApp('/fr/console/colis/parametres', { me: admin });
    const user = userEvent.setup();

    await screen.findByLabelText(/En retard après/);
    await replace(user, /En retard après/, '9');
    await user.click(screen.getByRole('button', { name: 'Enregistrer les paramètres' }));

    const summary = await screen.findByTestId('error-summary');
    expect(summary).toHaveTextContent('Ces paramètres ont été modifiés entre-temps par une autre personne.');
    await waitFor(() => expect(screen.getByLabelText(/En retard après/)).toHaveValue('5'));
    expect(screen.getByLabelText(/Lieu de récupération \(en français\)/)).toHaveValue('Salle du courrier');
    expect(sent).toEqual(['"s1"']);
    expect(gets).toBe(2);
    await waitFor(() => expect(summary).toHaveFocus());
    await expectNoAxeViolations();
  });

  it('checks the form before sending, then shows the server’s field errors beside their fields (en)', async () => {
    await i18n.changeLanguage('en');
    let puts = 0;
    server.use(
      http.get(settingsUrl, () => HttpResponse.json({ ...defaults, version: '"s1"' })),
      http.put(settingsUrl, () => {
        puts += 1;
        return problem(400, {
          title: 'Some fields need attention.',
          code: 'validation',
          errors: {
            finalNoticeDay: 'The final notice must come before the day of return to sender.',
            sendingHours: 'The sending start time must come before the end time.',
          },
        });
      }),
    );
    renderApp('/en/console/packages/settings', { me: manager });
    const user = userEvent.setup();

    expect(await screen.findByRole('heading', { level: 1, name: 'Package settings' })).toBeInTheDocument();
    await screen.findByLabelText(/Pickup location \(in English\)/);

    // Checked here first: nothing is sent.
    await replace(user, /Pickup location \(in English\)/, '');
    await replace(user, /Reminder days/, '3, soon');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    let summary = await screen.findByTestId('error-summary');
    expect(within(summary).getByRole('link', { name: 'Enter this text in English.' })).toHaveAttribute('href', '#ps-pickup-en');
    expect(within(summary).getByRole('link', { name: 'Enter numbers of days separated by commas, for example 3, 7.' })).toHaveAttribute('href', '#ps-reminder-days');
    expect(screen.getByLabelText(/Reminder days/)).toHaveAttribute('aria-invalid', 'true');
    expect(summary).toHaveFocus();
    expect(puts).toBe(0);
    await expectNoAxeViolations();

    // The server's rules (order of the days, of the hours) come back per field.
    await replace(user, /Pickup location \(in English\)/, 'Front desk, main lobby');
    await replace(user, /Reminder days/, '3, 7');
    await replace(user, /Final notice day/, '14');
    await replace(user, /Send until/, '07:00');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(puts).toBe(1));
    summary = await screen.findByTestId('error-summary');
    expect(summary).toHaveTextContent('Some fields need attention.');
    expect(within(summary).getByRole('link', { name: 'The final notice must come before the day of return to sender.' })).toHaveAttribute('href', '#ps-final-notice-day');
    expect(within(summary).getByRole('link', { name: 'The sending start time must come before the end time.' })).toHaveAttribute('href', '#ps-sending-to');
    expect(screen.getByLabelText(/Final notice day/)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText(/Send until/)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText(/Reminder days/)).not.toHaveAttribute('aria-invalid', 'true');
    await waitFor(() => expect(summary).toHaveFocus());
    await expectNoAxeViolations();
  });

  it('is refused to the front desk, and linked from the desk page for managers only', async () => {
    const deskList = { items: [], continuation: null, counts: { waiting: 0, overdue: 0, unknownRecipient: 0, releasedToday: 0 } };
    server.use(
      http.get(apiUrl('/api/buildings/lofts-des-arts/packages'), () => HttpResponse.json(deskList)),
      http.get(apiUrl('/api/buildings/lofts-des-arts/units'), () => HttpResponse.json([])),
    );
    const desk = renderApp('/fr/console/colis/parametres', { me: frontDesk });
    expect(await screen.findByText(/Votre rôle dans cet immeuble ne permet pas de modifier les paramètres des colis/)).toBeInTheDocument();
    expect(screen.queryByLabelText(/Jours des rappels/)).toBeNull();
    await expectNoAxeViolations();

    await act(() => desk.router.navigate('/fr/console/colis'));
    expect(await screen.findByRole('link', { name: 'Enregistrer des colis' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Paramètres des colis' })).toBeNull();
    desk.unmount();

    renderApp('/fr/console/colis', { me: manager });
    const main = await screen.findByRole('main');
    expect(await within(main).findByRole('link', { name: 'Paramètres des colis' })).toHaveAttribute('href', '/fr/console/colis/parametres');
  });
});
