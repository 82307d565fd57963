import { api } from '@/lib/api-client';
import type { PackageSettings, PackageSettingsRequest } from './types';

const settings = (buildingId: string) => `/api/buildings/${encodeURIComponent(buildingId)}/package-settings`;

/** The building's package settings (read: anyone of the building; change: capability ConfigurePackages). */
export const packageSettingsApi = {
  get: (buildingId: string, signal?: AbortSignal) => api.get<PackageSettings>(settings(buildingId), { signal }),
  save: (buildingId: string, body: PackageSettingsRequest) => api.put<PackageSettings>(settings(buildingId), body),
};
