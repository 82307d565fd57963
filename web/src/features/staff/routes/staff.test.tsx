import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '@/testing/axe';
import { admin, manager } from '@/testing/fixtures';
import { apiUrl, server } from '@/testing/msw-server';
import { renderApp } from '@/testing/render-app';
import type { StaffInvitation, StaffList, StaffMember } from '../api/types';

const sophie: StaffMember = { userId: 'u_admin', fullName: 'Sophie Lavoie', email: 'admin@example.test', role: 'admin', since: '2026-01-10T14:00:00Z' };
const marc: StaffMember = { userId: 'u_manager', fullName: 'Marc Gagnon', email: 'gestion@example.test', role: 'manager', since: '2026-02-01T14:00:00Z' };
const julie: StaffInvitation = {
  id: 'inv_1',
  fullName: 'Julie Bouchard',
  email: 'julie@example.test',
  role: 'board',
  language: 'fr',
  invitedAt: '2026-11-20T15:00:00Z',
  expiresAt: '2026-11-27T15:00:00Z',
  status: 'pending',
};

const problem = (status: number, body: Record<string, unknown>) =>
  HttpResponse.json({ status, ...body }, { status, headers: { 'Content-Type': 'application/problem+json' } });

describe('staff page', () => {
  it('lists the staff, invites someone and shows the new invitation', async () => {
    const list: StaffList = { members: [sophie, marc], invitations: [julie] };
    let invited: unknown;
    server.use(
      http.get(apiUrl('/api/buildings/lofts-des-arts/staff'), () => HttpResponse.json(list)),
      http.post(apiUrl('/api/buildings/lofts-des-arts/staff/invitations'), async ({ request }) => {
        invited = await request.json();
        const created: StaffInvitation = { ...julie, id: 'inv_2', fullName: 'Luc Roy', email: 'luc.roy@example.test', role: 'frontDesk', language: 'en', invitedAt: '2026-11-25T15:00:00Z', expiresAt: '2026-12-02T15:00:00Z' };
        list.invitations = [created, ...list.invitations];
        return HttpResponse.json(created, { status: 201 });
      }),
    );
    renderApp('/fr/console/personnel', { me: admin });
    const user = userEvent.setup();

    expect(await screen.findByRole('heading', { level: 3, name: 'Marc Gagnon' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Membres du personnel\u00a0: 2' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Invitations en cours\u00a0: 1' })).toBeInTheDocument();
    expect(screen.getByText('Membre du conseil d’administration', { selector: 'dd' })).toBeInTheDocument();
    // Nobody changes their own role: no actions on the administrator's own card.
    expect(screen.getByRole('button', { name: 'Modifier le rôle de Marc Gagnon' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Modifier le rôle de Sophie Lavoie' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Annuler l’invitation de Julie Bouchard' })).toBeInTheDocument();
    await expectNoAxeViolations();

    await user.type(screen.getByLabelText(/Adresse courriel/), 'luc.roy@example.test');
    await user.type(screen.getByLabelText(/Nom complet/), 'Luc Roy');
    await user.selectOptions(screen.getByLabelText(/^Rôle/), 'frontDesk');
    await user.click(screen.getByRole('radio', { name: 'English' }));
    await user.click(screen.getByRole('button', { name: 'Envoyer l’invitation' }));

    const confirmation = await screen.findByRole('group', { name: 'Invitation envoyée' });
    expect(confirmation).toHaveTextContent('Un courriel part pour Luc Roy (luc.roy@example.test). Rôle : Préposé ou préposée à la réception.');
    expect(confirmation).toHaveTextContent('2 décembre 2026');
    expect(invited).toEqual({ email: 'luc.roy@example.test', fullName: 'Luc Roy', role: 'frontDesk', language: 'en' });
    expect(await screen.findByRole('heading', { level: 2, name: 'Invitations en cours\u00a0: 2' })).toBeInTheDocument();
    expect(screen.getByLabelText(/Adresse courriel/)).toHaveValue('');
    await expectNoAxeViolations();
  });

  it('checks the form, then shows the server’s refusal beside the address and in the summary', async () => {
    server.use(
      http.get(apiUrl('/api/buildings/lofts-des-arts/staff'), () => HttpResponse.json({ members: [sophie, marc], invitations: [] })),
      http.post(apiUrl('/api/buildings/lofts-des-arts/staff/invitations'), () =>
        problem(409, { title: 'Cette personne fait déjà partie du personnel de l’immeuble. Modifiez plutôt son rôle.', code: 'staff-already-member' }),
      ),
    );
    renderApp('/fr/console/personnel', { me: admin });
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Envoyer l’invitation' }));
    let summary = await screen.findByTestId('error-summary');
    expect(within(summary).getByRole('link', { name: 'Entrez l’adresse courriel de la personne.' })).toHaveAttribute('href', '#invite-email');
    expect(within(summary).getByRole('link', { name: 'Choisissez un rôle.' })).toHaveAttribute('href', '#invite-role');

    await user.type(screen.getByLabelText(/Adresse courriel/), 'gestion@example.test');
    await user.type(screen.getByLabelText(/Nom complet/), 'Marc Gagnon');
    await user.selectOptions(screen.getByLabelText(/^Rôle/), 'manager');
    await user.click(screen.getByRole('button', { name: 'Envoyer l’invitation' }));

    const message = 'Cette personne fait déjà partie du personnel de l’immeuble. Modifiez plutôt son rôle.';
    summary = await screen.findByTestId('error-summary');
    expect(await within(summary).findByRole('link', { name: message })).toHaveAttribute('href', '#invite-email');
    expect(summary).toHaveFocus();
    const email = screen.getByLabelText(/Adresse courriel/);
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription(message);
    await expectNoAxeViolations();
  });

  it('changes a role (refused for the last administrator, then done), removes a member and cancels an invitation after confirmation', async () => {
    const list: StaffList = { members: [sophie, marc], invitations: [julie] };
    const calls: string[] = [];
    server.use(
      http.get(apiUrl('/api/buildings/lofts-des-arts/staff'), () => HttpResponse.json(list)),
      http.put(apiUrl('/api/buildings/lofts-des-arts/staff/:userId/role'), async ({ request, params }) => {
        const { role } = (await request.json()) as { role: string };
        calls.push(`role ${String(params.userId)} ${role}`);
        if (role === 'frontDesk') {
          return problem(409, { title: 'L’immeuble doit garder au moins un administrateur. Nommez d’abord un autre administrateur.', code: 'staff-last-admin' });
        }
        const changed = { ...marc, role: 'admin' as const };
        list.members = [sophie, changed];
        return HttpResponse.json(changed);
      }),
      http.delete(apiUrl('/api/buildings/lofts-des-arts/staff/:userId'), ({ params }) => {
        calls.push(`remove ${String(params.userId)}`);
        list.members = list.members.filter((m) => m.userId !== params.userId);
        return new HttpResponse(null, { status: 204 });
      }),
      http.post(apiUrl('/api/buildings/lofts-des-arts/staff/invitations/:id/revoke'), ({ params }) => {
        calls.push(`revoke ${String(params.id)}`);
        list.invitations = [];
        return new HttpResponse(null, { status: 204 });
      }),
    );
    renderApp('/fr/console/personnel', { me: admin });
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Modifier le rôle de Marc Gagnon' }));
    let dialog = await screen.findByRole('dialog', { hidden: true });
    const select = within(dialog).getByRole('combobox', { name: /Nouveau rôle/, hidden: true });
    expect(select).toHaveValue('manager');
    await user.selectOptions(select, 'frontDesk');
    await user.click(within(dialog).getByRole('button', { name: 'Modifier le rôle', hidden: true }));
    const refusal = 'L’immeuble doit garder au moins un administrateur. Nommez d’abord un autre administrateur.';
    const summary = await within(dialog).findByTestId('error-summary');
    expect(within(summary).getByRole('link', { name: refusal, hidden: true })).toHaveAttribute('href', '#change-role');
    expect(select).toHaveAttribute('aria-invalid', 'true');
    expect(select).toHaveAccessibleDescription(refusal);

    await user.selectOptions(select, 'admin');
    await user.click(within(dialog).getByRole('button', { name: 'Modifier le rôle', hidden: true }));
    expect(await screen.findByText('Nouveau rôle de Marc Gagnon : Administrateur ou administratrice.')).toHaveAttribute('aria-live', 'polite');
    expect(await screen.findAllByText('Administrateur ou administratrice', { selector: 'dd' })).toHaveLength(2);

    await user.click(screen.getByRole('button', { name: 'Retirer Marc Gagnon du personnel' }));
    dialog = await screen.findByRole('alertdialog', { hidden: true });
    expect(within(dialog).getByText(/Marc Gagnon perd tout de suite l’accès/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Retirer', hidden: true }));
    expect(await screen.findByText('Marc Gagnon ne fait plus partie du personnel.')).toBeInTheDocument();
    expect(await screen.findByRole('heading', { level: 2, name: 'Membres du personnel\u00a0: 1' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Annuler l’invitation de Julie Bouchard' }));
    dialog = await screen.findByRole('alertdialog', { hidden: true });
    await user.click(within(dialog).getByRole('button', { name: 'Annuler l’invitation', hidden: true }));
    expect(await screen.findByText('L’invitation de Julie Bouchard est annulée.')).toBeInTheDocument();
    expect(await screen.findByText('Aucune invitation en cours.')).toBeInTheDocument();

    expect(calls).toEqual(['role u_manager frontDesk', 'role u_manager admin', 'remove u_manager', 'revoke inv_1']);
  });

  it('is in the navigation of administrators only', async () => {
    server.use(http.get(apiUrl('/api/buildings/lofts-des-arts/registrations'), () => HttpResponse.json([])));
    renderApp('/fr/console', { me: manager });
    const user = userEvent.setup();
    await screen.findByRole('heading', { level: 1, name: 'Console de gestion' });
    await user.click(await screen.findByRole('button', { name: 'Menu' }));
    const nav = screen.getByRole('navigation', { name: 'Navigation principale' });
    expect(within(nav).getByRole('link', { name: 'Unités' })).toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'Personnel' })).toBeNull();
  });

  it('is in the navigation and on the console home of an administrator', async () => {
    server.use(http.get(apiUrl('/api/buildings/lofts-des-arts/registrations'), () => HttpResponse.json([])));
    renderApp('/en/console', { me: admin });
    const user = userEvent.setup();
    await screen.findByRole('heading', { level: 1, name: 'Management console' });
    expect(screen.getByRole('link', { name: 'Staff' })).toHaveAttribute('href', '/en/console/staff');
    await user.click(await screen.findByRole('button', { name: 'Menu' }));
    const nav = screen.getByRole('navigation', { name: 'Main navigation' });
    expect(within(nav).getByRole('link', { name: 'Staff' })).toHaveAttribute('href', '/en/console/staff');
  });

  it('tells a manager the page is not for their role, without asking the server', async () => {
    renderApp('/fr/console/personnel', { me: manager });
    expect(await screen.findByText('Votre rôle dans cet immeuble ne donne pas accès à cette page.')).toBeInTheDocument();
  });
});
