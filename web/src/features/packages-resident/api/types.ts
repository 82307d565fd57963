/**
 * Contract types: packages, resident side (packages-api.md, issue 3). The enumerations are the generated
 * schema's (`src/lib/api-schema.d.ts`); the objects are written by hand, narrower where the screens need
 * literals, and checked against the schema in `src/lib/api-contract.ts`. JSON is camelCase; instants are
 * ISO 8601 UTC strings; dates (no time) are `YYYY-MM-DD`. The API omits null values: a nullable field is
 * optional (`field?: T | null`), so test it with `== null`-safe checks (`??`, `?.`, truthiness), never `=== null`.
 */
import type { Package, TimelineEntry } from '@/features/packages-desk/api/types';

// Enumerations and the forms' option lists: declared once, with the desk's types.
import type {
  Carrier,
  ExceptionKind,
  IdentityCheck,
  NoticeOutcome,
  PackageFlag,
  PackageSize,
  PackageState,
  ReleasedToKind,
  TimelineKind,
} from '@/features/packages-desk/api/types';

export type { Carrier, ExceptionKind, IdentityCheck, NoticeOutcome, PackageFlag, PackageSize, PackageState, ReleasedToKind, TimelineKind };
export { carriers, packageFlags, packageSizes } from '@/features/packages-desk/api/types';

export const timelineKinds: readonly TimelineKind[] = [
  'logged',
  'recipient-assigned',
  'edited',
  'photo-added',
  'notice',
  'reminder',
  'final-notice',
  'release-notice',
  'released',
  'release-undone',
  'returned',
  'missing',
  'damaged',
];
export const noticeOutcomes: readonly NoticeOutcome[] = ['pending', 'sent', 'failed'];

// The package and its timeline: one shape for the desk and residents, declared once with the desk's types.
export type { Package, TimelineEntry };

export type PackageView = 'waiting' | 'history';

/** GET /api/buildings/{b}/units/{u}/packages?view=… — texts in the caller's language. */
export interface UnitPackageList {
  items: Package[];
  continuation?: string | null;
  pickup: { location: string; deskHours: string };
}

/** GET|POST /api/buildings/{b}/units/{u}/pickup-code — the QR encodes `code`; `display` is typed. */
export interface PickupCode {
  code: string;
  display: string;
  issuedAt: string;
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

export interface NoticeChoices {
  arrival: boolean;
  reminder: boolean;
  release: boolean;
}

/** GET /api/buildings/{b}/units/{u}/package-preferences */
export interface PackagePreferences {
  /** Absent until a resident of the unit first saves the preferences. */
  version?: string | null;
  authorized: AuthorizedPerson[];
  neverRelease: NeverReleasePerson[];
  instructions?: string | null;
  vacationHold?: VacationHold | null;
  /** The caller's own choices. */
  notices: NoticeChoices;
}

/** PUT /api/buildings/{b}/units/{u}/package-preferences (412 `stale`) */
export interface PackagePreferencesUpdate {
  version?: string | null;
  authorized: { name: string; expiresOn?: string | null }[];
  neverRelease: { name: string }[];
  instructions: string | null;
  vacationHold: VacationHold | null;
}

/** PUT /api/buildings/{b}/units/{u}/package-preferences/notices */
export type NoticeChoicesUpdate = NoticeChoices;

/** GET|POST /api/buildings/{b}/units/{u}/expected-packages */
export interface ExpectedPackage {
  id: string;
  trackingNumber: string;
  carrier: Carrier;
  description?: string | null;
  createdAt: string;
}

export interface ExpectedPackageRequest {
  trackingNumber: string;
  description?: string;
}

/** Problem `code` values of these routes that the screens react to. */
export type PackagesErrorCode = 'stale' | 'validation';
