import { makeStyles } from '@fluentui/react-components';
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { visuallyHidden } from './visually-hidden';

type Announce = (message: string) => void;
const AnnouncerContext = createContext<Announce>(() => undefined);

const useStyles = makeStyles({ hidden: visuallyHidden });

/**
 * One polite live region for the whole app: real-time updates ("a new registration is waiting") are
 * read by screen readers without moving focus (WCAG 4.1.3). The region exists from the first render,
 * so that assistive technologies register it before anything is announced.
 */
export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const styles = useStyles();
  const [message, setMessage] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const announce = useCallback<Announce>((text) => {
    // Clear first so that the same sentence twice is announced twice.
    setMessage('');
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setMessage(text), 50);
  }, []);

  const value = useMemo(() => announce, [announce]);
  return (
    <AnnouncerContext.Provider value={value}>
      {children}
      <div className={styles.hidden} role="status" aria-live="polite" aria-atomic="true" data-testid="announcer">
        {message}
      </div>
    </AnnouncerContext.Provider>
  );
}

export function useAnnounce(): Announce {
  return useContext(AnnouncerContext);
}
