import { api, ApiError } from '@/lib/api-client';
import { i18n, languageTags, currentLanguage } from '@/lib/i18n';
import type { Unit } from '@/features/units/api/types';
import type {
  AssignRecipientRequest,
  BuildingResident,
  DeskPackageList,
  DeskPackageQuery,
  EditPackageRequest,
  LogPackageRequest,
  Package,
  PackageExceptionRequest,
  PickupLookupRequest,
  PickupView,
  ReleaseRequest,
  ReleaseResponse,
  UndoReleaseRequest,
} from './types';

const building = (buildingId: string) => `/api/buildings/${encodeURIComponent(buildingId)}`;
const packages = (buildingId: string) => `${building(buildingId)}/packages`;
const one = (buildingId: string, packageId: string) => `${packages(buildingId)}/${encodeURIComponent(packageId)}`;

function query(q: DeskPackageQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(q)) {
    if (value !== undefined && value !== '') {
      params.set(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The front desk's package routes (roles front-desk, manager, admin: capability HandlePackages). */
export const deskApi = {
  list: (buildingId: string, q: DeskPackageQuery, signal?: AbortSignal) => api.get<DeskPackageList>(`${packages(buildingId)}${query(q)}`, { signal }),
  get: (buildingId: string, packageId: string, signal?: AbortSignal) => api.get<Package>(one(buildingId, packageId), { signal }),
  log: (buildingId: string, body: LogPackageRequest) => api.post<Package>(packages(buildingId), body),
  edit: (buildingId: string, packageId: string, body: EditPackageRequest) => api.put<Package>(one(buildingId, packageId), body),
  assign: (buildingId: string, packageId: string, body: AssignRecipientRequest) => api.post<Package>(`${one(buildingId, packageId)}/recipient`, body),
  release: (buildingId: string, body: ReleaseRequest) => api.post<ReleaseResponse>(`${packages(buildingId)}/release`, body),
  undoRelease: (buildingId: string, packageId: string, body: UndoReleaseRequest) => api.post<Package>(`${one(buildingId, packageId)}/undo-release`, body),
  exception: (buildingId: string, packageId: string, body: PackageExceptionRequest) => api.post<Package>(`${one(buildingId, packageId)}/exception`, body),
  lookup: (buildingId: string, body: PickupLookupRequest) => api.post<PickupView>(`${building(buildingId)}/pickup/lookup`, body),
  photoUrl: (buildingId: string, packageId: string) => `${one(buildingId, packageId)}/photo`,
  uploadPhoto: (buildingId: string, packageId: string, file: Blob) => uploadPhoto(`${one(buildingId, packageId)}/photo`, file),
  /** The type-ahead's sources, fetched once per page. */
  units: (buildingId: string, signal?: AbortSignal) => api.get<Unit[]>(`${building(buildingId)}/units`, { signal }),
  residents: (buildingId: string, signal?: AbortSignal) => api.get<BuildingResident[]>(`${building(buildingId)}/residents`, { signal }),
};

export const photoTypes = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const maxPhotoBytes = 10 * 1024 * 1024;

/**
 * `PUT …/photo` with the raw image bytes: the JSON client cannot send a body that is not JSON, so
 * this one request is made here, with the same CSRF header and same-origin cookies.
 */
async function uploadPhoto(path: string, file: Blob): Promise<void> {
  let response: Response;
  try {
    response = await fetch(new URL(path, window.location.origin).toString(), {
      method: 'PUT',
      credentials: 'same-origin',
      headers: { 'Content-Type': file.type, 'X-Lda-Request': '1', 'Accept-Language': languageTags[currentLanguage()] },
      body: file,
    });
  } catch {
    throw new ApiError({ status: 0, code: 'network', title: i18n.t('common:errors.network') });
  }
  if (!response.ok) {
    let title = i18n.t('common:errors.unexpected');
    let code = `http-${response.status}`;
    try {
      const body = (await response.json()) as { title?: string; code?: string };
      title = body.title ?? title;
      code = body.code ?? code;
    } catch {
      // unreadable body: the generic message
    }
    throw new ApiError({ status: response.status, code, title });
  }
}
