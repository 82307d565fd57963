/**
 * The hand-written API types of the features, checked against the types generated from the self-host's
 * OpenAPI document (`src/lib/api-schema.d.ts`, from `openapi.json`; DESIGN §3.1). Nothing here runs: each
 * line is a type-level assertion that `tsc` (part of `npm run lint`) verifies, so a field renamed, retyped,
 * added or dropped on either side fails the build. Refresh the generated types with
 * `LDA_UPDATE_OPENAPI=1 dotnet test tests/LoftsDesArts.Api.Tests --filter OpenApiDocumentTests` and
 * `npm run gen:api`.
 *
 * The hand-written types may be narrower than the document (a literal `'fr' | 'en'` where the server
 * declares `string`, a discriminated union where it declares one object). The API omits null values, so a
 * nullable property of the document is an optional one that is never `null`.
 */
import type { ProblemDetails } from '@/lib/api-client';
import type { EmailChange, LanguageUpdate, PasswordChange, ProfileUpdate } from '@/features/account/api/types';
import type {
  ApproveRegistrationRequest,
  RegistrationStatus,
  RejectRegistrationRequest,
  StaffRegistration,
} from '@/features/approvals/api/types';
import type {
  AuthOptions,
  EmailOnlyRequest,
  FirstAdminEnrollment,
  FirstAdminRequest,
  FirstAdminTotpRequest,
  Me,
  Membership,
  OneTimeCodeRequest,
  OneTimeCodeSignIn,
  PendingRegistration,
  ResetPasswordRequest,
  Role,
  SessionInfo,
  SignInRequest,
  SignInResult,
  TotpRequest,
  UnlockRequest,
  UserKind,
  VerifyEmailRequest,
  VerifyEmailResult,
} from '@/features/auth/api/types';
import type {
  BuildingDetails,
  BuildingSummary,
  LegalDocument,
  RegistrationAccepted,
  RegistrationRequest,
  Relationship,
} from '@/features/signup/api/types';
import type {
  AcceptInvitationRequest,
  AcceptInvitationResult,
  AcceptInvitationSignedIn,
  AcceptInvitationTotpRequest,
  ChangeStaffRoleRequest,
  InvitationAccount,
  InvitationDetails,
  InvitationStatus,
  InvitationTokenRequest,
  InviteStaffRequest,
  StaffInvitation,
  StaffList,
  StaffMember,
} from '@/features/staff/api/types';
import type {
  IssuedRegistrationCode,
  IssueRegistrationCodeRequest,
  RegistrationCodeStatus,
  RegistrationCodeSummary,
  Unit,
  UnitImportRequest,
  UnitImportResult,
  UnitImportRowError,
  UnitType,
} from '@/features/units/api/types';
import type {
  AssignRecipientRequest,
  DeskPackageCounts,
  DeskPackageList,
  EditPackageRequest,
  LogPackageRequest,
  Package as DeskPackage,
  PackageExceptionRequest,
  PackageSettings,
  PickupLookupRequest,
  PickupView,
  ReleaseRequest,
  ReleaseResponse,
  TimelineEntry as DeskTimelineEntry,
  UndoReleaseRequest,
} from '@/features/packages-desk/api/types';
import type {
  ExpectedPackage,
  ExpectedPackageRequest,
  NoticeChoicesUpdate,
  Package as ResidentPackage,
  PackagePreferences,
  PackagePreferencesUpdate,
  PickupCode,
  TimelineEntry as ResidentTimelineEntry,
  UnitPackageList,
} from '@/features/packages-resident/api/types';
import type { components } from '@/lib/api-schema';

type Schemas = components['schemas'];

/** Fails to compile unless `T` is `true`. */
type Expect<T extends true> = T;

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

type Assignable<A, B> = [A] extends [B] ? true : false;

/** Literal strings widened to `string`, deeply. */
type Widen<T> = T extends string
  ? string
  : T extends readonly (infer U)[]
    ? Widen<U>[]
    : T extends object
      ? { [K in keyof T]: Widen<T[K]> }
      : T;

