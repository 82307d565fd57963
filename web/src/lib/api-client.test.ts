import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { apiUrl, server } from '@/testing/msw-server';
import { api, ApiError, markUnlocked, onSessionEvent } from './api-client';
import { readCookie, writeCookie } from './cookies';
import { currentLanguage, languageCookie, otherLanguage } from './i18n';

const problem = (status: number, code: string, extra: Record<string, unknown> = {}) =>
  HttpResponse.json({ type: 'about:blank', title: `titre ${code}`, status, code, ...extra }, { status, headers: { 'Content-Type': 'application/problem+json' } });

describe('api client', () => {
  it('sends the CSRF header and JSON on unsafe methods only', async () => {
    const seen: { method: string; csrf: string | null; type: string | null; body: unknown }[] = [];
    server.use(
      http.all(apiUrl('/api/thing'), async ({ request }) => {
        seen.push({
          method: request.method,
          csrf: request.headers.get('X-Lda-Request'),
          type: request.headers.get('Content-Type'),
          body: request.method === 'GET' || request.method === 'DELETE' ? null : await request.json(),
        });
        return HttpResponse.json({ ok: true });
      }),
    );

    await api.get('/api/thing');
    await api.post('/api/thing', { a: 1 });
    await api.put('/api/thing', { b: 2 });
    await api.delete('/api/thing');

    expect(seen).toEqual([
      { method: 'GET', csrf: null, type: null, body: null },
      { method: 'POST', csrf: '1', type: 'application/json', body: { a: 1 } },
      { method: 'PUT', csrf: '1', type: 'application/json', body: { b: 2 } },
      { method: 'DELETE', csrf: '1', type: null, body: null },
    ]);
  });

  it('sets the language cookie, which the server answers in, to the page’s language before a request', async () => {
    writeCookie(languageCookie, otherLanguage(currentLanguage()), 60);
    server.use(http.get(apiUrl('/api/thing'), () => HttpResponse.json({ ok: true })));

    await api.get('/api/thing');

    expect(readCookie(languageCookie)).toBe(currentLanguage());
  });

  it('parses problem details into a typed error with field errors in the server language', async () => {
    server.use(
      http.post(apiUrl('/api/registrations'), () =>
        problem(400, 'validation', { errors: { unitNumber: 'Cette unité n’existe pas.', password: ['Trop court.', 'Trop commun.'] }, traceId: 't-1' }),
      ),
    );

    const error = await api.post('/api/registrations', {}).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(400);
    expect(apiError.code).toBe('validation');
    expect(apiError.title).toBe('titre validation');
    expect(apiError.fieldErrors).toEqual({ unitNumber: 'Cette unité n’existe pas.', password: 'Trop court. Trop commun.' });
    expect(apiError.problem.traceId).toBe('t-1');
  });

  it('reads retryAfterSeconds from a 429', async () => {
    server.use(http.post(apiUrl('/api/auth/sign-in'), () => problem(429, 'throttled', { retryAfterSeconds: 30 })));

    const error = (await api.post('/api/auth/sign-in', {}).catch((e: unknown) => e)) as ApiError;

    expect(error.status).toBe(429);
    expect(error.retryAfterSeconds).toBe(30);
  });

  it('turns a non-JSON failure and a network failure into errors with a translated title', async () => {
    server.use(
      http.get(apiUrl('/api/proxy'), () => new HttpResponse('<html>Bad gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } })),
      http.get(apiUrl('/api/down'), () => HttpResponse.error()),
    );

    const gateway = (await api.get('/api/proxy').catch((e: unknown) => e)) as ApiError;
    const down = (await api.get('/api/down').catch((e: unknown) => e)) as ApiError;

    expect(gateway.code).toBe('http-502');
    expect(gateway.title).toMatch(/erreur inattendue/);
    expect(down.code).toBe('network');
    expect(down.title).toMatch(/injoignable/);
  });

  it('refreshes once for two concurrent session-expired answers, then retries both', async () => {
    let refreshes = 0;
    let valid = false;
    server.use(
      http.post(apiUrl('/api/auth/refresh'), async ({ request }) => {
        refreshes += 1;
        expect(request.headers.get('X-Lda-Request')).toBe('1');
        await new Promise((resolve) => setTimeout(resolve, 20));
        valid = true;
        return new HttpResponse(null, { status: 204 });
      }),
      http.get(apiUrl('/api/a'), () => (valid ? HttpResponse.json('a') : problem(401, 'session-expired'))),
      http.get(apiUrl('/api/b'), () => (valid ? HttpResponse.json('b') : problem(401, 'session-expired'))),
    );

    const results = await Promise.all([api.get<string>('/api/a'), api.get<string>('/api/b')]);

    expect(results).toEqual(['a', 'b']);
    expect(refreshes).toBe(1);
  });

  it('retries only once: a second session-expired after a refresh is an error', async () => {
    let calls = 0;
    server.use(
      http.post(apiUrl('/api/auth/refresh'), () => new HttpResponse(null, { status: 204 })),
      http.get(apiUrl('/api/loop'), () => {
        calls += 1;
        return problem(401, 'session-expired');
      }),
    );

    const error = (await api.get('/api/loop').catch((e: unknown) => e)) as ApiError;

    expect(error.code).toBe('session-expired');
    expect(calls).toBe(2);
  });

  it('signs out when the refresh is refused', async () => {
    const signedOut = vi.fn();
    onSessionEvent('signed-out', signedOut);
    server.use(
      http.post(apiUrl('/api/auth/refresh'), () => problem(401, 'refresh-invalid')),
      http.get(apiUrl('/api/me'), () => problem(401, 'session-expired')),
    );

    const error = (await api.get('/api/me').catch((e: unknown) => e)) as ApiError;

    expect(error.code).toBe('session-expired');
    expect(signedOut).toHaveBeenCalledTimes(1);
  });

  it('does not refresh on other 401 codes (wrong password)', async () => {
    let refreshes = 0;
    server.use(
      http.post(apiUrl('/api/auth/refresh'), () => {
        refreshes += 1;
        return new HttpResponse(null, { status: 204 });
      }),
      http.post(apiUrl('/api/auth/sign-in'), () => problem(401, 'invalid-credentials')),
    );

    const error = (await api.post('/api/auth/sign-in', { email: 'a@b.c', password: 'x' }).catch((e: unknown) => e)) as ApiError;

    expect(error.code).toBe('invalid-credentials');
    expect(refreshes).toBe(0);
  });

  it('on 423 raises the lock event, waits for the unlock, then retries', async () => {
    let locked = true;
    const lockedEvent = vi.fn();
    onSessionEvent('locked', lockedEvent);
    server.use(http.get(apiUrl('/api/units'), () => (locked ? problem(423, 'session-locked') : HttpResponse.json(['504']))));

    const pending = api.get<string[]>('/api/units');
    await vi.waitFor(() => expect(lockedEvent).toHaveBeenCalledTimes(1));
    locked = false;
    markUnlocked();

    await expect(pending).resolves.toEqual(['504']);
  });

  it('throws 423 at once for calls that must not wait (the unlock itself)', async () => {
    server.use(http.post(apiUrl('/api/auth/unlock'), () => problem(423, 'session-locked')));

    const error = (await api.post('/api/auth/unlock', { password: 'x' }, { waitForUnlock: false }).catch((e: unknown) => e)) as ApiError;

    expect(error.status).toBe(423);
  });
});
