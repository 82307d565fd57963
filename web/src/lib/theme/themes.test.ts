import { describe, expect, it } from 'vitest';
import { contrastRatio } from './contrast';
import { themes, type LdaTheme, type ThemeName } from './themes';

type Token = keyof LdaTheme;

interface Pair {
  what: string;
  fg: Token;
  bg: Token;
  min: number;
}

const text = 4.5;
const ui = 3;

/** Every foreground/background pair the app draws: text at 4.5:1, focus rings and control borders at 3:1. */
const pairs: Pair[] = [
  // Body text on the page and on cards
  ...(['colorNeutralBackground1', 'colorNeutralBackground2', 'colorNeutralBackground3'] as const).flatMap((bg) => [
    { what: 'body text', fg: 'colorNeutralForeground1', bg, min: text },
    { what: 'secondary text', fg: 'colorNeutralForeground2', bg, min: text },
    { what: 'hint text', fg: 'colorNeutralForeground3', bg, min: text },
    { what: 'brand text', fg: 'colorBrandForeground1', bg, min: text },
    { what: 'link', fg: 'colorBrandForegroundLink', bg, min: text },
    { what: 'link hover', fg: 'colorBrandForegroundLinkHover', bg, min: text },
    { what: 'link pressed', fg: 'colorBrandForegroundLinkPressed', bg, min: text },
    { what: 'field error text', fg: 'colorPaletteRedForeground1', bg, min: text },
    { what: 'focus ring', fg: 'colorStrokeFocus2', bg, min: ui },
    { what: 'input border', fg: 'colorNeutralStroke1', bg, min: ui },
    { what: 'input border hover', fg: 'colorNeutralStroke1Hover', bg, min: ui },
    { what: 'input bottom border', fg: 'colorNeutralStrokeAccessible', bg, min: ui },
    { what: 'input focus underline', fg: 'colorCompoundBrandStroke', bg, min: ui },
    { what: 'checked checkbox / radio', fg: 'colorCompoundBrandBackground', bg, min: ui },
    { what: 'radio dot', fg: 'colorCompoundBrandForeground1', bg, min: ui },
  ] satisfies Pair[]),
  // Subtle and transparent buttons (header menu, icon buttons) on hover
  { what: 'subtle button hover text', fg: 'colorNeutralForeground2BrandHover', bg: 'colorSubtleBackgroundHover', min: text },
  { what: 'text on hover row', fg: 'colorNeutralForeground1', bg: 'colorNeutralBackground1Hover', min: text },
  // Primary buttons
  { what: 'primary button', fg: 'colorNeutralForegroundOnBrand', bg: 'colorBrandBackground', min: text },
  { what: 'primary button hover', fg: 'colorNeutralForegroundOnBrand', bg: 'colorBrandBackgroundHover', min: text },
  { what: 'primary button pressed', fg: 'colorNeutralForegroundOnBrand', bg: 'colorBrandBackgroundPressed', min: text },
  { what: 'checkmark on checked box', fg: 'colorNeutralForegroundInverted', bg: 'colorCompoundBrandBackground', min: ui },
  // Message bars (text is neutral foreground on the intent background)
  { what: 'error message bar', fg: 'colorNeutralForeground1', bg: 'colorPaletteRedBackground1', min: text },
  { what: 'success message bar', fg: 'colorNeutralForeground1', bg: 'colorPaletteGreenBackground1', min: text },
  { what: 'warning message bar', fg: 'colorNeutralForeground1', bg: 'colorPaletteYellowBackground1', min: text },
  { what: 'error icon on error bar', fg: 'colorPaletteRedForeground1', bg: 'colorPaletteRedBackground1', min: ui },
  { what: 'success badge text', fg: 'colorPaletteGreenForeground1', bg: 'colorNeutralBackground1', min: text },
  { what: 'warning text', fg: 'colorStatusWarningForeground1', bg: 'colorNeutralBackground1', min: text },
  // Header bar
  { what: 'header text', fg: 'colorLdaHeaderForeground', bg: 'colorLdaHeaderBackground', min: text },
  { what: 'gold brand name in header', fg: 'colorLdaGold', bg: 'colorLdaHeaderBackground', min: text },
  { what: 'focus ring in header', fg: 'colorLdaHeaderFocus', bg: 'colorLdaHeaderBackground', min: ui },
];

describe.each(['light', 'dark'] as ThemeName[])('%s theme', (name) => {
  const theme = themes[name] as unknown as Record<Token, unknown>;

  for (const pair of pairs) {
    it(`${pair.what}: ${pair.fg} on ${pair.bg} ≥ ${pair.min}:1`, () => {
      const fg = theme[pair.fg];
      const bg = theme[pair.bg];
      expect(typeof fg).toBe('string');
      expect(typeof bg).toBe('string');
      const ratio = contrastRatio(fg as string, bg as string);
      expect(ratio, `${pair.fg}=${String(fg)} on ${pair.bg}=${String(bg)} is ${ratio.toFixed(2)}:1`).toBeGreaterThanOrEqual(pair.min);
    });
  }
});

describe('contrastRatio', () => {
  it('matches known WCAG ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    // The brand gold on white cannot carry text.
    expect(contrastRatio('#E6BC63', '#ffffff')).toBeLessThan(2);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  it('composites translucent foregrounds over the background', () => {
    expect(contrastRatio('rgba(0, 0, 0, 0)', '#ffffff')).toBeCloseTo(1, 5);
    expect(contrastRatio('rgba(0, 0, 0, 1)', '#ffffff')).toBeCloseTo(21, 5);
  });
});
