import type { IssuedRegistrationCode } from './api/types';

/**
 * Codes issued in this tab, kept in memory only (never in the URL, storage or history state): the
 * server keeps a hash, so the clear code exists only until this page is closed or reloaded.
 */
const issued = new Map<string, IssuedRegistrationCode>();

export function keepIssuedCode(unitId: string, code: IssuedRegistrationCode): void {
  issued.set(unitId, code);
}

export function issuedCode(unitId: string): IssuedRegistrationCode | undefined {
  return issued.get(unitId);
}