/** What the API really writes for a document type: null values are omitted, never sent. */
type AsSent<T> = T extends readonly (infer U)[]
  ? AsSent<U>[]
  : T extends object
    ? { [K in keyof T]: AsSent<Exclude<T[K], null>> }
    : T;

/** A request type: what the client sends is accepted by the server's schema, with the same fields. */
type Request<Hand, Generated> = [Assignable<Hand, Generated>, Equal<keyof Hand, keyof Generated>];

/**
 * A response type: every answer the server can send fits the client's type (up to literal narrowing),
 * what the client expects is allowed by the server's schema, and both have the same fields.
 */
type Response<Hand, Generated> = [
  Assignable<AsSent<Generated>, Widen<Hand>>,
  Assignable<Hand, Generated>,
  Equal<keyof Hand, keyof Generated>,
];

type Ok2 = [true, true];
type Ok3 = [true, true, true];

/** Identity: enums, the signed-in person, sign-in, sessions, first administrator. */
export type IdentityContract = [
  Expect<Equal<Role, Schemas['Role']>>,
  Expect<Equal<UserKind, Schemas['AccountKind']>>,
  Expect<Equal<Response<Membership, Schemas['MembershipResponse']>, Ok3>>,
  Expect<Equal<Response<PendingRegistration, Schemas['PendingRegistrationResponse']>, Ok3>>,
  Expect<Equal<Response<Me, Schemas['MeResponse']>, Ok3>>,
  // A discriminated union on the client, one object with an optional user on the server.
  Expect<Assignable<AsSent<Schemas['SignInResponse']>, Widen<SignInResult>>>,
  Expect<Assignable<SignInResult, Schemas['SignInResponse']>>,
  // POST /api/auth/verify-email answers a SignInResponse whose user is always present; the client reads the user.
  Expect<Assignable<AsSent<Schemas['SignInResponse'] & { user: Schemas['MeResponse'] }>, Widen<VerifyEmailResult>>>,
  Expect<Equal<Request<SignInRequest, Schemas['SignInRequest']>, Ok2>>,
  Expect<Equal<Request<TotpRequest, Schemas['TotpRequest']>, Ok2>>,
  Expect<Equal<Request<OneTimeCodeRequest, Schemas['EmailRequest']>, Ok2>>,
  Expect<Equal<Request<OneTimeCodeSignIn, Schemas['CodeSignInRequest']>, Ok2>>,
  Expect<Assignable<VerifyEmailRequest, Schemas['VerifyEmailRequest']>>,
  Expect<Equal<Request<EmailOnlyRequest, Schemas['EmailRequest']>, Ok2>>,
  Expect<Equal<Request<ResetPasswordRequest, Schemas['ResetPasswordRequest']>, Ok2>>,
  Expect<Equal<Response<SessionInfo, Schemas['SessionResponse']>, Ok3>>,
  Expect<Equal<Request<UnlockRequest, Schemas['UnlockRequest']>, Ok2>>,
  Expect<Equal<Response<AuthOptions, Schemas['AuthOptionsResponse']>, Ok3>>,
  Expect<Equal<Request<FirstAdminRequest, Schemas['FirstAdminRequest']>, Ok2>>,
  Expect<Equal<Response<FirstAdminEnrollment, Schemas['TotpEnrolmentResponse']>, Ok3>>,
  Expect<Equal<Request<FirstAdminTotpRequest, Schemas['FirstAdminTotpRequest']>, Ok2>>,
  // Every problem the server sends fits the client's ProblemDetails.
  Expect<Assignable<AsSent<Schemas['ApiProblem']>, ProblemDetails>>,
];

