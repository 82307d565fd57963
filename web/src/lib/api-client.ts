import { readCookie } from './cookies';
import { currentLanguage, i18n, languageCookie, languageTags, rememberLanguage } from './i18n';

/**
 * The one fetch wrapper of the app (DESIGN §5, CONTRACT-identity "Security conventions"):
 * - JSON in and out, same-origin cookies (the session lives in HttpOnly cookies the app never sees);
 * - `X-Lda-Request: 1` on every unsafe method (the server's CSRF check);
 * - RFC 9457 problem details parsed into {@link ApiError}, already translated by the server;
 * - 401 `session-expired` → one refresh shared by every request in flight (single-flight), then
 *   one retry; a failed refresh signs the user out (`signed-out` event);
 * - 423 `session-locked` → `locked` event; the request waits for the unlock and is retried once.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ProblemDetails {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  errors?: Record<string, string>;
  retryAfterSeconds?: number;
  traceId?: string;
  [extension: string]: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  /** Field name (camelCase, as in the request body) → message in the user's language. */
  readonly fieldErrors: Readonly<Record<string, string>>;
  readonly retryAfterSeconds: number | undefined;
  readonly problem: ProblemDetails;

  constructor(problem: ProblemDetails) {
    super(problem.title);
    this.name = 'ApiError';
    this.problem = problem;
    this.status = problem.status;
    this.code = problem.code;
    this.title = problem.title;
    this.detail = problem.detail;
    this.fieldErrors = problem.errors ?? {};
    this.retryAfterSeconds = problem.retryAfterSeconds;
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

export interface RequestOptions {
  method?: HttpMethod;
  body?: unknown;
  signal?: AbortSignal;
  /** When false, a 423 answer is thrown at once instead of waiting for the unlock (the lock and unlock calls). */
  waitForUnlock?: boolean;
}

// ---- events ---------------------------------------------------------------------------------

export type SessionEvent = 'signed-out' | 'locked' | 'unlocked';
const listeners = new Map<SessionEvent, Set<() => void>>();

export function onSessionEvent(event: SessionEvent, listener: () => void): () => void {
  let set = listeners.get(event);
  if (!set) {
    set = new Set();
    listeners.set(event, set);
  }
  set.add(listener);
  return () => set.delete(listener);
}

function emit(event: SessionEvent): void {
  for (const listener of [...(listeners.get(event) ?? [])]) {
    listener();
  }
}

// ---- lock gate ------------------------------------------------------------------------------

interface Gate {
  promise: Promise<void>;
  resolve: () => void;
  reject: (reason: unknown) => void;
}

let lockGate: Gate | null = null;

/** Marks the console locked (idle lock or a 423): later requests wait for {@link markUnlocked}. */
export function markLocked(): Promise<void> {
  if (!lockGate) {
    let resolve!: () => void;
    let reject!: (reason: unknown) => void;
    const promise = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // Requests waiting on the gate get the rejection; nobody else must see it as unhandled.
    promise.catch(() => undefined);
    lockGate = { promise, resolve, reject };
    emit('locked');
  }
  return lockGate.promise;
}

export function isLocked(): boolean {
  return lockGate !== null;
}

export function markUnlocked(): void {
  const gate = lockGate;
  lockGate = null;
  if (gate) {
    gate.resolve();
    emit('unlocked');
  }
}

/** Ends the session on the client: waiting requests fail, listeners go to the sign-in page. */
export function markSignedOut(reason?: ApiError): void {
  const gate = lockGate;
  lockGate = null;
  gate?.reject(reason ?? new ApiError(localProblem(401, 'signed-out', 'common:errors.signedOut')));
  emit('signed-out');
}

// ---- refresh (single-flight) ----------------------------------------------------------------

let refreshing: Promise<boolean> | null = null;

/**
 * Renews the session cookies. Every caller while a refresh is in flight shares it, so two requests
 * failing with `session-expired` at once cause one `POST /api/auth/refresh`.
 */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      const response = await fetch(url('/api/auth/refresh'), {
        method: 'POST',
        credentials: 'same-origin',
        headers: baseHeaders('POST', false),
      });
      return response.ok;
    } catch {
      return false;
    }
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

