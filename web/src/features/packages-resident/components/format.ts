import { languageTags, type Language } from '@/lib/i18n';

/** Packages arrive at the building's desk: their times are shown in the building's time zone. */
export const buildingTimeZone = 'America/Toronto';

/** `8 h 03` / `8:03 a.m.` (fr-CA's `timeStyle: 'short'` would write `08 h 03`). */
export function formatTime(iso: string, lang: Language): string {
  return new Intl.DateTimeFormat(languageTags[lang], { hour: 'numeric', minute: '2-digit', timeZone: buildingTimeZone }).format(new Date(iso));
}

/** `26 novembre 2026 à 14 h 03` / `November 26, 2026 at 2:03 p.m.` */
export function formatWhen(iso: string, lang: Language): string {
  return new Intl.DateTimeFormat(languageTags[lang], { year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: buildingTimeZone }).format(new Date(iso));
}

/** A date without time (`YYYY-MM-DD`): `31 décembre 2026` / `December 31, 2026`. */
export function formatDay(date: string, lang: Language): string {
  return new Intl.DateTimeFormat(languageTags[lang], { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

/** `aujourd’hui`, `hier`, `il y a 2 jours` / `today`, `yesterday`, `2 days ago` (days counted by the server). */
export function daysAgo(days: number, lang: Language): string {
  return new Intl.RelativeTimeFormat(languageTags[lang], { numeric: days < 2 ? 'auto' : 'always' }).format(-days, 'day');
}