/** The signed-in person's own account. */
export type AccountContract = [
  Expect<Equal<Request<LanguageUpdate, Schemas['LanguageRequest']>, Ok2>>,
  Expect<Equal<Request<ProfileUpdate, Schemas['ProfileRequest']>, Ok2>>,
  Expect<Equal<Request<PasswordChange, Schemas['ChangePasswordRequest']>, Ok2>>,
  Expect<Equal<Request<EmailChange, Schemas['ChangeEmailRequest']>, Ok2>>,
];

/** Public building data, legal documents, resident sign-up. */
export type SignupContract = [
  Expect<Equal<Relationship, Schemas['Relationship']>>,
  Expect<Equal<Response<BuildingSummary, Schemas['PublicBuildingSummary']>, Ok3>>,
  Expect<Equal<Response<BuildingDetails, Schemas['PublicBuilding']>, Ok3>>,
  Expect<Equal<Response<LegalDocument, Schemas['LegalDocumentResponse']>, Ok3>>,
  Expect<Equal<Request<RegistrationRequest, Schemas['RegisterRequest']>, Ok2>>,
  Expect<Equal<Response<RegistrationAccepted, Schemas['RegisterResponse']>, Ok3>>,
];

/** Registrations waiting for staff approval. */
export type ApprovalsContract = [
  Expect<Equal<RegistrationStatus, Schemas['RegistrationStatus']>>,
  Expect<Equal<Response<StaffRegistration, Schemas['RegistrationResponse']>, Ok3>>,
  Expect<Equal<Request<ApproveRegistrationRequest, Schemas['ApproveRequest']>, Ok2>>,
  Expect<Equal<Request<RejectRegistrationRequest, Schemas['RejectRequest']>, Ok2>>,
];

/** Units, CSV import and registration codes. */
export type UnitsContract = [
  Expect<Equal<UnitType, Schemas['UnitType']>>,
  Expect<Equal<RegistrationCodeStatus, Schemas['RegistrationCodeStatus']>>,
  Expect<Equal<Response<Unit, Schemas['UnitResponse']>, Ok3>>,
  Expect<Equal<Request<UnitImportRequest, Schemas['ImportUnitsRequest']>, Ok2>>,
  Expect<Equal<Response<UnitImportResult, Schemas['ImportUnitsResponse']>, Ok3>>,
  Expect<Equal<Response<UnitImportRowError, Schemas['ImportRowError']>, Ok3>>,
  Expect<Equal<Request<IssueRegistrationCodeRequest, Schemas['IssueCodeRequest']>, Ok2>>,
  Expect<Equal<Response<IssuedRegistrationCode, Schemas['IssuedCodeResponse']>, Ok3>>,
  Expect<Equal<Response<RegistrationCodeSummary, Schemas['RegistrationCodeResponse']>, Ok3>>,
];

/** The building's staff and staff invitations. */
export type StaffContract = [
  Expect<Equal<InvitationStatus, Schemas['InvitationStatus']>>,
  Expect<Equal<InvitationAccount, Schemas['InvitationAccount']>>,
  Expect<Equal<Response<StaffMember, Schemas['StaffMemberResponse']>, Ok3>>,
  Expect<Equal<Response<StaffInvitation, Schemas['StaffInvitationResponse']>, Ok3>>,
  Expect<Equal<Response<StaffList, Schemas['StaffListResponse']>, Ok3>>,
  Expect<Equal<Request<InviteStaffRequest, Schemas['InviteStaffRequest']>, Ok2>>,
  Expect<Equal<Request<ChangeStaffRoleRequest, Schemas['ChangeStaffRoleRequest']>, Ok2>>,
  Expect<Equal<Request<InvitationTokenRequest, Schemas['InvitationTokenRequest']>, Ok2>>,
  Expect<Equal<Response<InvitationDetails, Schemas['InvitationResponse']>, Ok3>>,
  Expect<Equal<Request<AcceptInvitationRequest, Schemas['AcceptInvitationRequest']>, Ok2>>,
  // A discriminated union on the client, one object with optional enrolment fields on the server.
  Expect<Assignable<AsSent<Schemas['AcceptInvitationResponse']>, Widen<AcceptInvitationResult>>>,
  Expect<Assignable<AcceptInvitationResult, Schemas['AcceptInvitationResponse']>>,
  Expect<Equal<Request<AcceptInvitationTotpRequest, Schemas['AcceptInvitationTotpRequest']>, Ok2>>,
  // POST /api/invitations/accept/totp answers a SignInResponse whose user is always present.
  Expect<Assignable<AsSent<Schemas['SignInResponse'] & { user: Schemas['MeResponse'] }>, Widen<AcceptInvitationSignedIn>>>,
  Expect<Assignable<AcceptInvitationSignedIn, Schemas['SignInResponse']>>,
];

