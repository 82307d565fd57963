import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { canManage, rolesIn, useConsoleBuilding } from '@/lib/console-building';

/** The building the desk works on, and whether the person handles packages there (capability HandlePackages). */
export function useDeskBuilding(): { buildingId: string | undefined; allowed: boolean } {
  const { building, buildings } = useConsoleBuilding();
  const roles = rolesIn(buildings, building?.buildingId);
  return { buildingId: building?.buildingId, allowed: canManage(roles) || roles.has('frontDesk') };
}

export function NotAllowed() {
  const { t } = useTranslation('packages-desk');
  return (
    <MessageBar intent="warning">
      <MessageBarBody>{t('notAllowed')}</MessageBarBody>
    </MessageBar>
  );
}

const recentKey = 'lda-desk-recent-packages';
const locationKey = 'lda-desk-location';

/** The packages logged in this tab, newest first (kept while the desk goes to print a label and back). */
export interface RecentPackage {
  id: string;
  shortId: string;
  unitNumber: string | null;
  recipientName: string | null;
  carrier: string;
  location: string | null;
}

export function readRecent(): RecentPackage[] {
  try {
    const raw = window.sessionStorage.getItem(recentKey);
    return raw ? (JSON.parse(raw) as RecentPackage[]) : [];
  } catch {
    return [];
  }
}

export function writeRecent(list: RecentPackage[]): void {
  try {
    window.sessionStorage.setItem(recentKey, JSON.stringify(list.slice(0, 10)));
  } catch {
    // not kept
  }
}

/** The shelf of the previous package, remembered on this device. */
export function readLastLocation(): string {
  try {
    return window.localStorage.getItem(locationKey) ?? '';
  } catch {
    return '';
  }
}

export function writeLastLocation(location: string): void {
  try {
    window.localStorage.setItem(locationKey, location);
  } catch {
    // not kept
  }
}
