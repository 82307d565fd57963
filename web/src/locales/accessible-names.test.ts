import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

type Tree = { [key: string]: string | Tree };

// Vitest runs from web/ (vite.config.ts).
const here = join(process.cwd(), 'src', 'locales');
const load = (lang: string, ns: string): Tree => JSON.parse(readFileSync(join(here, lang, `${ns}.json`), 'utf8')) as Tree;

/** Every pair of sibling keys `x` (a control's visible text) and `xFor` (its aria-label), with their path. */
function labelPairs(tree: Tree, prefix = ''): { key: string; visible: string; name: string }[] {
  const pairs: { key: string; visible: string; name: string }[] = [];
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value !== 'string') {
      pairs.push(...labelPairs(value, path));
    } else if (key.endsWith('For') && typeof tree[key.slice(0, -3)] === 'string') {
      pairs.push({ key: path, visible: tree[key.slice(0, -3)] as string, name: value });
    }
  }
  return pairs;
}

const words = (text: string) => text.replace(/\{\{\s*\w+\s*\}\}/g, '').replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * A button or link that shows « Imprimer l’étiquette » but is named « Imprimer l’étiquette du colis
 * LDA-… » for screen readers (the `xFor` key) must be named starting with what it shows, so that a
 * speech-input user can say what they see (WCAG 2.5.3 Label in Name; axe's label-content-name-mismatch
 * found "Print label" named "Print the label of package …" on the English desk pages).
 */
// The package pages' namespaces, whose `xFor` keys all name the control showing `x` (checked by hand;
// elsewhere the convention is not kept: console's units.codesFor names the link showing units.manageCodes).
describe.each(['packages-desk', 'packages', 'notices', 'package-settings'])('accessible names of %s', (ns) => {
  it.each(['fr', 'en'])('begin with the visible text of their control (%s)', (lang) => {
    for (const pair of labelPairs(load(lang, ns))) {
      expect(words(pair.name).startsWith(words(pair.visible)), `${lang}/${ns}.json ${pair.key}: « ${pair.name} » does not begin with « ${pair.visible} »`).toBe(true);
    }
  });
});

it('finds the pairs it checks (the desk has five controls named this way)', () => {
  const keys = labelPairs(load('en', 'packages-desk')).map((p) => p.key);
  expect(keys).toEqual(expect.arrayContaining(['log.printLabelFor', 'desk.detailsFor', 'desk.editFor', 'desk.exceptionFor', 'desk.assignFor']));
});
