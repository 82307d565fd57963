/** Contract types: the signed-in person's own account (CONTRACT-identity.md, "Me"). */

/** PUT /api/me/language */
export interface LanguageUpdate {
  language: 'fr' | 'en';
}

/** PUT /api/me/profile → 200 Me */
export interface ProfileUpdate {
  fullName: string;
}

/** POST /api/me/password → 204 */
export interface PasswordChange {
  currentPassword: string;
  newPassword: string;
}

/** POST /api/me/email → 202 (a verification goes to the new address) */
export interface EmailChange {
  newEmail: string;
  currentPassword: string;
}
