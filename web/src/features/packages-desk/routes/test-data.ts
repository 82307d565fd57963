import type { Unit } from '@/features/units/api/types';
import type { BuildingResident, Package } from '../api/types';

/** Made-up units and residents of the demo building (no real personal data). */
export const units: Unit[] = [
  { id: '504', number: '504', floor: 5, type: 'residential', residentCount: 1 },
  { id: '1504', number: '1504', floor: 15, type: 'residential', residentCount: 1 },
];

export const residents: BuildingResident[] = [
  { userId: 'u_helene', fullName: 'Hélène Côté', email: 'helene@example.test', unitId: '1504', unitNumber: '1504', relationship: 'owner', ownerConfirmed: true },
  { userId: 'u_camille', fullName: 'Camille Tremblay', email: 'camille@example.test', unitId: '504', unitNumber: '504', relationship: 'tenant', ownerConfirmed: false },
];

export function makePackage(overrides: Partial<Package> = {}): Package {
  return {
    id: 'p-1',
    shortId: 'LDA-20261126-0001',
    version: '"v1"',
    state: 'waiting',
    unitId: '504',
    unitNumber: '504',
    recipientUserId: null,
    recipientName: 'Camille Tremblay',
    trackingNumber: '1Z999AA10123456784',
    carrier: 'ups',
    size: 'small',
    flags: [],
    damaged: false,
    location: 'A3',
    note: null,
    hasPhoto: false,
    arrivedAt: '2026-11-26T14:03:11Z',
    loggedByName: 'Marc Gagnon',
    ageDays: 0,
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
