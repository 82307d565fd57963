/**
 * Contract types: packages at the front desk (/work/wt/packages-api.md, functions/LoftsDesArts.Http/Packages).
 * Mirrors the contract document field for field. Fields the document shows as nullable are written
 * `field?: T | null`: the document shows them as null, and the API may omit null values (see
 * src/lib/api-contract.ts), so both are accepted.
 */
import type { Relationship } from '@/features/signup/api/types';
import type { components } from '@/lib/api-schema';

type Schemas = components['schemas'];

/** The enumerations are the generated schema's; the objects below are checked against it in `src/lib/api-contract.ts`. */
export type PackageState = Schemas['PackageState'];
export type Carrier = Schemas['Carrier'];
export type PackageSize = Schemas['PackageSize'];
export type PackageFlag = Schemas['PackageFlag'];
export type IdentityCheck = Schemas['IdentityCheck'];
export type ReleasedToKind = Schemas['ReleasedToKind'];
export type ExceptionKind = 'returned' | 'missing' | 'damaged';
export type TimelineKind =
  | 'logged'
  | 'recipient-assigned'
  | 'edited'
  | 'photo-added'
  | 'notice'
  | 'reminder'
  | 'final-notice'
  | 'release-notice'
  | 'released'
  | 'release-undone'
  | 'returned'
  | 'missing'
  | 'damaged';
export type NoticeOutcome = 'pending' | 'sent' | 'failed';

/** In the order the forms offer them. */
export const carriers: readonly Carrier[] = ['canada-post', 'purolator', 'ups', 'fedex', 'dhl', 'amazon', 'other'];
export const packageSizes: readonly PackageSize[] = ['envelope', 'small', 'large', 'oversized'];
export const packageFlags: readonly PackageFlag[] = ['perishable', 'signature-required', 'fragile'];
export const identityChecks: readonly IdentityCheck[] = ['pickup-code', 'photo-id', 'known-to-staff'];
export const exceptionKinds: readonly ExceptionKind[] = ['returned', 'missing', 'damaged'];

/** An entry of a package's timeline (single-package GETs only), oldest first. */
export interface TimelineEntry {
  at: string;
  kind: TimelineKind;
  /** Staff only. */
  actorName?: string | null;
  /** Note or reason; desk notes for staff only. */
  detail?: string | null;
  channel?: 'email' | null;
  outcome?: NoticeOutcome | null;
  /** For notices: the member notified; for released: who took it. */
  recipientName?: string | null;
}

/** A package: the same shape for staff and residents (fields marked staff are null for residents). */
export interface Package {
  id: string;
  /** Printed on the label, typed or scanned at the desk (`LDA-20261126-0007`). */
  shortId: string;
  /** Sent back on edits (stale → 412 problem code `stale`). */
  version: string;
  state: PackageState;
  /** Null while unknown-recipient. */
  unitId?: string | null;
  unitNumber?: string | null;
  recipientUserId?: string | null;
  /** May be a typed name for unknown-recipient. */
  recipientName?: string | null;
  trackingNumber: string;
  carrier: Carrier;
  size: PackageSize;
  flags: PackageFlag[];
  damaged: boolean;
  /** Shelf; null if not given. */
  location?: string | null;
  /** Staff: desk note; residents: null. */
  note?: string | null;
  hasPhoto: boolean;
  arrivedAt: string;
  /** Staff: the staff member's name; residents: null. */
  loggedByName?: string | null;
  /** Whole days since arrival in the building's time zone. */
  ageDays: number;
  /** Waiting and ageDays >= settings.overdueAfterDays. */
  overdue: boolean;
  releasedAt?: string | null;
  releasedToName?: string | null;
  releasedToKind?: ReleasedToKind | null;
  /** Staff only. */
  identityCheck?: IdentityCheck | null;
  /** Staff only: instant until which undo is allowed. */
  releaseUndoableUntil?: string | null;
  /** Only in the single-package GETs. */
  timeline?: TimelineEntry[] | null;
}

/** GET /api/buildings/{b}/packages query. */
export interface DeskPackageQuery {
  state?: PackageState;
  unitId?: string;
  carrier?: Carrier;
  flag?: PackageFlag;
  location?: string;
  minAgeDays?: number;
  continuation?: string;
}

