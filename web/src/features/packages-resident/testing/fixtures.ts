import { HttpResponse } from 'msw';
import type { Me } from '@/features/auth/api/types';
import { resident } from '@/testing/fixtures';
import type { Package, PackagePreferences, UnitPackageList } from '../api/types';

/** Made-up packages of the demo building (no real personal data). */
export const unitPath = '/api/buildings/lofts-des-arts/units/504';

export function pkg(overrides: Partial<Package> = {}): Package {
  return {
    id: 'p-1',
    shortId: 'LDA-20261124-0003',
    version: '"v1"',
    state: 'waiting',
    unitId: '504',
    unitNumber: '504',
    recipientUserId: 'u_resident',
    recipientName: 'Zoé Tremblay',
    trackingNumber: '1Z999AA10123456784',
    carrier: 'ups',
    size: 'small',
    flags: [],
    damaged: false,
    location: 'A3',
    note: null,
    hasPhoto: false,
    arrivedAt: '2026-11-24T19:03:11Z',
    loggedByName: null,
    ageDays: 2,
    overdue: false,
    releasedAt: null,
    releasedToName: null,
    releasedToKind: null,
    identityCheck: null,
    releaseUndoableUntil: null,
    timeline: null,
    ...overrides,
  };
}

export const pickupFr = { location: 'Réception, hall d’entrée', deskHours: 'Tous les jours, 7 h à 23 h' };
export const pickupEn = { location: 'Front desk, lobby', deskHours: 'Every day, 7 a.m. to 11 p.m.' };

export function list(items: Package[], lang: 'fr' | 'en' = 'fr'): UnitPackageList {
  return { items, continuation: null, pickup: lang === 'fr' ? pickupFr : pickupEn };
}

export const prefs: PackagePreferences = {
  version: '"pv1"',
  authorized: [{ id: 'a-1', name: 'Jean Roy', expiresOn: '2026-12-31' }],
  neverRelease: [{ id: 'n-1', name: 'Paul Martin' }],
  instructions: 'Laisser au voisin du 505 si je suis absente.',
  vacationHold: null,
  notices: { arrival: true, reminder: true, release: false },
};

/** A resident of two units (504 and 1203). */
export const twoUnits: Me = {
  ...resident,
  memberships: [
    ...resident.memberships,
    { buildingId: 'lofts-des-arts', buildingName: 'Lofts des Arts', unitId: '1203', unitNumber: '1203', role: 'resident', ownerConfirmed: true },
  ],
};

export const problem = (status: number, body: Record<string, unknown>) =>
  HttpResponse.json({ status, ...body }, { status, headers: { 'Content-Type': 'application/problem+json' } });
