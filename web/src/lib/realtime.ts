import { useEffect, useRef } from 'react';
import type { HubConnection } from '@microsoft/signalr';

type SignalR = typeof import('@microsoft/signalr');
import { refreshSession } from './api-client';

/**
 * The one module that owns the SignalR connection (DESIGN §4). The hub base is `/api`: negotiate
 * (`POST /api/negotiate`, with the CSRF header) answers with the address of the in-process hub or of
 * Azure SignalR Service. Clients only listen, to one method, `push`, that carries a kind and ids
 * (never personal data); the page then re-fetches through the authorized API.
 *
 * The @microsoft/signalr library is loaded on demand, when a signed-in area starts the connection,
 * so the sign-in page does not pay for it.
 */

/** Kinds pushed by the server. Must match the backend's push kinds. */
export type PushKind = 'registration.submitted' | 'registration.decided' | 'package.changed';

export interface PushMessage {
  kind: PushKind | (string & {});
  ids: Record<string, string>;
}

/** The client method the server invokes; must match the hub publisher. */
export const pushMethod = 'push';

type Handler = (message: PushMessage) => void;
type ReconnectHandler = () => void;

const handlers = new Map<string, Set<Handler>>();
const reconnectHandlers = new Set<ReconnectHandler>();

let signalR: SignalR | null = null;
let connection: HubConnection | null = null;
let starting: Promise<void> | null = null;
let wanted = false;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let failures = 0;

/** Delivers a push to the subscribers of its kind. Exported for tests and for the connection. */
export function dispatchPush(message: PushMessage): void {
  for (const handler of [...(handlers.get(message.kind) ?? [])]) {
    handler(message);
  }
}

function notifyReconnected(): void {
  for (const handler of [...reconnectHandlers]) {
    handler();
  }
}

async function build(): Promise<HubConnection> {
  signalR ??= await import('@microsoft/signalr');
  const hub = new signalR.HubConnectionBuilder()
    .withUrl('/api', { headers: { 'X-Lda-Request': '1' }, withCredentials: true })
    .withAutomaticReconnect([0, 2000, 5000, 10000, 30000, 60000])
    .configureLogging(signalR.LogLevel.Critical)
    .build();
  hub.on(pushMethod, (message: PushMessage) => dispatchPush(message));
  // Pushes sent while the connection was down are lost: subscribers re-fetch.
  hub.onreconnected(() => notifyReconnected());
  hub.onclose(() => {
    if (wanted) {
      scheduleRetry(15000);
    }
  });
  return hub;
}

function scheduleRetry(delayMs: number): void {
  clearTimeout(retryTimer);
  retryTimer = setTimeout(() => {
    void startRealtime();
  }, delayMs);
}

/** Starts (or keeps) the connection for the signed-in user. Safe to call more than once. */
export function startRealtime(): Promise<void> {
  wanted = true;
  starting ??= (async () => {
    try {
      connection ??= await build();
      if (connection.state === signalR?.HubConnectionState.Disconnected) {
        await connection.start();
        failures = 0;
        notifyReconnected();
      }
    } catch (error) {
      // Negotiate answers 401 when the access cookie has expired: renew it, then try again later.
      const status = (error as { statusCode?: number }).statusCode;
      if (status === 401) {
        await refreshSession();
      }
      if (wanted) {
        // 5 s, 10 s, 20 s, 40 s, then every minute: a hub that is down is not hammered.
        failures += 1;
        scheduleRetry(Math.min(60000, 5000 * 2 ** (failures - 1)));
      }
    } finally {
      starting = null;
    }
  })();
  return starting;
}

export async function stopRealtime(): Promise<void> {
  wanted = false;
  clearTimeout(retryTimer);
  const current = connection;
  connection = null;
  if (current) {
    await current.stop();
  }
}

/**
 * Calls `handler` for each push of the given kind(s) while the component is mounted, and, with
 * `onReconnect`, after the connection comes back (missed pushes cannot be replayed).
 */
export function usePush(kinds: PushKind | readonly PushKind[], handler: Handler, onReconnect?: ReconnectHandler): void {
  const handlerRef = useRef(handler);
  const reconnectRef = useRef(onReconnect);
  useEffect(() => {
    handlerRef.current = handler;
    reconnectRef.current = onReconnect;
  });
  const key = typeof kinds === 'string' ? kinds : kinds.join('|');
  useEffect(() => {
    const list = key.split('|');
    const listener: Handler = (message) => handlerRef.current(message);
    const reconnect: ReconnectHandler = () => reconnectRef.current?.();
    for (const kind of list) {
      let set = handlers.get(kind);
      if (!set) {
        set = new Set();
        handlers.set(kind, set);
      }
      set.add(listener);
    }
    reconnectHandlers.add(reconnect);
    return () => {
      for (const kind of list) {
        handlers.get(kind)?.delete(listener);
      }
      reconnectHandlers.delete(reconnect);
    };
  }, [key]);
}
