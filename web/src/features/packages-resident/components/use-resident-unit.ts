import { useState } from 'react';
import { useSession } from '@/lib/session';
import type { UnitRef } from '../api/packages-api';

export interface ResidentUnit extends UnitRef {
  buildingName: string;
  unitNumber: string;
}

const storageKey = 'lda-packages-unit';
const keyOf = (u: UnitRef) => `${u.buildingId}/${u.unitId}`;

/**
 * The units the signed-in person lives in (resident memberships of `GET /api/me`), and the one whose
 * packages are shown. With several units the choice is kept on the device, so the details and
 * preferences pages follow it.
 */
export function useResidentUnit(): { units: ResidentUnit[]; unit: ResidentUnit | undefined; choose: (unit: ResidentUnit) => void } {
  const { me } = useSession();
  const units: ResidentUnit[] = (me?.memberships ?? [])
    .filter((m) => m.role === 'resident' && m.unitId)
    .map((m) => ({ buildingId: m.buildingId, buildingName: m.buildingName, unitId: m.unitId!, unitNumber: m.unitNumber ?? m.unitId! }));
  const [chosen, setChosen] = useState<string | null>(() => window.localStorage.getItem(storageKey));
  const unit = units.find((u) => keyOf(u) === chosen) ?? units[0];
  const choose = (next: ResidentUnit) => {
    window.localStorage.setItem(storageKey, keyOf(next));
    setChosen(keyOf(next));
  };
  return { units, unit, choose };
}
