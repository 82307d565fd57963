import { describe, expect, it } from 'vitest';
import { i18n } from '@/lib/i18n';
import { carriers, noticeOutcomes, packageFlags, packageSizes, timelineKinds, type PackageState } from '../api/types';

const states: PackageState[] = ['waiting', 'unknown-recipient', 'released', 'returned', 'missing'];

/** Keys built at run time from the contract's enumerations exist in both languages. */
describe('packages locale keys from contract enums', () => {
  const keys = [
    ...carriers.map((c) => `carriers.${c}`),
    ...packageSizes.map((s) => `sizes.${s}`),
    ...packageFlags.map((f) => `flags.${f}`),
    ...states.map((s) => `states.${s}`),
    ...timelineKinds.map((k) => `timeline.${k}`),
    ...['notice', 'reminder', 'final-notice', 'release-notice'].map((k) => `timeline.${k}To`),
    ...noticeOutcomes.map((o) => `outcomes.${o}`),
    'channels.email',
    ...['arrival', 'reminder', 'release'].flatMap((k) => [`notices.${k}`, `notices.${k}Label`]),
  ];

  it.each(['fr', 'en'])('%s', (lang) => {
    const missing = keys.filter((key) => !i18n.exists(`packages:${key}`, { lng: lang }));
    expect(missing).toEqual([]);
  });
});
