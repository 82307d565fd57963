import type { GriffelRenderer } from '@fluentui/react-components';
import { useState } from 'react';
import { RouterProvider } from 'react-router';
import { AppProviders } from './providers';
import { createAppRouter } from './router';

export function App({ renderer }: { renderer: GriffelRenderer }) {
  const [router] = useState(createAppRouter);
  return (
    <AppProviders renderer={renderer}>
      <RouterProvider router={router} />
    </AppProviders>
  );
}
