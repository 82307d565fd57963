import { http, HttpResponse } from 'msw';
import type { Me } from '@/features/auth/api/types';
import type { UnitPackageList } from '@/features/packages-resident/api/types';
import { apiUrl } from './msw-server';

/** Made-up people of the demo building (no real personal data). */
export const resident: Me = {
  userId: 'u_resident',
  email: 'zoe@example.test',
  fullName: 'Zoé Tremblay',
  language: 'fr',
  kind: 'resident',
  emailVerified: true,
  totpEnabled: false,
  memberships: [{ buildingId: 'lofts-des-arts', buildingName: 'Lofts des Arts', unitId: '504', unitNumber: '504', role: 'resident', ownerConfirmed: false }],
  pendingRegistrations: [],
};

export const manager: Me = {
  userId: 'u_manager',
  email: 'gestion@example.test',
  fullName: 'Marc Gagnon',
  language: 'fr',
  kind: 'staff',
  emailVerified: true,
  totpEnabled: true,
  memberships: [{ buildingId: 'lofts-des-arts', buildingName: 'Lofts des Arts', role: 'manager', ownerConfirmed: false }],
  pendingRegistrations: [],
};

export const admin: Me = {
  userId: 'u_admin',
  email: 'admin@example.test',
  fullName: 'Sophie Lavoie',
  language: 'fr',
  kind: 'staff',
  emailVerified: true,
  totpEnabled: true,
  memberships: [{ buildingId: 'lofts-des-arts', buildingName: 'Lofts des Arts', role: 'admin', ownerConfirmed: false }],
  pendingRegistrations: [],
};

/** The resident's home page asks for the unit's waiting packages: none, for tests about something else. */
export const residentHasNoPackages = http.get(apiUrl('/api/buildings/lofts-des-arts/units/504/packages'), () =>
  HttpResponse.json<UnitPackageList>({ items: [], continuation: null, pickup: { location: 'Réception, hall principal', deskHours: '7 h à 23 h' } }),
);
