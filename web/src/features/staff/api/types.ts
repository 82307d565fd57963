/** Contract types: a building's staff and staff invitations (functions/LoftsDesArts.Http/Staff/StaffContracts.cs). */
import type { Language, Me, Role } from '@/features/auth/api/types';

/** The roles a building's staff can hold (not `resident`). */
export type StaffRole = Exclude<Role, 'resident'>;

/** In the order the forms offer them, from the narrowest access to the widest. */
export const staffRoles: readonly StaffRole[] = ['frontDesk', 'board', 'manager', 'admin'];

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

/** What the invited address already is in the portal (Core `InvitationAccount`): it decides the acceptance form. */
export type InvitationAccount = 'new' | 'staff' | 'resident';

/** GET /api/buildings/{buildingId}/staff: a member. */
export interface StaffMember {
  userId: string;
  fullName: string;
  email: string;
  role: Role;
  since: string;
}

/** An invitation (listed, or answered by POST …/staff/invitations with 201). */
export interface StaffInvitation {
  id: string;
  fullName: string;
  email: string;
  role: Role;
  language: Language;
  invitedAt: string;
  expiresAt: string;
  status: InvitationStatus;
}

/** GET /api/buildings/{buildingId}/staff: the members and the invitations still open (pending or expired). */
export interface StaffList {
  members: StaffMember[];
  invitations: StaffInvitation[];
}

/** POST /api/buildings/{buildingId}/staff/invitations */
export interface InviteStaffRequest {
  email: string;
  fullName: string;
  role: StaffRole;
  /** The language of the email and of the page it links to; the server takes the caller's when absent. */
  language?: Language;
}

/** PUT /api/buildings/{buildingId}/staff/{userId}/role */
export interface ChangeStaffRoleRequest {
  role: StaffRole;
}

/** POST /api/invitations/inspect */
export interface InvitationTokenRequest {
  token: string;
}

/** POST /api/invitations/inspect: what the acceptance page shows before anything is decided. */
export interface InvitationDetails {
  email: string;
  fullName: string;
  buildingName: string;
  role: Role;
  expiresAt: string;
  account: InvitationAccount;
}

/**
 * POST /api/invitations/accept. A new account sends its name, a new password and its language; an
 * existing resident account sends its current password; an existing staff account the token alone.
 */
export interface AcceptInvitationRequest {
  token: string;
  fullName?: string;
  password?: string;
  language?: Language;
}

export type AcceptInvitationResult =
  | { status: 'totp-enrolment'; totpSecret: string; otpauthUri: string }
  | { status: 'membership-added' };

/** POST /api/invitations/accept/totp: a correct code creates (or converts) the account and signs it in. */
export interface AcceptInvitationTotpRequest {
  token: string;
  code: string;
}

export interface AcceptInvitationSignedIn {
  status: 'signed-in';
  user: Me;
}

/** Problem `code` values of these routes that the screens react to. */
export type StaffErrorCode =
  | 'invitation-invalid'
  | 'invitation-expired'
  | 'staff-already-member'
  | 'staff-invitation-closed'
  | 'staff-invitation-not-found'
  | 'staff-member-not-found';
