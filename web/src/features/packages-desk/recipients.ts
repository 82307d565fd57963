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
    };
  });
  const residentOptions: Indexed[] = residents.map((r) => ({
    option: { kind: 'resident', key: `resident:${r.userId}:${r.unitId}`, unitId: r.unitId, unitNumber: r.unitNumber, userId: r.userId, name: r.fullName },
    words: [...fold(r.fullName).split(' '), fold(r.unitNumber)],
    number: fold(r.unitNumber),
  }));
  return [...unitOptions, ...residentOptions];
}

/**
 * The options matching what was typed, best first: each typed word must begin a word of the option
 * (a unit's number or a resident's name), ignoring case and accents. A unit whose number is exactly
 * what was typed comes first, then units whose number begins so, then residents named so (« helene »
 * means Hélène, not her whole unit), then the rest: units matched by a resident's name, residents
 * matched by their unit's number.
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
      const byNumber = tokens.some((token) => entry.number.startsWith(token));
      const unit = entry.option.kind === 'unit';
      const score = entry.number === query && unit ? 0 : byNumber && unit ? 1 : !byNumber && !unit ? 2 : 3;
      scored.push({ option: entry.option, score, order });
    }
  });
  scored.sort((a, b) => a.score - b.score || a.order - b.order);
  return scored.slice(0, limit).map((s) => s.option);
}
