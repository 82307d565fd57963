import { useCallback, useState } from 'react';
import type { Membership } from '@/features/auth/api/types';
import { staffMemberships, useSession } from './session';

const storageKey = 'lda-console-building';

/**
 * The building the console works on: one of the person's staff memberships, remembered per
 * browser. A person who works at two buildings switches in the console home.
 */
export function useConsoleBuilding(): { building: Membership | undefined; buildings: Membership[]; choose: (buildingId: string) => void } {
  const { me } = useSession();
  const buildings = staffMemberships(me).filter((m, i, all) => all.findIndex((x) => x.buildingId === m.buildingId) === i);
  const [chosen, setChosen] = useState<string | null>(() => {
    try {
      return window.localStorage.getItem(storageKey);
    } catch {
      return null;
    }
  });
  const choose = useCallback((buildingId: string) => {
    setChosen(buildingId);
    try {
      window.localStorage.setItem(storageKey, buildingId);
    } catch {
      // not remembered
    }
  }, []);
  const building = buildings.find((b) => b.buildingId === chosen) ?? buildings[0];
  return { building, buildings, choose };
}

/** The person's roles in a building. */
export function rolesIn(memberships: Membership[], buildingId: string | undefined): Set<Membership['role']> {
  return new Set(memberships.filter((m) => m.buildingId === buildingId).map((m) => m.role));
}

export function canManage(roles: Set<Membership['role']>): boolean {
  return roles.has('manager') || roles.has('admin');
}

/** Granting and removing staff roles: the capability ManageStaff, which only administrators hold (Core AccessPolicy). */
export function canManageStaff(roles: Set<Membership['role']>): boolean {
  return roles.has('admin');
}
