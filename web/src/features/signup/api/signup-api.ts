import { api } from '@/lib/api-client';
import type { BuildingDetails, BuildingSummary, LegalDocument, LegalDocumentName, RegistrationAccepted, RegistrationRequest } from './types';

export const signupApi = {
  buildings: (signal?: AbortSignal) => api.get<BuildingSummary[]>('/api/public/buildings', { signal }),
  building: (buildingId: string, signal?: AbortSignal) =>
    api.get<BuildingDetails>(`/api/public/buildings/${encodeURIComponent(buildingId)}`, { signal }),
  legal: (document: LegalDocumentName, lang: 'fr' | 'en', signal?: AbortSignal) =>
    api.get<LegalDocument>(`/api/public/legal/${document}?lang=${lang}`, { signal }),
  register: (body: RegistrationRequest) => api.post<RegistrationAccepted>('/api/registrations', body),
};
