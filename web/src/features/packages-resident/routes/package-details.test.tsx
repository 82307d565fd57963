import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { i18n } from '@/lib/i18n';
import { expectNoAxeViolations } from '@/testing/axe';
import { resident } from '@/testing/fixtures';
import { apiUrl, server } from '@/testing/msw-server';
import { renderApp } from '@/testing/render-app';
import type { TimelineEntry } from '../api/types';
import { pkg, problem, twoUnits, unitPath } from '../testing/fixtures';

const entry = (e: Partial<TimelineEntry> & Pick<TimelineEntry, 'at' | 'kind'>): TimelineEntry => ({
  actorName: null,
  detail: null,
  channel: null,
  outcome: null,
  recipientName: null,
  ...e,
});

const timeline: TimelineEntry[] = [
  entry({ at: '2026-11-24T19:03:11Z', kind: 'logged' }),
  entry({ at: '2026-11-24T19:03:40Z', kind: 'notice', channel: 'email', outcome: 'sent', recipientName: 'Zoé Tremblay' }),
  entry({ at: '2026-11-27T14:00:00Z', kind: 'reminder', channel: 'email', outcome: 'failed', recipientName: 'Zoé Tremblay' }),
  entry({ at: '2026-11-27T22:15:00Z', kind: 'released', recipientName: 'Jean Roy' }),
  entry({ at: '2026-11-27T22:18:00Z', kind: 'release-undone', detail: 'Mauvais colis remis' }),
];

const detailed = pkg({ hasPhoto: true, flags: ['fragile', 'signature-required'], timeline });

describe('package details', () => {
  it('shows the chain of custody in order, and the photo with a meaningful text (fr)', async () => {
    server.use(http.get(apiUrl(`${unitPath}/packages/p-1`), () => HttpResponse.json(detailed)));
    renderApp('/fr/colis/p-1', { me: resident });

    expect(await screen.findByRole('heading', { level: 1, name: 'Colis UPS LDA-20261124-0003' })).toBeInTheDocument();
    expect(screen.getByText('Fragile, Signature requise')).toBeInTheDocument();
    const img = screen.getByRole('img', { name: 'Photo du colis UPS prise à la réception le 24 novembre 2026' });
    expect(img).toHaveAttribute('src', `${unitPath}/packages/p-1/photo`);

    const section = screen.getByRole('region', { name: 'Chaîne de possession' });
    const items = within(within(section).getByRole('list')).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      '24 novembre 2026 à 14 h 03Reçu et enregistré à la réception',
      '24 novembre 2026 à 14 h 03Avis d’arrivée par courriel à Zoé Tremblay (envoyé)',
      '27 novembre 2026 à 9 h 00Rappel par courriel à Zoé Tremblay (échec de l’envoi)',
      '27 novembre 2026 à 17 h 15Remis à Jean Roy',
      '27 novembre 2026 à 17 h 18Remise annulée\u00a0: le colis attend de nouveau à la réception — Mauvais colis remis',
    ]);
    expect(section.querySelector('ol')).not.toBeNull();
    expect(within(items[0]!).getByText('24 novembre 2026 à 14 h 03').closest('time')).toHaveAttribute('dateTime', '2026-11-24T19:03:11Z');
    await expectNoAxeViolations();
  });

  it('shows the timeline in English, without a photo when there is none', async () => {
    await i18n.changeLanguage('en');
    server.use(http.get(apiUrl(`${unitPath}/packages/p-1`), () => HttpResponse.json({ ...detailed, hasPhoto: false })));
    renderApp('/en/packages/p-1', { me: resident });

    expect(await screen.findByRole('heading', { level: 1, name: 'UPS package LDA-20261124-0003' })).toBeInTheDocument();
    expect(screen.queryByRole('img', { name: /Photo/ })).toBeNull();
    const section = screen.getByRole('region', { name: 'Chain of custody' });
    expect(within(section).getByText('Arrival notice by email to Zoé Tremblay (sent)')).toBeInTheDocument();
    expect(within(section).getByText('Reminder by email to Zoé Tremblay (could not be sent)')).toBeInTheDocument();
    expect(within(section).getByText('Released to Jean Roy')).toBeInTheDocument();
    await expectNoAxeViolations();
  });

  it('finds a package of the person’s other unit (a link from an email), and says when none has it', async () => {
    server.use(
      http.get(apiUrl(`${unitPath}/packages/:id`), () => problem(404, { title: 'Introuvable', code: 'not-found' })),
      http.get(apiUrl('/api/buildings/lofts-des-arts/units/1203/packages/p-1'), () => HttpResponse.json({ ...detailed, unitId: '1203', unitNumber: '1203' })),
      http.get(apiUrl('/api/buildings/lofts-des-arts/units/1203/packages/p-404'), () => problem(404, { title: 'Introuvable', code: 'not-found' })),
    );
    const first = renderApp('/fr/colis/p-1', { me: twoUnits });
    expect(await screen.findByRole('img', { name: /Photo du colis UPS/ })).toHaveAttribute('src', '/api/buildings/lofts-des-arts/units/1203/packages/p-1/photo');
    first.unmount();

    renderApp('/fr/colis/p-404', { me: twoUnits });
    expect(await screen.findByText(/Ce colis est introuvable dans vos unités/)).toBeInTheDocument();
    await expectNoAxeViolations();
  });
});