export interface DeskPackageCounts {
  waiting: number;
  overdue: number;
  unknownRecipient: number;
  releasedToday: number;
}

/** GET /api/buildings/{b}/packages */
export interface DeskPackageList {
  items: Package[];
  continuation?: string | null;
  counts: DeskPackageCounts;
}

/** POST /api/buildings/{b}/packages */
export interface LogPackageRequest {
  /** From the form: a double submit sends the same one. */
  clientRequestId: string;
  /** Null: unknown recipient. */
  unitId: string | null;
  recipientUserId?: string | null;
  /** As typed, when no unit matched. */
  recipientName?: string | null;
  trackingNumber: string;
  /** Detected from the number by the server when absent, else `other`. */
  carrier?: Carrier;
  size: PackageSize;
  flags: PackageFlag[];
  location: string | null;
  note: string | null;
  confirmDuplicate: boolean;
}

/** Extensions of the 409 problem `duplicate-tracking`. */
export interface DuplicateTrackingProblem {
  existingPackageId: string;
  existingShortId: string;
}

/** PUT /api/buildings/{b}/packages/{packageId} */
export interface EditPackageRequest {
  version: string;
  carrier: Carrier;
  size: PackageSize;
  flags: PackageFlag[];
  location: string | null;
  note: string | null;
}

/** POST /api/buildings/{b}/packages/{packageId}/recipient */
export interface AssignRecipientRequest {
  unitId: string;
  recipientUserId?: string | null;
}

export type ReleasedTo = { kind: 'resident'; userId: string; name: string } | { kind: 'authorized'; name: string };

/** POST /api/buildings/{b}/packages/release (packages all waiting and of the same unit). */
export interface ReleaseRequest {
  unitId: string;
  packageIds: string[];
  releasedTo: ReleasedTo;
  identityCheck: IdentityCheck;
  /** When identityCheck is pickup-code. */
  pickupCode?: string | null;
}

export interface ReleaseResponse {
  releaseId: string;
  packages: Package[];
}

/** POST /api/buildings/{b}/packages/{packageId}/undo-release */
export interface UndoReleaseRequest {
  reason: string;
}

/** POST /api/buildings/{b}/packages/{packageId}/exception */
export interface PackageExceptionRequest {
  kind: ExceptionKind;
  note: string | null;
}

/** POST /api/buildings/{b}/pickup/lookup: by code or by unit. */
export type PickupLookupRequest = { code: string } | { unitId: string };

export interface PickupPerson {
  userId: string;
  name: string;
}

export interface AuthorizedPerson {
  id: string;
  name: string;
  expiresOn?: string | null;
}

export interface NeverReleasePerson {
  id: string;
  name: string;
}

export interface VacationHold {
  from: string;
  to: string;
}

export interface PickupView {
  unitId: string;
  unitNumber: string;
  /** Null when looked up by unit. */
  person?: PickupPerson | null;
  /** Residents of the unit. */
  members: PickupPerson[];
  waiting: Package[];
  instructions?: string | null;
  authorized: AuthorizedPerson[];
  neverRelease: NeverReleasePerson[];
  vacationHold?: VacationHold | null;
}

/** GET/PUT /api/buildings/{b}/package-settings */
export interface PackageSettings {
  /** Absent until management first saves the settings (the defaults apply). */
  version?: string | null;
  deskHours: { fr: string; en: string };
  pickupLocation: { fr: string; en: string };
  reminderDays: number[];
  finalNoticeDay: number;
  returnDay: number;
  overdueAfterDays: number;
  /** Building time zone (America/Toronto). */
  sendingHours: { from: string; to: string };
  photoRetentionDays: number;
}

/** GET /api/buildings/{b}/residents (existing route, OpenAPI `ResidentResponse`): what the type-ahead needs. */
export interface BuildingResident {
  userId: string;
  fullName: string;
  email: string;
  unitId: string;
  unitNumber: string;
  relationship: Relationship;
  ownerConfirmed: boolean;
}

/** Problem `code` values of these routes that the screens react to. */
export type PackagesErrorCode =
  | 'duplicate-tracking'
  | 'stale'
  | 'already-released'
  | 'never-release'
  | 'undo-window-passed'
  | 'pickup-code-unknown';
