import { api } from '@/lib/api-client';
import type {
  AuthOptions,
  EmailOnlyRequest,
  FirstAdminEnrollment,
  FirstAdminRequest,
  FirstAdminTotpRequest,
  Me,
  OneTimeCodeSignIn,
  ResetPasswordRequest,
  SessionInfo,
  SignedIn,
  SignInRequest,
  SignInResult,
  TotpRequest,
  VerifyEmailRequest,
  VerifyEmailResult,
} from './types';

export const authApi = {
  me: (signal?: AbortSignal) => api.get<Me>('/api/me', { signal }),
  authOptions: (signal?: AbortSignal) => api.get<AuthOptions>('/api/public/auth-options', { signal }),

  signIn: (body: SignInRequest) => api.post<SignInResult>('/api/auth/sign-in', body),
  signInTotp: (body: TotpRequest) => api.post<SignedIn>('/api/auth/sign-in/totp', body),
  requestCode: (body: EmailOnlyRequest) => api.post<Record<string, never>>('/api/auth/sign-in/code/request', body),
  signInWithCode: (body: OneTimeCodeSignIn) => api.post<SignedIn>('/api/auth/sign-in/code', body),

  signOut: () => api.post('/api/auth/sign-out', undefined, { waitForUnlock: false }),
  signOutEverywhere: () => api.post('/api/auth/sign-out-everywhere'),

  verifyEmail: (body: VerifyEmailRequest) => api.post<VerifyEmailResult>('/api/auth/verify-email', body),
  resendVerification: (body: EmailOnlyRequest) => api.post<Record<string, never>>('/api/auth/verify-email/resend', body),

  forgotPassword: (body: EmailOnlyRequest) => api.post<Record<string, never>>('/api/auth/password/forgot', body),
  resetPassword: (body: ResetPasswordRequest) => api.post('/api/auth/password/reset', body),

  sessions: (signal?: AbortSignal) => api.get<SessionInfo[]>('/api/auth/sessions', { signal }),
  endSession: (sessionId: string) => api.delete(`/api/auth/sessions/${encodeURIComponent(sessionId)}`),

  lock: () => api.post('/api/auth/lock', undefined, { waitForUnlock: false }),
  unlock: (password: string) => api.post('/api/auth/unlock', { password }, { waitForUnlock: false }),

  setupFirstAdmin: (body: FirstAdminRequest) => api.post<FirstAdminEnrollment>('/api/setup/first-admin', body),
  setupFirstAdminTotp: (body: FirstAdminTotpRequest) => api.post<SignedIn>('/api/setup/first-admin/totp', body),
};