/** Packages at the front desk (the enumerations are the schema's own, see the feature's types). */
export type PackagesDeskContract = [
  Expect<Equal<Response<DeskTimelineEntry, Schemas['TimelineEntryResponse']>, Ok3>>,
  Expect<Equal<Response<DeskPackage, Schemas['PackageResponse']>, Ok3>>,
  Expect<Equal<Response<DeskPackageCounts, Schemas['DeskCountsResponse']>, Ok3>>,
  Expect<Equal<Response<DeskPackageList, Schemas['DeskPackageListResponse']>, Ok3>>,
  Expect<Equal<Response<ReleaseResponse, Schemas['ReleaseResponse']>, Ok3>>,
  Expect<Equal<Response<PickupView, Schemas['PickupViewResponse']>, Ok3>>,
  Expect<Equal<Response<PackageSettings, Schemas['PackageSettingsResponse']>, Ok3>>,
  Expect<Equal<Request<LogPackageRequest, Schemas['LogPackageRequest']>, Ok2>>,
  Expect<Equal<Request<EditPackageRequest, Schemas['EditPackageRequest']>, Ok2>>,
  Expect<Equal<Request<AssignRecipientRequest, Schemas['AssignRecipientRequest']>, Ok2>>,
  // A discriminated union on the client (a resident with their user id, or an authorized person), one object on the server.
  Expect<Equal<Request<ReleaseRequest, Schemas['ReleaseRequest']>, Ok2>>,
  Expect<Equal<Request<UndoReleaseRequest, Schemas['UndoReleaseRequest']>, Ok2>>,
  Expect<Equal<Request<PackageExceptionRequest, Schemas['PackageExceptionRequest']>, Ok2>>,
  // By code or by unit on the client, one object with both optional on the server.
  Expect<Assignable<PickupLookupRequest, Schemas['PickupLookupRequest']>>,
  // The settings page sends back the settings it read, changed.
  Expect<Equal<Request<PackageSettings, Schemas['PackageSettingsRequest']>, Ok2>>,
];

/** A unit's packages, pickup code and preferences, as its residents see them. */
export type PackagesResidentContract = [
  Expect<Equal<Response<ResidentTimelineEntry, Schemas['TimelineEntryResponse']>, Ok3>>,
  Expect<Equal<Response<ResidentPackage, Schemas['PackageResponse']>, Ok3>>,
  Expect<Equal<Response<UnitPackageList, Schemas['UnitPackageListResponse']>, Ok3>>,
  Expect<Equal<Response<PickupCode, Schemas['PickupCodeResponse']>, Ok3>>,
  Expect<Equal<Response<PackagePreferences, Schemas['PackagePreferencesResponse']>, Ok3>>,
  Expect<Equal<Request<PackagePreferencesUpdate, Schemas['PackagePreferencesRequest']>, Ok2>>,
  Expect<Equal<Request<NoticeChoicesUpdate, Schemas['NoticeChoicesContract']>, Ok2>>,
  Expect<Equal<Response<ExpectedPackage, Schemas['ExpectedPackageResponse']>, Ok3>>,
  Expect<Equal<Request<ExpectedPackageRequest, Schemas['ExpectedPackageRequest']>, Ok2>>,
];
