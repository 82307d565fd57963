import { useMatches, useParams } from 'react-router';
import type { PageId } from '@/config/paths';
import type { Language } from '@/lib/i18n';

export interface RouteHandle {
  page?: PageId;
  lang?: Language;
}

/** The page shown now (deepest route with a page id) and its parameters. */
export function useCurrentPage(): { page: PageId | undefined; params: Record<string, string> } {
  const matches = useMatches();
  const params = useParams();
  let page: PageId | undefined;
  for (const match of matches) {
    const handle = match.handle as RouteHandle | undefined;
    if (handle?.page) {
      page = handle.page;
    }
  }
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && key !== '*') {
      clean[key] = value;
    }
  }
  return { page, params: clean };
}
