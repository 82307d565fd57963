import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { DocumentArrowUpRegular } from '@fluentui/react-icons';
import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormStyles } from '@/components/forms/form-styles';
import { FormSubmit } from '@/components/forms/form-submit';
import { ApiError } from '@/lib/api-client';
import { formatNumber } from '@/lib/format';
import { useLanguage } from '@/lib/use-language';
import { importRowErrors, unitsApi } from '../api/units-api';
import type { UnitImportRowError } from '../api/types';

const maxCsvBytes = 1024 * 1024;

const useStyles = makeStyles({
  example: {
    fontFamily: tokens.fontFamilyMonospace,
    backgroundColor: tokens.colorNeutralBackground3,
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    overflowX: 'auto',
    margin: 0,
  },
  // The native file input shows the browser's own words ("Choose File"); a button in the page's
  // language opens it instead.
  hiddenInput: { display: 'none' },
  fileRow: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'center' },
  scroll: { overflowX: 'auto' },
  textarea: { fontFamily: tokens.fontFamilyMonospace },
});

/** CSV import of units: file or paste; a rejected import lists every wrong row and imports nothing. */
export function UnitImport({ buildingId, onImported }: { buildingId: string; onImported: () => void }) {
  const { t } = useTranslation('console');
  const styles = { ...useFormStyles(), ...useStyles() };
  const lang = useLanguage();
  const [csv, setCsv] = useState('');
  const [error, setError] = useState<string>();
  const [rows, setRows] = useState<UnitImportRowError[]>();
  const [imported, setImported] = useState<number>();
  const [busy, setBusy] = useState(false);
  const [fileName, setFileName] = useState<string>();
  const resultRef = useRef<HTMLDivElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) {
      return;
    }
    if (file.size > maxCsvBytes) {
      setError(t('units.import.tooLarge'));
      return;
    }
    setError(undefined);
    setFileName(file.name);
    setCsv(await file.text());
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setImported(undefined);
    setRows(undefined);
    if (!csv.trim()) {
      setError(t('units.import.empty'));
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      const result = await unitsApi.importCsv(buildingId, csv);
      setImported(result.imported);
      setCsv('');
      onImported();
    } catch (e) {
      const rowErrors = importRowErrors(e);
      if (rowErrors) {
        setRows(rowErrors);
      } else {
        setError(e instanceof ApiError ? e.title : t('common:errors.unexpected'));
      }
    } finally {
      setBusy(false);
      // Let the person hear the outcome: the result area takes focus.
      setTimeout(() => resultRef.current?.focus(), 0);
    }
  };

  return (
    <section className={`${styles.form} ${styles.card}`} aria-labelledby="units-import-heading">
      <h2 id="units-import-heading">{t('units.import.heading')}</h2>
      <p>{t('units.import.explain')}</p>
      <pre className={styles.example} aria-label={t('units.import.exampleLabel')}>
        {'number,floor,type,area,bedrooms\n504,5,residential,812,2\n101,1,commercial,1450,'}
      </pre>
      <form className={styles.form} noValidate onSubmit={(e) => void submit(e)}>
        <div className={styles.fileRow}>
          <input ref={fileRef} className={styles.hiddenInput} type="file" accept=".csv,text/csv" tabIndex={-1} aria-hidden onChange={(e) => void readFile(e)} />
          <Button type="button" icon={<DocumentArrowUpRegular />} onClick={() => fileRef.current?.click()}>
            {t('units.import.file')}
          </Button>
          {fileName && <span>{t('units.import.chosen', { name: fileName })}</span>}
        </div>
        <Field label={{ children: t('units.import.paste'), htmlFor: 'units-import-csv' }} hint={t('units.import.pasteHint')}>
          <Textarea
            id="units-import-csv"
            className={styles.textarea}
            value={csv}
            onChange={(_e, d) => setCsv(d.value)}
            rows={6}
            resize="vertical"
            spellCheck={false}
          />
        </Field>
        <FormSubmit busy={busy}>{t('units.import.submit')}</FormSubmit>
      </form>
      <div ref={resultRef} tabIndex={-1} className={styles.form}>
        {error && (
          <MessageBar intent="error">
            <MessageBarBody>{error}</MessageBarBody>
          </MessageBar>
        )}
        {imported !== undefined && (
          <MessageBar intent="success">
            <MessageBarBody>{t('units.import.done', { count: formatNumber(imported, lang) })}</MessageBarBody>
          </MessageBar>
        )}
        {rows && (
          <>
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>{t('units.import.rejected', { count: rows.length })}</MessageBarBody>
            </MessageBar>
            <div className={styles.scroll}>
              <Table aria-label={t('units.import.rowsCaption')} size="small">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>{t('units.import.row')}</TableHeaderCell>
                    <TableHeaderCell>{t('units.import.field')}</TableHeaderCell>
                    <TableHeaderCell>{t('units.import.problem')}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {rows.map((r, i) => (
                    <TableRow key={`${r.row}-${r.field}-${i}`}>
                      <TableCell>{r.row}</TableCell>
                      <TableCell>{r.field}</TableCell>
                      <TableCell>{r.message}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          </>
        )}
      </div>
    </section>
  );
}
