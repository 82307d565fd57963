import { api, isApiError } from '@/lib/api-client';
import type {
  IssuedRegistrationCode,
  IssueRegistrationCodeRequest,
  RegistrationCodeSummary,
  Unit,
  UnitImportResult,
  UnitImportRowError,
} from './types';

const units = (buildingId: string) => `/api/buildings/${encodeURIComponent(buildingId)}/units`;
const codes = (buildingId: string, unitId: string) => `${units(buildingId)}/${encodeURIComponent(unitId)}/registration-codes`;

export const unitsApi = {
  list: (buildingId: string, signal?: AbortSignal) => api.get<Unit[]>(units(buildingId), { signal }),
  importCsv: (buildingId: string, csv: string) => api.post<UnitImportResult>(`${units(buildingId)}/import`, { csv }),
  codes: (buildingId: string, unitId: string, signal?: AbortSignal) =>
    api.get<RegistrationCodeSummary[]>(codes(buildingId, unitId), { signal }),
  issueCode: (buildingId: string, unitId: string, body: IssueRegistrationCodeRequest) =>
    api.post<IssuedRegistrationCode>(codes(buildingId, unitId), body),
  revokeCode: (buildingId: string, unitId: string, codeId: string) =>
    api.post(`${codes(buildingId, unitId)}/${encodeURIComponent(codeId)}/revoke`),
};

/** The row errors of a rejected import, or undefined when the error is something else. */
export function importRowErrors(error: unknown): UnitImportRowError[] | undefined {
  if (isApiError(error, 'import-invalid') && Array.isArray(error.problem.rows)) {
    return error.problem.rows as UnitImportRowError[];
  }
  return undefined;
}
