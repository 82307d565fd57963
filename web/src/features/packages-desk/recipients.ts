import type { Unit } from '@/features/units/api/types';
import type { BuildingResident } from './api/types';

/** Lower case, no accents, single spaces: « Hélène » and "helene" compare equal. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** A choice of the recipient type-ahead. */
export type RecipientOption =
  | { kind: 'unit'; key: string; unitId: string; unitNumber: string; names: string[] }
  | { kind: 'resident'; key: string; unitId: string; unitNumber: string; userId: string; name: string };

interface Indexed {
  option: RecipientOption;
  /** Folded words searched. */
  words: string[];
  number: string;
  /** A resident's folded name words (empty for a unit). */
  nameWords: string[];
}

/** Every unit, then every resident, with their folded search words (built once per page). */
export function buildRecipientIndex(units: Unit[], residents: BuildingResident[]): Indexed[] {
  const byUnit = new Map<string, string[]>();
  for (const r of residents) {
    byUnit.set(r.unitId, [...(byUnit.get(r.unitId) ?? []), r.fullName]);
  }
  const unitOptions: Indexed[] = units.map((u) => {
    const names = byUnit.get(u.id) ?? [];
    return {
      option: { kind: 'unit', key: `unit:${u.id}`, unitId: u.id, unitNumber: u.number, names },
      words: [fold(u.number), ...names.flatMap((n) => fold(n).split(' '))],
      number: fold(u.number),
      nameWords: [],
    };
  });
  const residentOptions: Indexed[] = residents.map((r) => {
    const nameWords = fold(r.fullName).split(' ');
    return {
      option: { kind: 'resident', key: `resident:${r.userId}:${r.unitId}`, unitId: r.unitId, unitNumber: r.unitNumber, userId: r.userId, name: r.fullName },
      words: [...nameWords, fold(r.unitNumber)],
      number: fold(r.unitNumber),
      nameWords,
    };
  });
  return [...unitOptions, ...residentOptions];
}

/**
 * The options matching what was typed, best first: each typed word must begin a word of the option
 * (a unit's number or a resident's name), ignoring case and accents. A unit whose number is exactly
 * what was typed comes first, then residents named by what was typed (« helene » or « 504 camille »
 * means that person, not the whole unit), then units whose number begins so, then the rest: units
 * matched by a resident's name, residents matched by their unit's number alone.
 */
export function matchRecipients(index: Indexed[], typed: string, limit = 12): RecipientOption[] {
  const query = fold(typed);
  if (!query) {
    return [];
  }
  const tokens = query.split(' ');
  const scored: { option: RecipientOption; score: number; order: number }[] = [];
  index.forEach((entry, order) => {
    if (tokens.every((token) => entry.words.some((word) => word.startsWith(token)))) {
      const unit = entry.option.kind === 'unit';
      const named = tokens.some((token) => entry.nameWords.some((word) => word.startsWith(token)));
      const byNumber = tokens.some((token) => entry.number.startsWith(token));
      const score = unit && entry.number === query ? 0 : named ? 1 : unit && byNumber ? 2 : 3;
      scored.push({ option: entry.option, score, order });
    }
  });
  scored.sort((a, b) => a.score - b.score || a.order - b.order);
  return scored.slice(0, limit).map((s) => s.option);
}
