import type { Me } from '@/features/auth/api/types';
import type { PageId } from '@/config/paths';
import { hasConsole, staffMemberships } from '@/lib/session';

export interface NavItem {
  page: PageId;
  labelKey: string;
}

/** Navigation by role, from GET /api/me: what a person sees is what the server would let them do. */
export function navItems(me: Me | null): NavItem[] {
  if (!me) {
    return [
      { page: 'signIn', labelKey: 'nav.signIn' },
      { page: 'signUp', labelKey: 'nav.signUp' },
    ];
  }
  const items: NavItem[] = [];
  const roles = new Set(staffMemberships(me).map((m) => m.role));
  if (hasConsole(me)) {
    items.push({ page: 'console', labelKey: 'nav.console' });
    if (roles.has('manager') || roles.has('admin')) {
      items.push({ page: 'approvals', labelKey: 'nav.approvals' });
      // Emails that kept failing, with a retry (capability OperateBackgroundWork).
      items.push({ page: 'failedEmails', labelKey: 'nav.failedEmails' });
    }
    if (roles.has('frontDesk') || roles.has('manager') || roles.has('admin')) {
      items.push({ page: 'units', labelKey: 'nav.units' });
      // Front-desk packages (capability HandlePackages).
      items.push({ page: 'packagesDesk', labelKey: 'nav.packagesDesk' });
    }
    // Managing staff is the administrators' (canManageStaff); not imported, to keep the entry chunk small.
    if (roles.has('admin')) {
      items.push({ page: 'staff', labelKey: 'nav.staff' });
    }
  }
  if (me.memberships.some((m) => m.role === 'resident') || !hasConsole(me)) {
    items.push({ page: 'residentHome', labelKey: 'nav.residentHome' });
  }
  if (me.memberships.some((m) => m.role === 'resident' && m.unitId)) {
    items.push({ page: 'packages', labelKey: 'nav.packages' });
  }
  items.push({ page: 'profile', labelKey: 'nav.profile' }, { page: 'sessions', labelKey: 'nav.sessions' });
  return items;
}

/** Console pages: the header says "Console de gestion" and the idle lock applies. */
export const consolePages: ReadonlySet<PageId> = new Set<PageId>(['console', 'approvals', 'units', 'unit', 'codeLetter', 'staff', 'packagesDesk', 'packagesLog', 'packagesRelease', 'packageLabel', 'packageSettings', 'failedEmails']);
