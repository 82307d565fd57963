import axe from 'axe-core';
import { expect } from 'vitest';

/**
 * Runs axe on what is rendered and fails with the rules broken and where. Colour contrast needs a
 * real layout engine (jsdom has none): themes.test.ts computes it for every token pair instead, and
 * the end-to-end tests run the full rule set in Chromium.
 */
export async function expectNoAxeViolations(root: Element = document.body): Promise<void> {
  const results = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } });
  const found = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(found, 'axe violations').toEqual([]);
}
