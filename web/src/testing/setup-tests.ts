import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { resetApiClientState } from '@/lib/api-client';
import { i18n, initI18n, namespaces } from '@/lib/i18n';
import { server } from './msw-server';

// Route chunks are transformed on first use: the first render of a page can take a few seconds.
configure({ asyncUtilTimeout: 8000 });

const missingKeys: string[] = [];
const unhandledRequests: string[] = [];
const invalidNesting: string[] = [];

// React reports markup the HTML parser would restructure (a div in a p, …) with console.error and renders on:
// a browser's accessibility tree then differs from what the test saw. Such a report fails the test.
const consoleError = console.error.bind(console);
console.error = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && /^In HTML, .* cannot (be a descendant|be a child|contain)/.test(args[0])) {
    invalidNesting.push(args[0]);
  }
  consoleError(...args);
};

// jsdom lacks ResizeObserver, which Fluent's positioning and overflow use.
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
if (!('ResizeObserver' in window)) {
  Object.defineProperty(window, 'ResizeObserver', { value: ResizeObserverStub, writable: true, configurable: true });
}

beforeAll(async () => {
  // A request no handler answers fails the test that made it (MSW's 'error' only logs, and the page shows an error).
  server.listen({
    onUnhandledRequest: (request) => {
      unhandledRequests.push(`${request.method} ${new URL(request.url).pathname}${new URL(request.url).search}`);
    },
  });
  await initI18n('fr');
  await i18n.loadLanguages(['fr', 'en']);
  await i18n.loadNamespaces([...namespaces]);
  // A key the code asks for that no locale file has fails the test that rendered it.
  i18n.options.saveMissing = true;
  i18n.on('missingKey', (languages: readonly string[], namespace: string, key: string) => {
    missingKeys.push(`${languages.join(',')}/${namespace}:${key}`);
  });
});

beforeEach(async () => {
  resetApiClientState();
  window.localStorage.clear();
  document.cookie = 'lda-lang=; Path=/; Max-Age=0';
  if (i18n.language !== 'fr') {
    await i18n.changeLanguage('fr');
  }
});

afterEach(() => {
  cleanup();
  server.resetHandlers();
  const missing = missingKeys.splice(0);
  expect(missing, 'translation keys missing from src/locales').toEqual([]);
  const unhandled = unhandledRequests.splice(0);
  expect(unhandled, 'requests no handler of the test answered (declare them with server.use)').toEqual([]);
  const nesting = invalidNesting.splice(0);
  expect(nesting, 'invalid HTML nesting React reported').toEqual([]);
});

afterAll(() => server.close());
