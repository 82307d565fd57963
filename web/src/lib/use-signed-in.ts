import { useCallback } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { Me } from '@/features/auth/api/types';
import { pathTo } from '@/config/paths';
import { rememberLanguage } from './i18n';
import { hasConsole, useSession } from './session';

/**
 * After any sign-in (password, code, TOTP, email verification, first-admin setup): keep the person,
 * then go back where they were sent from, or to their start page in their own language.
 */
export function useSignedIn(): (me: Me, flash?: string) => void {
  const { signedIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  return useCallback(
    (me: Me, flash?: string) => {
      signedIn(me);
      rememberLanguage(me.language);
      const returnTo = (location.state as { returnTo?: string } | null)?.returnTo;
      const safe = returnTo && returnTo.startsWith('/') && !returnTo.startsWith('//') ? returnTo : undefined;
      const target = safe ?? pathTo(hasConsole(me) ? 'console' : 'residentHome', me.language);
      void navigate(target, { replace: true, state: flash ? { flash } : undefined });
    },
    [signedIn, navigate, location.state],
  );
}

/** A one-time message carried by a navigation (`state.flash`). */
export function useFlash(): string | undefined {
  const location = useLocation();
  return (location.state as { flash?: string } | null)?.flash;
}
