import { Badge, Button, Field, Input, MessageBar, MessageBarBody, Select, makeStyles, mergeClasses, tokens, typographyStyles } from '@fluentui/react-components';
import { WarningRegular } from '@fluentui/react-icons';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { AppLink } from '@/components/app-link';
import { useAnnounce } from '@/components/announcer';
import { standaloneLink, useFormStyles } from '@/components/forms/form-styles';
import { Page } from '@/components/page';
import { PageLoading } from '@/components/page-loading';
import { pathTo } from '@/config/paths';
import { PackageSettingsLink } from '@/features/package-settings/components/settings-link';
import { formatDateTime } from '@/lib/format';
import { usePush, type PushKind } from '@/lib/realtime';
import { useApiQuery } from '@/lib/use-api';
import { useLanguage } from '@/lib/use-language';
import { deskApi } from '../api/packages-api';
import { carriers, packageFlags, type Carrier, type DeskPackageQuery, type Package, type PackageFlag } from '../api/types';
import { NotAllowed, useDeskBuilding } from '../components/desk-access';
import { AssignDialog, DetailsDialog, EditDialog, ExceptionDialog } from '../components/package-dialogs';

/** The push the server sends on any change of a package of the building (not yet in realtime.ts's PushKind). */
const packageChanged = 'package.changed' as PushKind;

const useStyles = makeStyles({
  counts: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 9rem), 1fr))', gap: tokens.spacingHorizontalM, margin: 0 },
  count: { display: 'flex', flexDirection: 'column-reverse', margin: 0 },
  countValue: { ...typographyStyles.title2, margin: 0 },
  filters: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 11rem), 1fr))', gap: tokens.spacingHorizontalM, alignItems: 'end' },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  item: { borderInlineStartWidth: '4px', borderInlineStartStyle: 'solid', borderInlineStartColor: 'transparent' },
  overdue: { borderInlineStartColor: tokens.colorPaletteDarkOrangeBorder2 },
  title: { ...typographyStyles.subtitle1, margin: 0, display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  shortId: { fontFamily: tokens.fontFamilyMonospace },
  facts: { margin: `${tokens.spacingVerticalS} 0`, overflowWrap: 'anywhere' },
  tabs: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, alignItems: 'center', '& > a': standaloneLink },
});

type Dialog = 'details' | 'edit' | 'exception' | 'assign';

const ages = [0, 3, 7, 14];

function readQuery(params: URLSearchParams): DeskPackageQuery {
  const state = params.get('state') === 'unknown-recipient' ? 'unknown-recipient' : 'waiting';
  const minAge = Number(params.get('minAgeDays'));
  return {
    state,
    unitId: params.get('unitId') ?? undefined,
    carrier: (carriers as readonly string[]).includes(params.get('carrier') ?? '') ? (params.get('carrier') as Carrier) : undefined,
    flag: (packageFlags as readonly string[]).includes(params.get('flag') ?? '') ? (params.get('flag') as PackageFlag) : undefined,
    location: params.get('location') ?? undefined,
    minAgeDays: Number.isInteger(minAge) && minAge > 0 ? minAge : undefined,
  };
}

/**
 * The desk's list: packages waiting (or waiting for a unit), with filters kept in the address (unit,
 * carrier, age, flag, shelf), the counts, and each package's actions. Refreshed by the server's
 * `package.changed` pushes, never by polling.
 */
