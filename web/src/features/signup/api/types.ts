/** Contract types: public building data, legal documents, resident sign-up (CONTRACT-identity.md). */

/** GET /api/public/buildings */
export interface BuildingSummary {
  id: string;
  name: string;
  address: string;
}

/** GET /api/public/buildings/{buildingId} */
export interface BuildingDetails extends BuildingSummary {
  termsVersion: string;
  privacyVersion: string;
}

export type LegalDocumentName = 'terms' | 'privacy';

/** GET /api/public/legal/{document}?lang=fr|en — body is plain text, paragraphs separated by blank lines. */
export interface LegalDocument {
  document: LegalDocumentName;
  version: string;
  language: 'fr' | 'en';
  title: string;
  body: string;
}

export type Relationship = 'owner' | 'tenant' | 'occupant';

/** POST /api/registrations */
export interface RegistrationRequest {
  buildingId: string;
  unitNumber: string;
  registrationCode?: string;
  fullName: string;
  email: string;
  password: string;
  language: 'fr' | 'en';
  relationship: Relationship;
  acceptTerms: boolean;
  acceptPrivacy: boolean;
  termsVersion: string;
  privacyVersion: string;
}

/** 202 answer of POST /api/registrations (the same whether or not the address already has an account). */
export interface RegistrationAccepted {
  next: 'check-inbox';
  approvalRequired: boolean;
}

export type RegistrationErrorCode =
  | 'validation'
  | 'registration-code-invalid'
  | 'registration-code-used'
  | 'registration-code-expired'
  | 'registration-code-revoked';
