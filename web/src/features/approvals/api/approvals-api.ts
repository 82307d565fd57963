import { api } from '@/lib/api-client';
import type { ApproveRegistrationRequest, RegistrationStatus, RejectRegistrationRequest, StaffRegistration } from './types';

const base = (buildingId: string) => `/api/buildings/${encodeURIComponent(buildingId)}/registrations`;

export const approvalsApi = {
  list: (buildingId: string, status: RegistrationStatus, signal?: AbortSignal) =>
    api.get<StaffRegistration[]>(`${base(buildingId)}?status=${status}`, { signal }),
  approve: (buildingId: string, registrationId: string, body: ApproveRegistrationRequest) =>
    api.post<unknown>(`${base(buildingId)}/${encodeURIComponent(registrationId)}/approve`, body),
  reject: (buildingId: string, registrationId: string, body: RejectRegistrationRequest) =>
    api.post<unknown>(`${base(buildingId)}/${encodeURIComponent(registrationId)}/reject`, body),
};
