import { createDOMRenderer, FluentProvider, RendererProvider, type GriffelRenderer } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { AnnouncerProvider } from '@/components/announcer';
import type { Me } from '@/features/auth/api/types';
import { i18n } from '@/lib/i18n';
import { SessionProvider } from '@/lib/session';
import { ThemePreferenceProvider, useThemePreference } from '@/lib/theme/theme-preference';
import { themes } from '@/lib/theme/themes';

/**
 * Griffel (Fluent's CSS-in-JS) inserts rules into <style> elements it creates at run time; under the
 * strict CSP they must carry the page's nonce. FluentProvider copies the renderer's
 * `styleElementAttributes` onto its own theme <style> element too (fluentui PR #26046), so one
 * renderer covers every style element the app creates.
 */
export function createRenderer(nonce: string | undefined, target: Document = document): GriffelRenderer {
  return createDOMRenderer(target, nonce ? { styleElementAttributes: { nonce } } : {});
}

function ThemedApp({ children }: { children: ReactNode }) {
  const { theme } = useThemePreference();
  // No className here: with applyStylesToPortals, FluentProvider copies its classes onto every
  // portal node (dialogs, tooltips), where a layout class would take room at the end of <body>.
  return (
    <FluentProvider theme={themes[theme]} applyStylesToPortals>
      {children}
    </FluentProvider>
  );
}

export function AppProviders({
  renderer,
  children,
  initialMe,
  realtime,
}: {
  renderer: GriffelRenderer;
  children: ReactNode;
  initialMe?: Me | null;
  realtime?: boolean;
}) {
  return (
    <RendererProvider renderer={renderer}>
      <I18nextProvider i18n={i18n}>
        <ThemePreferenceProvider>
          <ThemedApp>
            <AnnouncerProvider>
              <SessionProvider initialMe={initialMe} realtime={realtime}>
                {children}
              </SessionProvider>
            </AnnouncerProvider>
          </ThemedApp>
        </ThemePreferenceProvider>
      </I18nextProvider>
    </RendererProvider>
  );
}
