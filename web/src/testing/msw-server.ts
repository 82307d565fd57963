import { setupServer } from 'msw/node';

/** Mock API for the tests: each test declares the routes it needs with server.use(...); anything else fails. */
export const server = setupServer();

/** Absolute URL of an API path as the app calls it (jsdom's origin). */
export const apiUrl = (path: string) => new URL(path, window.location.origin).toString();
