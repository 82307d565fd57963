import { act, render } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isLocked, onSessionEvent } from '@/lib/api-client';
import { apiUrl, server } from '@/testing/msw-server';
import { IdleLock } from './idle-lock';

describe('idle lock', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('locks after the idle time, not before, and input restarts the count', async () => {
    const lockCalls: string[] = [];
    server.use(
      http.post(apiUrl('/api/auth/lock'), ({ request }) => {
        lockCalls.push(request.headers.get('X-Lda-Request') ?? '');
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const locked = vi.fn();
    onSessionEvent('locked', locked);
    render(<IdleLock minutes={2} checkEveryMs={1000} />);

    act(() => {
      vi.advanceTimersByTime(90_000);
    });
    act(() => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    });
    act(() => {
      vi.advanceTimersByTime(90_000);
    });
    expect(isLocked()).toBe(false);

    act(() => {
      vi.advanceTimersByTime(31_000);
    });
    expect(isLocked()).toBe(true);
    expect(locked).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(lockCalls).toEqual(['1']));
  });
});
