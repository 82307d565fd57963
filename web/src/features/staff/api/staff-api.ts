import { api } from '@/lib/api-client';
import type {
  AcceptInvitationRequest,
  AcceptInvitationResult,
  AcceptInvitationSignedIn,
  AcceptInvitationTotpRequest,
  ChangeStaffRoleRequest,
  InvitationDetails,
  InviteStaffRequest,
  StaffInvitation,
  StaffList,
  StaffMember,
} from './types';

const staff = (buildingId: string) => `/api/buildings/${encodeURIComponent(buildingId)}/staff`;

/** The building's staff (administrators: capability ManageStaff). */
export const staffApi = {
  list: (buildingId: string, signal?: AbortSignal) => api.get<StaffList>(staff(buildingId), { signal }),
  invite: (buildingId: string, body: InviteStaffRequest) => api.post<StaffInvitation>(`${staff(buildingId)}/invitations`, body),
  revokeInvitation: (buildingId: string, invitationId: string) =>
    api.post(`${staff(buildingId)}/invitations/${encodeURIComponent(invitationId)}/revoke`),
  changeRole: (buildingId: string, userId: string, body: ChangeStaffRoleRequest) =>
    api.put<StaffMember>(`${staff(buildingId)}/${encodeURIComponent(userId)}/role`, body),
  remove: (buildingId: string, userId: string) => api.delete(`${staff(buildingId)}/${encodeURIComponent(userId)}`),
};

/** Accepting an invitation from its emailed link (anonymous). */
export const invitationApi = {
  inspect: (token: string, signal?: AbortSignal) => api.post<InvitationDetails>('/api/invitations/inspect', { token }, { signal }),
  accept: (body: AcceptInvitationRequest) => api.post<AcceptInvitationResult>('/api/invitations/accept', body),
  confirmTotp: (body: AcceptInvitationTotpRequest) => api.post<AcceptInvitationSignedIn>('/api/invitations/accept/totp', body),
};

/** Where "Accept with Microsoft" goes (Entra ID): the server checks the link before the trip, then comes back to `returnTo`. */
export function entraInvitationHref(token: string, returnTo: string): string {
  return `/api/auth/entra/start?invitation=${encodeURIComponent(token)}&returnTo=${encodeURIComponent(returnTo)}`;
}
