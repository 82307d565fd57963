import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { AppProviders, createRenderer } from '@/app/providers';
import { appRoutes } from '@/app/router';
import type { Me } from '@/features/auth/api/types';

/**
 * Renders the whole app (providers, shell, routes) at a path, with a known session: `me` null for
 * signed out. Returns the router to inspect navigation.
 */
export function renderApp(path: string, options: { me?: Me | null; nonce?: string } = {}) {
  const router = createMemoryRouter(appRoutes(), { initialEntries: [path] });
  const renderer = createRenderer(options.nonce);
  const result = render(
    <AppProviders renderer={renderer} initialMe={options.me ?? null} realtime={false}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...result, router };
}
