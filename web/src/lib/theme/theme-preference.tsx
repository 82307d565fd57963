import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ThemeName } from './themes';

export type ThemePreference = 'system' | ThemeName;
const storageKey = 'lda-theme';
const darkQuery = '(prefers-color-scheme: dark)';

function readPreference(): ThemePreference {
  try {
    const value = window.localStorage.getItem(storageKey);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

function systemTheme(): ThemeName {
  return typeof window.matchMedia === 'function' && window.matchMedia(darkQuery).matches ? 'dark' : 'light';
}

interface ThemeState {
  preference: ThemePreference;
  theme: ThemeName;
  setPreference: (preference: ThemePreference) => void;
  /** Switches to the other theme and remembers the choice. */
  toggle: () => void;
}

const ThemeContext = createContext<ThemeState | null>(null);

/** Follows the system colour scheme until the user chooses; the choice is kept in localStorage. */
export function ThemePreferenceProvider({ children }: { children: ReactNode }) {
  const [preference, setPreferenceState] = useState<ThemePreference>(readPreference);
  const [system, setSystem] = useState<ThemeName>(systemTheme);

  useEffect(() => {
    if (typeof window.matchMedia !== 'function') {
      return;
    }
    const query = window.matchMedia(darkQuery);
    const onChange = () => setSystem(query.matches ? 'dark' : 'light');
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);

  const setPreference = useCallback((next: ThemePreference) => {
    setPreferenceState(next);
    try {
      if (next === 'system') {
        window.localStorage.removeItem(storageKey);
      } else {
        window.localStorage.setItem(storageKey, next);
      }
    } catch {
      // storage disabled: the choice lasts for this page only
    }
  }, []);

  const theme = preference === 'system' ? system : preference;
  const value = useMemo<ThemeState>(
    () => ({ preference, theme, setPreference, toggle: () => setPreference(theme === 'dark' ? 'light' : 'dark') }),
    [preference, theme, setPreference],
  );

  useEffect(() => {
    document.documentElement.style.colorScheme = theme;
  }, [theme]);

  return <ThemeContext.Provider value={value}>{children}</ThemeContext.Provider>;
}

export function useThemePreference(): ThemeState {
  const value = useContext(ThemeContext);
  if (!value) {
    throw new Error('useThemePreference outside ThemePreferenceProvider');
  }
  return value;
}
