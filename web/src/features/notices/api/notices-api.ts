import { api } from '@/lib/api-client';
import type { FailedNotice, NoticeRetry } from './types';

const notices = (buildingId: string) => `/api/buildings/${encodeURIComponent(buildingId)}/notices`;

/** The building's emails that could not be sent (capability OperateBackgroundWork: managers and administrators). */
export const noticesApi = {
  failed: (buildingId: string, signal?: AbortSignal) => api.get<FailedNotice[]>(`${notices(buildingId)}/failed`, { signal }),
  retry: (buildingId: string, noticeId: string) => api.post<NoticeRetry>(`${notices(buildingId)}/${encodeURIComponent(noticeId)}/retry`),
};
