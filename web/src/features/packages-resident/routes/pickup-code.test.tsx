import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { i18n } from '@/lib/i18n';
import { expectNoAxeViolations } from '@/testing/axe';
import { resident } from '@/testing/fixtures';
import { apiUrl, server } from '@/testing/msw-server';
import { renderApp } from '@/testing/render-app';
import type { PickupCode } from '../api/types';
import { unitPath } from '../testing/fixtures';

const first: PickupCode = { code: 'K7M4Q2XP', display: 'K7M4-Q2XP', issuedAt: '2026-11-20T15:00:00Z' };
const second: PickupCode = { code: 'R8T2W6ZN', display: 'R8T2-W6ZN', issuedAt: '2026-11-26T15:00:00Z' };

describe('pickup code', () => {
  it('shows the QR code and the typed code, and regenerates it only after confirmation (fr)', async () => {
    let posts = 0;
    server.use(
      http.get(apiUrl(`${unitPath}/pickup-code`), () => HttpResponse.json(first)),
      http.post(apiUrl(`${unitPath}/pickup-code`), ({ request }) => {
        expect(request.headers.get('X-Lda-Request')).toBe('1');
        posts += 1;
        return HttpResponse.json(second);
      }),
    );
    renderApp('/fr/colis/code-de-recuperation', { me: resident });
    const user = userEvent.setup();

    expect(await screen.findByText('K7M4-Q2XP')).toBeInTheDocument();
    const qr = screen.getByRole('img', { name: 'Code QR de récupération, à présenter au lecteur de la réception' });
    expect(qr.tagName.toLowerCase()).toBe('svg');
    // Always dark modules on a white background, whatever the theme.
    expect(qr.querySelector('path[fill="#FFFFFF"]')).not.toBeNull();
    expect(qr.querySelector('path[fill="#000000"]')).not.toBeNull();
    expect(screen.getByRole('heading', { level: 2, name: 'Code de l’unité 504' })).toBeInTheDocument();
    await expectNoAxeViolations();

    // Cancel: nothing is sent.
    await user.click(screen.getByRole('button', { name: 'Créer un nouveau code' }));
    let dialog = await screen.findByRole('alertdialog', { hidden: true });
    expect(within(dialog).getByText(/L’ancien code cessera de fonctionner tout de suite/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Garder le code actuel', hidden: true }));
    await waitFor(() => expect(screen.queryByRole('alertdialog', { hidden: true })).toBeNull());
    expect(posts).toBe(0);

    await user.click(screen.getByRole('button', { name: 'Créer un nouveau code' }));
    dialog = await screen.findByRole('alertdialog', { hidden: true });
    await user.click(within(dialog).getByRole('button', { name: 'Créer le nouveau code', hidden: true }));
    expect(await screen.findByText('R8T2-W6ZN')).toBeInTheDocument();
    expect(screen.queryByText('K7M4-Q2XP')).toBeNull();
    expect(posts).toBe(1);
    await waitFor(() => expect(screen.getByTestId('announcer')).toHaveTextContent('Nouveau code créé : R8T2-W6ZN. L’ancien ne fonctionne plus.'));
    expect(screen.getByTestId('announcer')).toHaveAttribute('aria-live', 'polite');
    await waitFor(() => expect(screen.getByText('R8T2-W6ZN')).toHaveFocus());
    await expectNoAxeViolations();
  });

  it('reads in English', async () => {
    await i18n.changeLanguage('en');
    server.use(http.get(apiUrl(`${unitPath}/pickup-code`), () => HttpResponse.json(first)));
    renderApp('/en/packages/pickup-code', { me: resident });
    expect(await screen.findByText('K7M4-Q2XP')).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Pickup QR code, to show to the front-desk scanner' })).toBeInTheDocument();
    expect(screen.getByText('Code to say or type')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Create a new code' })).toBeInTheDocument();
    await expectNoAxeViolations();
  });
});
