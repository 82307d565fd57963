import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { ApiError } from './api-client';

export interface QueryState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  /** Fetches again (keeps the current data on screen meanwhile). */
  reload: () => Promise<void>;
}

/** Loads data through the API client when the dependencies change; aborts on unmount or change. */
export function useApiQuery<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): QueryState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(true);
  const loadRef = useRef(load);
  const controllerRef = useRef<AbortController | null>(null);
  useEffect(() => {
    loadRef.current = load;
  });

  const run = useCallback(async () => {
    controllerRef.current?.abort();
    const controller = new AbortController();
    controllerRef.current = controller;
    setLoading(true);
    try {
      const result = await loadRef.current(controller.signal);
      if (!controller.signal.aborted) {
        setData(result);
        setError(undefined);
      }
    } catch (e) {
      if (!controller.signal.aborted) {
        setError(e instanceof ApiError ? e : undefined);
        if (!(e instanceof ApiError)) {
          throw e;
        }
      }
    } finally {
      if (!controller.signal.aborted) {
        setLoading(false);
      }
    }
  }, []);

  useEffect(() => {
    // Fetching when the inputs change is synchronising with the server, what effects are for.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void run().catch(() => undefined);
    return () => controllerRef.current?.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's dependencies decide
  }, deps);

  return { data, error, loading, reload: run };
}
