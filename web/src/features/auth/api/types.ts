/** Contract types: identity, sign-in, sessions (CONTRACT-identity.md). JSON is camelCase; instants are ISO 8601 UTC strings. */

export type Language = 'fr' | 'en';
export type UserKind = 'resident' | 'staff';
export type Role = 'resident' | 'frontDesk' | 'manager' | 'admin' | 'board';

export interface Membership {
  buildingId: string;
  buildingName: string;
  /** Absent for staff (the API omits null values). */
  unitId?: string;
  unitNumber?: string;
  role: Role;
  ownerConfirmed: boolean;
}

export interface PendingRegistration {
  buildingId: string;
  registrationId: string;
  unitNumber: string;
  submittedAt: string;
}

export interface Me {
  userId: string;
  email: string;
  fullName: string;
  language: Language;
  kind: UserKind;
  emailVerified: boolean;
  totpEnabled: boolean;
  memberships: Membership[];
  pendingRegistrations: PendingRegistration[];
}

/** POST /api/auth/sign-in */
export interface SignInRequest {
  email: string;
  password: string;
}

export type SignInResult = { status: 'signed-in'; user: Me } | { status: 'totp-required' };
export type SignedIn = Extract<SignInResult, { status: 'signed-in' }>;

/** POST /api/auth/sign-in/totp */
export interface TotpRequest {
  code: string;
}

/** POST /api/auth/sign-in/code/request */
export interface OneTimeCodeRequest {
  email: string;
}

/** POST /api/auth/sign-in/code */
export interface OneTimeCodeSignIn {
  email: string;
  code: string;
}

/** POST /api/auth/verify-email: the token of the link, or the address and the 6-digit code. */
export type VerifyEmailRequest = { token: string } | { email: string; code: string };

export interface VerifyEmailResult {
  user: Me;
}

/** POST /api/auth/verify-email/resend and POST /api/auth/password/forgot */
export interface EmailOnlyRequest {
  email: string;
}

/** POST /api/auth/password/reset */
export interface ResetPasswordRequest {
  token: string;
  newPassword: string;
}

/** GET /api/auth/sessions */
export interface SessionInfo {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  device: string;
  current: boolean;
}

/** POST /api/auth/unlock */
export interface UnlockRequest {
  password: string;
}

/** GET /api/public/auth-options */
export interface AuthOptions {
  entra: boolean;
}

/** POST /api/setup/first-admin */
export interface FirstAdminRequest {
  token: string;
  fullName: string;
  email: string;
  password: string;
  /** The administrator's language; the server takes the page's when absent. */
  language?: Language;
}

export interface FirstAdminEnrollment {
  totpSecret: string;
  otpauthUri: string;
}

/** POST /api/setup/first-admin/totp */
export interface FirstAdminTotpRequest {
  token: string;
  code: string;
}

/** Problem `code` values of these routes that the screens react to. */
export type AuthErrorCode =
  | 'invalid-credentials'
  | 'email-unverified'
  | 'session-expired'
  | 'session-locked'
  | 'verification-expired'
  | 'verification-invalid'
  | 'entra-not-configured'
  | 'csrf'
  | 'validation';
