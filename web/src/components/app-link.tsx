import { Link } from '@fluentui/react-components';
import type { MouseEvent, ReactNode } from 'react';
import { useHref, useLinkClickHandler, type To } from 'react-router';

interface AppLinkProps {
  to: To;
  children: ReactNode;
  state?: unknown;
  replace?: boolean;
  className?: string;
  inline?: boolean;
  id?: string;
  'aria-label'?: string;
}

/** A Fluent link that navigates inside the app (keeps a real href for new tabs and screen readers). */
export function AppLink({ to, state, replace, children, ...rest }: AppLinkProps) {
  const href = useHref(to);
  const handleClick = useLinkClickHandler<HTMLAnchorElement>(to, { state, replace });
  return (
    <Link {...rest} href={href} onClick={(event: MouseEvent<HTMLAnchorElement>) => handleClick(event)}>
      {children}
    </Link>
  );
}
