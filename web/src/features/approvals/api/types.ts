/** Contract types: registrations waiting for staff approval (CONTRACT-identity.md, "Staff console"). */
import type { Relationship } from '@/features/signup/api/types';

export type RegistrationStatus = 'pending' | 'approved' | 'rejected';

/** GET /api/buildings/{buildingId}/registrations?status=pending */
export interface StaffRegistration {
  id: string;
  fullName: string;
  email: string;
  unitNumber: string;
  relationship: Relationship;
  submittedAt: string;
  status: RegistrationStatus;
  emailVerified: boolean;
}

/** POST …/registrations/{registrationId}/approve */
export interface ApproveRegistrationRequest {
  confirmOwner: boolean;
}

/** POST …/registrations/{registrationId}/reject — reason required, at most 500 characters. */
export interface RejectRegistrationRequest {
  reason: string;
}

export const rejectReasonMaxLength = 500;

/** Push payload ids for registration.submitted / registration.decided. */
export interface RegistrationPushIds {
  buildingId: string;
  registrationId: string;
}
