import type { Me } from '@/features/auth/api/types';
import { api } from '@/lib/api-client';
import type { EmailChange, LanguageUpdate, PasswordChange, ProfileUpdate } from './types';

export const accountApi = {
  setLanguage: (body: LanguageUpdate) => api.put('/api/me/language', body),
  updateProfile: (body: ProfileUpdate) => api.put<Me>('/api/me/profile', body),
  changePassword: (body: PasswordChange) => api.post('/api/me/password', body),
  changeEmail: (body: EmailChange) => api.post<Record<string, never>>('/api/me/email', body),
};