export default function DeskPackagesPage() {
  const { t } = useTranslation('packages-desk');
  const lang = useLanguage();
  const styles = { ...useFormStyles(), ...useStyles() };
  const announce = useAnnounce();
  const { buildingId, allowed } = useDeskBuilding();
  const [params, setParams] = useSearchParams();
  const query = readQuery(params);
  const queryKey = JSON.stringify(query);
  // How many pages the desk has open for this view: a reload (a push, the desk's own action) brings back
  // as many, so a colleague logging a parcel never folds the list back to its first page.
  const pages = useRef({ key: queryKey, count: 1 });

  const list = useApiQuery(async (signal) => {
    if (!buildingId || !allowed) {
      return undefined;
    }
    if (pages.current.key !== queryKey) {
      pages.current = { key: queryKey, count: 1 };
    }
    const first = await deskApi.list(buildingId, query, signal);
    let { items, continuation } = first;
    for (let page = 1; page < pages.current.count && continuation; page++) {
      const next = await deskApi.list(buildingId, { ...query, continuation }, signal);
      items = [...items, ...next.items];
      continuation = next.continuation;
    }
    return { ...first, items, continuation };
  }, [buildingId, allowed, queryKey]);
  const units = useApiQuery((signal) => (buildingId && allowed ? deskApi.units(buildingId, signal) : Promise.resolve([])), [buildingId, allowed]);

  usePush(
    packageChanged,
    (message) => {
      if (message.ids.buildingId === buildingId) {
        void list.reload();
      }
    },
    () => void list.reload(),
  );

  const [dialog, setDialog] = useState<{ kind: Dialog; pkg: Package }>();
  const [open, setOpen] = useState(false);
  const listHeading = useRef<HTMLHeadingElement>(null);
  const show = (kind: Dialog, pkg: Package) => {
    setDialog({ kind, pkg });
    setOpen(true);
  };
  const done = (message: string) => {
    setOpen(false);
    void list.reload().then(() => {
      announce(message);
      listHeading.current?.focus();
    });
  };

  // Filters: the form's fields are uncontrolled; Apply writes them to the address.
  const applyFilters = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    if (query.state === 'unknown-recipient') {
      next.set('state', 'unknown-recipient');
    }
    for (const key of ['unitId', 'carrier', 'flag', 'location', 'minAgeDays']) {
      const raw = form.get(key);
      const value = typeof raw === 'string' ? raw.trim() : '';
      if (value && value !== '0') {
        next.set(key, value);
      }
    }
    setParams(next);
  };

  const loadMore = () => {
    pages.current.count += 1;
    void list.reload();
  };

  if (!allowed || !buildingId) {
    return (
      <Page title={t('desk.title')}>
        <NotAllowed />
      </Page>
    );
  }

  const counts = list.data?.counts;
  const items = list.data?.items ?? [];
  const continuation = list.data?.continuation;
  const unknownView = query.state === 'unknown-recipient';

  return (
    <Page title={t('desk.title')}>
      <div className={styles.actions}>
        <AppLink to={pathTo('packagesLog', lang)}>{t('desk.toLog')}</AppLink>
        <AppLink to={pathTo('packagesRelease', lang)}>{t('desk.toRelease')}</AppLink>
        <PackageSettingsLink />
      </div>
      {list.error && (
        <MessageBar intent="error">
          <MessageBarBody>{list.error.title}</MessageBarBody>
        </MessageBar>
      )}
      {counts && (
        <section aria-labelledby="desk-counts-heading" className={styles.card}>
          <h2 id="desk-counts-heading">{t('desk.countsHeading')}</h2>
          <dl className={styles.counts}>
            {(['waiting', 'overdue', 'unknownRecipient', 'releasedToday'] as const).map((k) => (
              <div key={k} className={styles.count}>
                <dt>{t(`desk.counts.${k}`)}</dt>
                <dd className={styles.countValue}>{counts[k]}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}

      <nav aria-label={t('desk.views')} className={styles.tabs}>
        {unknownView ? <AppLink to={pathTo('packagesDesk', lang)}>{t('desk.waitingView')}</AppLink> : <strong>{t('desk.waitingView')}</strong>}
        {unknownView ? (
          <strong>{t('desk.unknownView')}</strong>
        ) : (
          <AppLink to={`${pathTo('packagesDesk', lang)}?state=unknown-recipient`}>{t('desk.unknownView')}</AppLink>
        )}
      </nav>

      <form key={queryKey} className={`${styles.card} ${styles.form}`} onSubmit={applyFilters} aria-labelledby="desk-filters-heading">
        <h2 id="desk-filters-heading">{t('desk.filtersHeading')}</h2>
        <div className={styles.filters}>
          <Field label={{ children: t('fields.unit'), htmlFor: 'filter-unit' }}>
            <Select id="filter-unit" name="unitId" defaultValue={query.unitId ?? ''}>
              <option value="">{t('desk.any')}</option>
              {(units.data ?? []).map((u) => (
                <option key={u.id} value={u.id}>
                  {u.number}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={{ children: t('fields.carrier'), htmlFor: 'filter-carrier' }}>
            <Select id="filter-carrier" name="carrier" defaultValue={query.carrier ?? ''}>
              <option value="">{t('desk.any')}</option>
              {carriers.map((c) => (
                <option key={c} value={c}>
                  {t(`carriers.${c}`)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={{ children: t('desk.age'), htmlFor: 'filter-age' }}>
            <Select id="filter-age" name="minAgeDays" defaultValue={String(query.minAgeDays ?? 0)}>
              {ages.map((a) => (
                <option key={a} value={a}>
                  {a === 0 ? t('desk.any') : t('desk.ageAtLeast', { count: a })}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={{ children: t('desk.flag'), htmlFor: 'filter-flag' }}>
            <Select id="filter-flag" name="flag" defaultValue={query.flag ?? ''}>
              <option value="">{t('desk.any')}</option>
              {packageFlags.map((f) => (
                <option key={f} value={f}>
                  {t(`flags.${f}`)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={{ children: t('fields.location'), htmlFor: 'filter-location' }}>
            <Input id="filter-location" name="location" defaultValue={query.location ?? ''} autoComplete="off" />
          </Field>
        </div>
        <div className={styles.actions}>
          <Button type="submit" appearance="primary">
            {t('desk.applyFilters')}
          </Button>
          <AppLink to={unknownView ? `${pathTo('packagesDesk', lang)}?state=unknown-recipient` : pathTo('packagesDesk', lang)}>{t('desk.clearFilters')}</AppLink>
        </div>
      </form>

      <section aria-labelledby="desk-list-heading" className={styles.form}>
        <h2 id="desk-list-heading" ref={listHeading} tabIndex={-1}>
          {unknownView ? t('desk.unknownHeading', { count: items.length }) : t('desk.listHeading', { count: items.length })}
        </h2>
        {list.loading && !list.data && <PageLoading />}
        {list.data && items.length === 0 && <p>{t('desk.none')}</p>}
        {items.length > 0 && (
          <ul className={styles.list}>
            {items.map((p) => (
              <li key={p.id} className={mergeClasses(styles.card, styles.item, p.overdue && styles.overdue)}>
                <h3 className={styles.title}>
                  <span className={styles.shortId}>{p.shortId}</span>
                  <span>{p.unitNumber ? t('recipient.unitText', { unit: p.unitNumber }) : t('recipient.unknownText', { name: p.recipientName ?? '' })}</span>
                  {p.overdue && (
                    <Badge appearance="filled" color="warning" icon={<WarningRegular />}>
                      {t('desk.overdue', { count: p.ageDays })}
                    </Badge>
                  )}
                  {p.damaged && (
                    <Badge appearance="outline" color="danger">
                      {t('desk.damaged')}
                    </Badge>
                  )}
                </h3>
                <p className={styles.facts}>
                  {[
                    p.unitNumber && p.recipientName ? p.recipientName : undefined,
                    t(`carriers.${p.carrier}`),
                    t(`sizes.${p.size}`),
                    ...p.flags.map((f) => t(`flags.${f}`)),
                    p.location ? t('log.onShelf', { location: p.location }) : t('desk.noShelf'),
                    t('desk.arrived', { date: formatDateTime(p.arrivedAt, lang) }),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </p>
                <div className={styles.actions}>
                  {unknownView && (
                    <Button appearance="primary" aria-label={t('desk.assignFor', { shortId: p.shortId })} onClick={() => show('assign', p)}>
                      {t('desk.assign')}
                    </Button>
                  )}
                  <Button aria-label={t('desk.detailsFor', { shortId: p.shortId })} onClick={() => show('details', p)}>
                    {t('desk.details')}
                  </Button>
                  <Button aria-label={t('desk.editFor', { shortId: p.shortId })} onClick={() => show('edit', p)}>
                    {t('desk.edit')}
                  </Button>
                  <Button aria-label={t('desk.exceptionFor', { shortId: p.shortId })} onClick={() => show('exception', p)}>
                    {t('desk.exception')}
                  </Button>
                  <AppLink to={pathTo('packageLabel', lang, { packageId: p.id })} aria-label={t('log.printLabelFor', { shortId: p.shortId })}>
                    {t('log.printLabel')}
                  </AppLink>
                </div>
              </li>
            ))}
          </ul>
        )}
        {continuation && (
          <div className={styles.actions}>
            <Button onClick={loadMore}>{t('desk.more')}</Button>
          </div>
        )}
      </section>

      <DetailsDialog open={open && dialog?.kind === 'details'} buildingId={buildingId} pkg={dialog?.pkg} onClose={() => setOpen(false)} />
      <EditDialog
        open={open && dialog?.kind === 'edit'}
        buildingId={buildingId}
        pkg={dialog?.pkg}
        onClose={() => setOpen(false)}
        onDone={(p) => done(t('edit.done', { shortId: p.shortId }))}
      />
      <ExceptionDialog
        open={open && dialog?.kind === 'exception'}
        buildingId={buildingId}
        pkg={dialog?.pkg}
        onClose={() => setOpen(false)}
        onDone={(p) => done(t('exception.done', { shortId: p.shortId }))}
      />
      <AssignDialog
        open={open && dialog?.kind === 'assign'}
        buildingId={buildingId}
        pkg={dialog?.pkg}
        onClose={() => setOpen(false)}
        onDone={(p) => done(t('assign.done', { shortId: p.shortId, unit: p.unitNumber ?? '' }))}
      />
    </Page>
  );
}
