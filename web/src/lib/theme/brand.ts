import type { BrandVariants } from '@fluentui/react-components';

/** The building's colours. Gold on white is 1.8:1: it never carries text on light surfaces. */
export const brandRed = '#7f1d1d';
export const brandGold = '#E6BC63';

/**
 * Light theme ramp: dark red at 80 (Fluent's primary background and brand foreground in light
 * themes), darker shades below (hover, pressed), tints towards white above (selected and subtle
 * backgrounds). Built by mixing #120404 → #7f1d1d → white in sRGB; the contrast test checks every
 * pair the app uses.
 */
export const lightBrandRamp: BrandVariants = {
  10: '#120404',
  20: '#220808',
  30: '#310b0b',
  40: '#410f0f',
  50: '#501212',
  60: '#601616',
  70: '#6f1919',
  80: '#7f1d1d',
  90: '#8e3737',
  100: '#9c5151',
  110: '#ab6b6b',
  120: '#ba8585',
  130: '#c99f9f',
  140: '#d7b9b9',
  150: '#e6d3d3',
  160: '#f5eded',
};

/**
 * Dark theme ramp: Fluent's dark theme takes backgrounds from 10–80 (primary button 70, hover 80,
 * pressed 40) and brand foregrounds, links, checked controls and brand strokes from 90–160. A red
 * tint there (#9c5151 at 100) is 2.6:1 on the dark surface, so the upper half is the building's
 * gold instead (8:1 on #292929): red surfaces with white text, gold text and marks on dark.
 */
export const darkBrandRamp: BrandVariants = {
  10: '#120404',
  20: '#220808',
  30: '#310b0b',
  40: '#410f0f',
  50: '#501212',
  60: '#601616',
  70: '#6f1919',
  80: '#7f1d1d',
  90: '#d9a845',
  100: '#e6bc63',
  110: '#ebc87d',
  120: '#efd296',
  130: '#f3dcad',
  140: '#f6e5c4',
  150: '#faefdb',
  160: '#fdf8f0',
};
