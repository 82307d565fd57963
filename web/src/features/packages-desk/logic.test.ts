import { describe, expect, it } from 'vitest';
import type { Unit } from '@/features/units/api/types';
import type { BuildingResident } from './api/types';
import { detectCarrier, normalizePickupCode } from './carrier';
import { buildRecipientIndex, fold, matchRecipients } from './recipients';

describe('detectCarrier', () => {
  it.each([
    ['1Z999AA10123456784', 'ups'],
    ['1z 999 aa1 0123 4567 84', 'ups'],
    ['1Z999AA1012345678', 'other'],
    ['TBA123456789012', 'amazon'],
    ['TBA12345678901', 'other'],
    ['1234567890', 'dhl'],
    ['JD014600006543217890', 'dhl'],
    ['1234567890123456', 'canada-post'],
    ['RA123456789CA', 'canada-post'],
    ['ra-123456789-ca', 'canada-post'],
    ['RA123456789US', 'other'],
    ['123456789012', 'fedex'],
    ['123456789012345', 'fedex'],
    ['12345678901234567890', 'fedex'],
    ['1234567890123456789012', 'fedex'],
    ['12345678901', 'other'],
    ['', 'other'],
  ])('%s → %s', (number, carrier) => {
    expect(detectCarrier(number)).toBe(carrier);
  });
});

describe('normalizePickupCode', () => {
  it.each([
    ['K7M4Q2XP', 'K7M4Q2XP'],
    ['K7M4-Q2XP', 'K7M4Q2XP'],
    ['k7m4 q2xp', 'K7M4Q2XP'],
    ['K7M4-Q2X', undefined],
    ['K7M4-Q2XP-1', undefined],
  ])('%s → %s', (typed, code) => {
    expect(normalizePickupCode(typed)).toBe(code);
  });
});

const units: Unit[] = [
  { id: '504', number: '504', floor: 5, type: 'residential', residentCount: 1 },
  { id: '1504', number: '1504', floor: 15, type: 'residential', residentCount: 1 },
  { id: '305', number: '305', floor: 3, type: 'residential', residentCount: 0 },
];
const residents: BuildingResident[] = [
  { userId: 'u1', fullName: 'Hélène Côté', email: 'h@example.test', unitId: '1504', unitNumber: '1504', relationship: 'owner', ownerConfirmed: true },
  { userId: 'u2', fullName: 'Camille Tremblay', email: 'c@example.test', unitId: '504', unitNumber: '504', relationship: 'tenant', ownerConfirmed: false },
];

describe('matchRecipients', () => {
  const index = buildRecipientIndex(units, residents);

  it('folds case and accents', () => {
    expect(fold('  HÉLÈNE   Côté ')).toBe('helene cote');
  });

  it('matches « Hélène » when "helene" is typed, and "HELENE cote" too, the person before her unit', () => {
    const keys = matchRecipients(index, 'helene').map((o) => o.key);
    expect(keys).toEqual(['resident:u1:1504', 'unit:1504']);
    expect(matchRecipients(index, 'HELENE cote').map((o) => o.key)).toEqual(['resident:u1:1504', 'unit:1504']);
    expect(matchRecipients(index, 'Hélè').map((o) => o.key)).toContain('resident:u1:1504');
  });

  it('puts the person first when a unit and a name are typed together', () => {
    expect(matchRecipients(index, '1504 cote').map((o) => o.key)).toEqual(['resident:u1:1504', 'unit:1504']);
  });

  it('puts the unit whose number is exactly what was typed first', () => {
    expect(matchRecipients(index, '504')[0]).toMatchObject({ kind: 'unit', unitId: '504' });
    // Numbers match from their start: 1504 is not offered for "504".
    expect(matchRecipients(index, '504').map((o) => o.key)).toEqual(['unit:504', 'resident:u2:504']);
    expect(matchRecipients(index, '15').map((o) => o.key)).toEqual(['unit:1504', 'resident:u1:1504']);
  });

  it('offers nothing for nothing typed or no match', () => {
    expect(matchRecipients(index, '  ')).toEqual([]);
    expect(matchRecipients(index, 'zoé')).toEqual([]);
  });
});
