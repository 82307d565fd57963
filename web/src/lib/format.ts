import { languageTags, type Language } from './i18n';

/** `26 novembre 2026` / `November 26, 2026` */
export function formatDate(iso: string, lang: Language): string {
  return new Intl.DateTimeFormat(languageTags[lang], { dateStyle: 'long' }).format(new Date(iso));
}

/** `26 novembre 2026 à 14 h 05` / `November 26, 2026 at 2:05 p.m.` */
export function formatDateTime(iso: string, lang: Language): string {
  return new Intl.DateTimeFormat(languageTags[lang], { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));
}

export function formatNumber(value: number, lang: Language): string {
  return new Intl.NumberFormat(languageTags[lang]).format(value);
}

/** A plain-text document (paragraphs separated by blank lines) as paragraphs. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

export const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
