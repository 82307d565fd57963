import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { namespaces } from '@/lib/i18n';

type Tree = { [key: string]: string | Tree };

// Vitest runs from web/ (vite.config.ts).
const here = join(process.cwd(), 'src', 'locales');
const load = (lang: string, ns: string): Tree => JSON.parse(readFileSync(join(here, lang, `${ns}.json`), 'utf8')) as Tree;

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') {
      out.set(path, value);
    } else {
      for (const [k, v] of flatten(value, path)) {
        out.set(k, v);
      }
    }
  }
  return out;
}

const variables = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe.each([...namespaces])('locale namespace %s', (ns) => {
  const fr = flatten(load('fr', ns));
  const en = flatten(load('en', ns));

  it('has the same keys in French and English', () => {
    expect([...fr.keys()].sort()).toEqual([...en.keys()].sort());
  });

  it('has no empty value', () => {
    for (const [lang, map] of [['fr', fr], ['en', en]] as const) {
      for (const [key, value] of map) {
        expect(value.trim(), `${lang}/${ns}.json ${key}`).not.toBe('');
      }
    }
  });

  it('uses the same interpolation variables in both languages', () => {
    for (const [key, value] of fr) {
      expect(variables(value), `${ns}.json ${key}`).toEqual(variables(en.get(key) ?? ''));
    }
  });

  it('follows French typography: no plain space before : ; ? ! and typographic apostrophes', () => {
    for (const [key, value] of fr) {
      expect(value, `fr/${ns}.json ${key}`).not.toMatch(/ [:;?!»]|« /);
      expect(value, `fr/${ns}.json ${key}`).not.toMatch(/'/);
    }
  });
});

// ---- every key written in the code exists --------------------------------------------------

const srcRoot = join(here, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      return name === 'locales' || name === 'testing' ? [] : sourceFiles(path);
    }
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const all = new Map<string, { fr: Map<string, string>; en: Map<string, string> }>(
  namespaces.map((ns) => [ns, { fr: flatten(load('fr', ns)), en: flatten(load('en', ns)) }]),
);

function exists(ns: string, key: string): boolean {
  const bundle = all.get(ns);
  return !!bundle && bundle.fr.has(key) && bundle.en.has(key);
}

describe('keys used in the source', () => {
  const files = sourceFiles(srcRoot);

  it('finds the source files', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(files.map((f) => [relative(srcRoot, f), f] as const))('%s', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const fileNamespaces = [...text.matchAll(/(?:useTranslation|getFixedT)\(\s*(?:\w+\s*,\s*)?'([\w-]+)'/g)].map((m) => m[1]!);
    const defaults = fileNamespaces.length > 0 ? fileNamespaces : ['common'];
    const keys = [
      ...[...text.matchAll(/\bt\(\s*'([^']+)'/g)].map((m) => m[1]!),
      ...[...text.matchAll(/labelKey:\s*'([^']+)'/g)].map((m) => m[1]!),
    ];
    for (const key of keys) {
      const [ns, path] = key.includes(':') ? (key.split(':') as [string, string]) : [undefined, key];
      const found = ns ? exists(ns, path) : defaults.some((d) => exists(d, path));
      expect(found, `${key} (namespaces ${ns ?? defaults.join(', ')})`).toBe(true);
    }
  });

  it('has the keys built at run time from contract enums', () => {
    for (const value of ['owner', 'tenant', 'occupant']) {
      expect(exists('console', `relationship.${value}`)).toBe(true);
      expect(exists('signup', `relationship.${value}`)).toBe(true);
    }
    for (const value of ['residential', 'commercial']) {
      expect(exists('console', `units.types.${value}`)).toBe(true);
    }
    for (const value of ['active', 'used', 'expired', 'revoked']) {
      expect(exists('console', `codes.statuses.${value}`)).toBe(true);
    }
    for (const value of ['resident', 'frontDesk', 'board', 'manager', 'admin']) {
      expect(exists('staff', `roles.${value}`)).toBe(true);
    }
    for (const value of ['pending', 'accepted', 'revoked', 'expired']) {
      expect(exists('staff', `statuses.${value}`)).toBe(true);
    }
  });
});
