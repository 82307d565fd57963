import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export interface SummaryItem {
  /** id of the control the message belongs to (the link moves focus there). */
  fieldId?: string;
  message: string;
}

const useStyles = makeStyles({
  root: {
    borderLeft: `4px solid ${tokens.colorPaletteRedForeground1}`,
    backgroundColor: tokens.colorPaletteRedBackground1,
    color: tokens.colorNeutralForeground1,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    borderRadius: tokens.borderRadiusMedium,
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  title: { ...typographyStyles.subtitle2, margin: 0 },
  list: { margin: `${tokens.spacingVerticalS} 0 0`, paddingInlineStart: tokens.spacingHorizontalXL },
  link: {
    color: tokens.colorNeutralForeground1,
    textDecorationLine: 'underline',
    display: 'inline-block',
    minHeight: '24px',
    paddingBlock: '2px',
  },
});

/**
 * The list of problems of a form, shown above it after a failed submit. It takes focus so that the
 * person hears what went wrong; each item links to its field (WCAG 3.3.1).
 */
export function ErrorSummary({ title, items, focusKey }: { title?: string; items: SummaryItem[]; focusKey: number }) {
  const styles = useStyles();
  const { t } = useTranslation('common');
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (focusKey > 0) {
      ref.current?.focus();
    }
  }, [focusKey]);

  if (items.length === 0 && !title) {
    return null;
  }
  return (
    <div ref={ref} tabIndex={-1} className={styles.root} aria-labelledby="error-summary-title" role="group" data-testid="error-summary">
      <h2 id="error-summary-title" className={styles.title}>
        {title ?? t('errors.summaryTitle')}
      </h2>
      {items.length > 0 && (
        <ul className={styles.list}>
          {items.map((item, index) => (
            <li key={`${item.fieldId ?? 'form'}-${index}`}>
              {item.fieldId ? (
                <a
                  className={styles.link}
                  href={`#${item.fieldId}`}
                  onClick={(event) => {
                    event.preventDefault();
                    const target = document.getElementById(item.fieldId!);
                    target?.focus();
                    target?.scrollIntoView({ block: 'center' });
                  }}
                >
                  {item.message}
                </a>
              ) : (
                item.message
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
