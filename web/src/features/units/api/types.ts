/** Contract types: units, CSV import and registration codes (CONTRACT-identity.md, "Staff console"). */

export type UnitType = 'residential' | 'commercial';

/** GET /api/buildings/{buildingId}/units */
export interface Unit {
  id: string;
  number: string;
  floor: number;
  type: UnitType;
  areaSqFt?: number | null;
  bedrooms?: number | null;
  residentCount: number;
}

/** POST /api/buildings/{buildingId}/units/import — CSV header: number,floor,type,area,bedrooms */
export interface UnitImportRequest {
  csv: string;
}

export interface UnitImportResult {
  imported: number;
}

/** One wrong row of a rejected import (400, code "import-invalid"); nothing was imported. */
export interface UnitImportRowError {
  row: number;
  field: string;
  message: string;
}

/** POST /api/buildings/{buildingId}/units/{unitId}/registration-codes */
export interface IssueRegistrationCodeRequest {
  maxUses: number;
  validDays: number;
}

/** 201 answer: the code in clear, shown once (only a hash is kept). */
export interface IssuedRegistrationCode {
  id: string;
  code: string;
  unitNumber: string;
  expiresAt: string;
  maxUses: number;
}

export type RegistrationCodeStatus = 'active' | 'used' | 'expired' | 'revoked';

/** GET /api/buildings/{buildingId}/units/{unitId}/registration-codes */
export interface RegistrationCodeSummary {
  id: string;
  issuedAt: string;
  expiresAt: string;
  maxUses: number;
  uses: number;
  revokedAt?: string | null;
  status: RegistrationCodeStatus;
}
