import { useEffect, useRef } from 'react';
import { isLocked, markLocked } from '@/lib/api-client';
import { authApi } from '../api/auth-api';

/** Minutes without input before the console locks. */
export const idleLockMinutes = 10;

const activityEvents = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;

/**
 * Locks the console after `minutes` without keyboard, pointer or touch input: tells the server
 * (`POST /api/auth/lock`, so other requests answer 423) and shows the unlock dialog. Time is read
 * from the clock on each check, so a sleeping laptop or a throttled background tab still locks.
 */
export function IdleLock({ minutes = idleLockMinutes, checkEveryMs = 5000 }: { minutes?: number; checkEveryMs?: number }) {
  const lastActivity = useRef(0);

  useEffect(() => {
    lastActivity.current = Date.now();
    const touch = () => {
      if (!isLocked()) {
        lastActivity.current = Date.now();
      }
    };
    for (const name of activityEvents) {
      window.addEventListener(name, touch, { passive: true, capture: true });
    }
    const timer = window.setInterval(() => {
      if (!isLocked() && Date.now() - lastActivity.current >= minutes * 60_000) {
        // Lock on the client first: the screen must hide even if the server cannot be reached.
        void markLocked();
        void authApi.lock().catch(() => undefined);
      }
    }, checkEveryMs);
    return () => {
      for (const name of activityEvents) {
        window.removeEventListener(name, touch, { capture: true });
      }
      window.clearInterval(timer);
    };
  }, [minutes, checkEveryMs]);

  return null;
}
