import { makeStyles, mergeClasses, tokens, typographyStyles } from '@fluentui/react-components';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    width: '100%',
    maxWidth: '72rem',
    marginInline: 'auto',
  },
  narrow: { maxWidth: '34rem' },
  heading: {
    ...typographyStyles.title2,
    margin: 0,
    overflowWrap: 'anywhere',
    ':focus': { outline: 'none' },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
});

let pagesShown = 0;

interface PageProps {
  /** The h1, also the start of the document title. */
  title: string;
  narrow?: boolean;
  /** False to leave the h1 out of the printout (a letter prints only its own content). */
  printTitle?: boolean;
  children?: ReactNode;
}

/**
 * A page: its h1 and the document title (WCAG 2.4.2) in the current language. After an in-app
 * navigation the heading takes focus, so screen-reader users hear where they landed and keyboard
 * users start from the top of the new content.
 */
export function Page({ title, narrow, printTitle = true, children }: PageProps) {
  const styles = useStyles();
  const { t } = useTranslation('common');
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);

  useEffect(() => {
    if (pagesShown > 0) {
      headingRef.current?.focus();
    }
    pagesShown += 1;
  }, []);

  return (
    <div className={mergeClasses(styles.root, narrow && styles.narrow)}>
      <h1 ref={headingRef} tabIndex={-1} className={mergeClasses(styles.heading, !printTitle && 'lda-no-print')} id="page-title">
        {title}
      </h1>
      {children}
    </div>
  );
}
