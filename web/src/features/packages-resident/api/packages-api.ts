import { api } from '@/lib/api-client';
import type {
  ExpectedPackage,
  ExpectedPackageRequest,
  NoticeChoicesUpdate,
  Package,
  PackagePreferences,
  PackagePreferencesUpdate,
  PackageView,
  PickupCode,
  UnitPackageList,
} from './types';

export interface UnitRef {
  buildingId: string;
  unitId: string;
}

const unit = ({ buildingId, unitId }: UnitRef) => `/api/buildings/${encodeURIComponent(buildingId)}/units/${encodeURIComponent(unitId)}`;
const one = (ref: UnitRef, packageId: string) => `${unit(ref)}/packages/${encodeURIComponent(packageId)}`;

/** The packages of a unit, for its residents. */
export const packagesApi = {
  list: (ref: UnitRef, view: PackageView, signal?: AbortSignal) => api.get<UnitPackageList>(`${unit(ref)}/packages?view=${view}`, { signal }),
  get: (ref: UnitRef, packageId: string, signal?: AbortSignal) => api.get<Package>(one(ref, packageId), { signal }),
  photoUrl: (ref: UnitRef, packageId: string) => `${one(ref, packageId)}/photo`,
  pickupCode: (ref: UnitRef, signal?: AbortSignal) => api.get<PickupCode>(`${unit(ref)}/pickup-code`, { signal }),
  regeneratePickupCode: (ref: UnitRef) => api.post<PickupCode>(`${unit(ref)}/pickup-code`),
  preferences: (ref: UnitRef, signal?: AbortSignal) => api.get<PackagePreferences>(`${unit(ref)}/package-preferences`, { signal }),
  savePreferences: (ref: UnitRef, body: PackagePreferencesUpdate) => api.put<PackagePreferences>(`${unit(ref)}/package-preferences`, body),
  saveNotices: (ref: UnitRef, body: NoticeChoicesUpdate) => api.put<PackagePreferences>(`${unit(ref)}/package-preferences/notices`, body),
  expected: (ref: UnitRef, signal?: AbortSignal) => api.get<ExpectedPackage[]>(`${unit(ref)}/expected-packages`, { signal }),
  addExpected: (ref: UnitRef, body: ExpectedPackageRequest) => api.post<ExpectedPackage>(`${unit(ref)}/expected-packages`, body),
  removeExpected: (ref: UnitRef, expectedId: string) => api.delete(`${unit(ref)}/expected-packages/${encodeURIComponent(expectedId)}`),
};
