import { createDarkTheme, createLightTheme, type Theme } from '@fluentui/react-components';
import { brandGold, darkBrandRamp, lightBrandRamp } from './brand';

/**
 * Fluent's theme plus the portal's own variables. FluentProvider writes every key of the theme as a
 * CSS variable (`--colorLdaGold`), so makeStyles can use them through `ldaTokens`.
 */
export interface LdaTheme extends Theme {
  /** Gold accent: text only on the brand background (5.6:1) or on dark surfaces. */
  colorLdaGold: string;
  /** Header bar: background, text and focus ring drawn on it. */
  colorLdaHeaderBackground: string;
  colorLdaHeaderForeground: string;
  colorLdaHeaderFocus: string;
}

export const ldaTokens = {
  colorLdaGold: 'var(--colorLdaGold)',
  colorLdaHeaderBackground: 'var(--colorLdaHeaderBackground)',
  colorLdaHeaderForeground: 'var(--colorLdaHeaderForeground)',
  colorLdaHeaderFocus: 'var(--colorLdaHeaderFocus)',
} as const;

/**
 * Input borders: Fluent's default outline (#d1d1d1 light, #666666 dark) is 1.5:1 and 2.6:1 against
 * the page; WCAG 1.4.11 asks 3:1 for the boundary of a control, so the neutral stroke is darkened
 * (light) or lightened (dark). Hover and pressed stay on the same side of 3:1.
 */
const lightOverrides = {
  colorNeutralStroke1: '#8a8a8a',
  colorNeutralStroke1Hover: '#7a7a7a',
  colorNeutralStroke1Pressed: '#6b6b6b',
  colorNeutralStroke1Selected: '#7a7a7a',
} satisfies Partial<Theme>;

const darkOverrides = {
  colorNeutralStroke1: '#7a7a7a',
  colorNeutralStroke1Hover: '#8a8a8a',
  colorNeutralStroke1Pressed: '#808080',
  colorNeutralStroke1Selected: '#8a8a8a',
} satisfies Partial<Theme>;

export const lightTheme: LdaTheme = {
  ...createLightTheme(lightBrandRamp),
  ...lightOverrides,
  colorLdaGold: brandGold,
  colorLdaHeaderBackground: lightBrandRamp[80],
  colorLdaHeaderForeground: '#ffffff',
  colorLdaHeaderFocus: '#ffffff',
};

export const darkTheme: LdaTheme = {
  ...createDarkTheme(darkBrandRamp),
  ...darkOverrides,
  colorLdaGold: brandGold,
  colorLdaHeaderBackground: darkBrandRamp[30],
  colorLdaHeaderForeground: '#ffffff',
  colorLdaHeaderFocus: brandGold,
};

export type ThemeName = 'light' | 'dark';
export const themes: Record<ThemeName, LdaTheme> = { light: lightTheme, dark: darkTheme };
