import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/lib/api-client';
import type { SummaryItem } from '../error-summary';

/**
 * Errors of one form: per field (shown beside the field, wired with aria-describedby and
 * aria-invalid by Fluent's Field) and in the summary above the form, which takes focus.
 * `fieldIds` maps the API's field names (the request body's camelCase names) to control ids.
 */
export function useFormErrors(fieldIds: Record<string, string>) {
  const { t } = useTranslation('common');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [title, setTitle] = useState<string>();
  const [extra, setExtra] = useState<string[]>([]);
  const [focusKey, setFocusKey] = useState(0);

  const clear = useCallback(() => {
    setFieldErrors({});
    setTitle(undefined);
    setExtra([]);
  }, []);

  /**
   * Client-side checks before sending: returns true when there is nothing to report. The summary takes focus,
   * unless `focusSummary` is false (the caller moves focus to the field, whose error it describes).
   */
  const check = useCallback((errors: Record<string, string | false | undefined | null>, { focusSummary = true }: { focusSummary?: boolean } = {}) => {
    const found: Record<string, string> = {};
    for (const [field, message] of Object.entries(errors)) {
      if (message) {
        found[field] = message;
      }
    }
    setFieldErrors(found);
    setTitle(undefined);
    setExtra([]);
    if (Object.keys(found).length > 0) {
      if (focusSummary) {
        setFocusKey((k) => k + 1);
      }
      return false;
    }
    return true;
  }, []);

  /**
   * A server error. `field` names the control a fieldless error is about (wrong credentials concern
   * the password): its message then shows beside that field and as a linked item of the summary.
   */
  const fromError = useCallback(
    (error: unknown, field?: string) => {
      if (error instanceof ApiError) {
        const attach = field !== undefined && Object.keys(error.fieldErrors).length === 0;
        setFieldErrors(attach ? { [field]: error.title } : { ...error.fieldErrors });
        setTitle(attach ? undefined : error.title);
        const lines: string[] = [];
        if (error.detail) {
          lines.push(error.detail);
        }
        if (error.status === 429 && error.retryAfterSeconds) {
          lines.push(t('errors.retryAfter', { seconds: error.retryAfterSeconds }));
        }
        setExtra(lines);
      } else {
        setFieldErrors({});
        setTitle(t('errors.unexpected'));
        setExtra([]);
      }
      setFocusKey((k) => k + 1);
    },
    [t],
  );

  const summaryItems = useMemo<SummaryItem[]>(
    () => [
      ...extra.map((message) => ({ message })),
      ...Object.entries(fieldErrors).map(([field, message]) => {
        const fieldId = fieldIds[field];
        return fieldId ? { fieldId, message } : { message };
      }),
    ],
    [extra, fieldErrors, fieldIds],
  );

  const fieldError = useCallback((field: string) => fieldErrors[field], [fieldErrors]);

  return { fieldError, fieldErrors, summaryTitle: title, summaryItems, focusKey, check, fromError, clear };
}
