import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { dispatchPush } from '@/lib/realtime';
import { manager } from '@/testing/fixtures';
import { apiUrl, server } from '@/testing/msw-server';
import { renderApp } from '@/testing/render-app';
import type { StaffRegistration } from '../api/types';

const zoe: StaffRegistration = {
  id: 'r1',
  fullName: 'Zoé Tremblay',
  email: 'zoe@example.test',
  unitNumber: '504',
  relationship: 'owner',
  submittedAt: '2026-11-25T19:05:00Z',
  status: 'pending',
  emailVerified: true,
};
const luc: StaffRegistration = { ...zoe, id: 'r2', fullName: 'Luc Roy', email: 'luc@example.test', unitNumber: '1203', relationship: 'tenant' };

describe('registrations waiting for approval', () => {
  it('fetches the list again when a push arrives, and says so politely', async () => {
    let list = [zoe];
    let fetches = 0;
    server.use(
      http.get(apiUrl('/api/buildings/lofts-des-arts/registrations'), ({ request }) => {
        expect(new URL(request.url).searchParams.get('status')).toBe('pending');
        fetches += 1;
        return HttpResponse.json(list);
      }),
    );
    renderApp('/fr/console/inscriptions', { me: manager });
    expect(await screen.findByRole('heading', { level: 3, name: 'Zoé Tremblay' })).toBeInTheDocument();
    expect(fetches).toBe(1);

    // No polling: nothing is fetched until the push arrives.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fetches).toBe(1);

    list = [zoe, luc];
    act(() => dispatchPush({ kind: 'registration.submitted', ids: { buildingId: 'lofts-des-arts', registrationId: 'r2' } }));

    expect(await screen.findByRole('heading', { level: 3, name: 'Luc Roy' })).toBeInTheDocument();
    expect(fetches).toBe(2);
    expect(await screen.findByText('Une nouvelle demande d’inscription est arrivée.')).toHaveAttribute('aria-live', 'polite');

    // A push for another building is not ours.
    act(() => dispatchPush({ kind: 'registration.submitted', ids: { buildingId: 'autre-immeuble', registrationId: 'x' } }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fetches).toBe(2);
  });

  it('approves with the owner confirmation, and rejects only with a reason', async () => {
    const decisions: { url: string; body: unknown }[] = [];
    let list = [zoe, luc];
    server.use(
      http.get(apiUrl('/api/buildings/lofts-des-arts/registrations'), () => HttpResponse.json(list)),
      http.post(apiUrl('/api/buildings/lofts-des-arts/registrations/:id/:decision'), async ({ request, params }) => {
        decisions.push({ url: `${String(params.id)}/${String(params.decision)}`, body: await request.json() });
        list = list.filter((r) => r.id !== params.id);
        return HttpResponse.json({});
      }),
    );
    renderApp('/fr/console/inscriptions', { me: manager });
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Approuver l’inscription de Zoé Tremblay' }));
    const approve = await screen.findByRole('dialog', { hidden: true });
    await user.click(within(approve).getByRole('checkbox', { name: 'Confirmer les droits de copropriétaire', hidden: true }));
    await user.click(within(approve).getByRole('button', { name: 'Approuver', hidden: true }));
    expect(await screen.findByText('L’inscription de Zoé Tremblay est approuvée.')).toBeInTheDocument();

    await user.click(await screen.findByRole('button', { name: 'Refuser l’inscription de Luc Roy' }));
    const reject = await screen.findByRole('dialog', { hidden: true });
    await user.click(within(reject).getByRole('button', { name: 'Refuser', hidden: true }));
    expect(await within(reject).findByText('Entrez la raison du refus.')).toBeInTheDocument();
    await user.click(within(reject).getByRole('textbox', { hidden: true }));
    await user.paste('Aucun bail à ce nom pour l’unité 1203.');
    await user.click(within(reject).getByRole('button', { name: 'Refuser', hidden: true }));
    expect(await screen.findByText('L’inscription de Luc Roy est refusée.')).toBeInTheDocument();

    expect(decisions).toEqual([
      { url: 'r1/approve', body: { confirmOwner: true } },
      { url: 'r2/reject', body: { reason: 'Aucun bail à ce nom pour l’unité 1203.' } },
    ]);
    expect(await screen.findByText('Aucune demande en attente.')).toBeInTheDocument();
  });

  it('keeps saying what the manager decided when the decision’s own push arrives', async () => {
    let list = [luc];
    let fetches = 0;
    server.use(
      http.get(apiUrl('/api/buildings/lofts-des-arts/registrations'), () => {
        fetches += 1;
        return HttpResponse.json(list);
      }),
      http.post(apiUrl('/api/buildings/lofts-des-arts/registrations/:id/reject'), ({ params }) => {
        list = list.filter((r) => r.id !== params.id);
        return HttpResponse.json({});
      }),
    );
    renderApp('/fr/console/inscriptions', { me: manager });
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Refuser l’inscription de Luc Roy' }));
    const reject = await screen.findByRole('dialog', { hidden: true });
    await user.click(within(reject).getByRole('textbox', { hidden: true }));
    await user.paste('Aucun bail à ce nom pour l’unité 1203.');
    await user.click(within(reject).getByRole('button', { name: 'Refuser', hidden: true }));
    const announcer = await screen.findByText('L’inscription de Luc Roy est refusée.');
    const before = fetches;

    // The pump echoes the decision to every staff page, this one included: the list is fetched again, quietly.
    act(() => dispatchPush({ kind: 'registration.decided', ids: { buildingId: 'lofts-des-arts', registrationId: 'r2' } }));
    await waitFor(() => expect(fetches).toBe(before + 1));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(announcer).toHaveTextContent('L’inscription de Luc Roy est refusée.');

    // Another staff member's decision is still announced.
    act(() => dispatchPush({ kind: 'registration.decided', ids: { buildingId: 'lofts-des-arts', registrationId: 'r9' } }));
    expect(await screen.findByText('La liste des demandes a été mise à jour.')).toHaveAttribute('aria-live', 'polite');
  });
});
