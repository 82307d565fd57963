import { makeStyles, tokens, type GriffelStyle } from '@fluentui/react-components';

/**
 * A link that stands on its own (in a row of actions or links, not in a sentence) is a target of its
 * own: 24 px high at least, like the buttons beside it (WCAG 2.5.8, DESIGN §9). A link in a sentence
 * stays inline and is exempt.
 */
export const standaloneLink: GriffelStyle = { display: 'inline-flex', alignItems: 'center', minHeight: '24px' };

export const useFormStyles = makeStyles({
  // Spacing comes from the gap: headings and paragraphs directly inside lose their margins.
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    '& > h2, & > h3, & > p': { marginBlock: 0 },
  },
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
    alignItems: 'center',
    '& > a': standaloneLink,
  },
  fieldset: {
    border: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    minWidth: 0,
  },
  legend: {
    fontWeight: tokens.fontWeightSemibold,
    padding: 0,
    marginBottom: tokens.spacingVerticalXS,
  },
  card: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    padding: tokens.spacingHorizontalXL,
    boxShadow: tokens.shadow4,
    '& > h2:first-child, & > h3:first-child': { marginTop: 0 },
    '@media (max-width: 480px)': { padding: tokens.spacingHorizontalL },
  },
  muted: { color: tokens.colorNeutralForeground3 },
});