// ---- requests -------------------------------------------------------------------------------

const unsafe = new Set<HttpMethod>(['POST', 'PUT', 'PATCH', 'DELETE']);

function url(path: string): string {
  return new URL(path, window.location.origin).toString();
}

function baseHeaders(method: HttpMethod, hasBody: boolean): Headers {
  const headers = new Headers({ Accept: 'application/json, application/problem+json' });
  headers.set('Accept-Language', languageTags[currentLanguage()]);
  if (unsafe.has(method)) {
    headers.set('X-Lda-Request', '1');
  }
  if (hasBody) {
    headers.set('Content-Type', 'application/json');
  }
  return headers;
}

function localProblem(status: number, code: string, titleKey: string): ProblemDetails {
  return { status, code, title: i18n.t(titleKey) };
}

async function readProblem(response: Response): Promise<ProblemDetails> {
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await response.json()) as Partial<ProblemDetails> & { errors?: Record<string, string | string[]> };
      const errors: Record<string, string> = {};
      for (const [field, message] of Object.entries(body.errors ?? {})) {
        errors[field] = Array.isArray(message) ? message.join(' ') : message;
      }
      const retryHeader = Number(response.headers.get('Retry-After'));
      return {
        ...body,
        status: body.status ?? response.status,
        code: body.code ?? `http-${response.status}`,
        title: body.title ?? i18n.t('common:errors.unexpected'),
        errors,
        retryAfterSeconds: body.retryAfterSeconds ?? (Number.isFinite(retryHeader) && retryHeader > 0 ? retryHeader : undefined),
      };
    } catch {
      // fall through: unreadable body
    }
  }
  return localProblem(response.status, `http-${response.status}`, 'common:errors.unexpected');
}

/**
 * The server answers in the language of the `lda-lang` cookie, which stands for the language the page
 * is shown in (ApiPipeline). The cookie outlives the page (an earlier visit, another tab in the other
 * language): before each request it is set to this page's language, so messages match the page.
 */
function keepLanguageCookie(): void {
  const lang = currentLanguage();
  if (readCookie(languageCookie) !== lang) {
    rememberLanguage(lang);
  }
}

async function send(path: string, method: HttpMethod, options: RequestOptions): Promise<Response> {
  const hasBody = options.body !== undefined;
  keepLanguageCookie();
  try {
    return await fetch(url(path), {
      method,
      credentials: 'same-origin',
      headers: baseHeaders(method, hasBody),
      body: hasBody ? JSON.stringify(options.body) : null,
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') {
      throw error;
    }
    throw new ApiError(localProblem(0, 'network', 'common:errors.network'));
  }
}

async function parse<T>(response: Response): Promise<T> {
  if (response.status === 204 || response.status === 205) {
    return undefined as T;
  }
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  let response = await send(path, method, options);
  let retried = false;

  for (;;) {
    if (response.ok) {
      return parse<T>(response);
    }
    const problem = await readProblem(response);
    const error = new ApiError(problem);

    if (!retried && response.status === 401 && problem.code === 'session-expired') {
      retried = true;
      if (await refreshSession()) {
        response = await send(path, method, options);
        continue;
      }
      markSignedOut(error);
      throw error;
    }

    if (!retried && response.status === 423 && problem.code === 'session-locked' && options.waitForUnlock !== false) {
      retried = true;
      await markLocked();
      response = await send(path, method, options);
      continue;
    }

    throw error;
  }
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'method' | 'body'>) => request<T>(path, { ...options, method: 'GET' }),
  post: <T = void>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    request<T>(path, { ...options, method: 'POST', body: body ?? {} }),
  put: <T = void>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    request<T>(path, { ...options, method: 'PUT', body: body ?? {} }),
  delete: <T = void>(path: string, options?: Omit<RequestOptions, 'method' | 'body'>) => request<T>(path, { ...options, method: 'DELETE' }),
};

/** For tests: forget a refresh or lock left over from a previous test. */
export function resetApiClientState(): void {
  refreshing = null;
  lockGate = null;
  listeners.clear();
}
