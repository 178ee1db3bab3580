/**
 * The page's own layering: state flows one way. Views and components may import state and lib; state never
 * imports views or components; lib (pure helpers: no runes, no Svelte, no DOM) imports none of the three.
 * Failures name file:line. Each rule is also shown failing on a fixture.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

interface Source {
  /** Repository-relative path, with forward slashes. */
  file: string;
  text: string;
}

function sourcesUnder(dir: string): Source[] {
  const out: Source[] = [];
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...sourcesUnder(path));
    else if (/\.(ts|svelte)$/.test(entry.name)) out.push({ file: path, text: readFileSync(join(ROOT, path), 'utf8') });
  }
  return out;
}

/** The text with comments blanked (line breaks kept), so only code is searched. */
const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\/|(^|[^:])\/\/[^\n]*/g, (m) => m.replace(/[^\n]/g, ' '));

/** Every static, dynamic and re-export import with its line. */
function importsOf(source: Source): { spec: string; line: number }[] {
  const text = withoutComments(source.text);
  const pattern =
    /\b(?:import|export)\s+(?:type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
  return [...text.matchAll(pattern)].map((m) => {
    const spec = m[1] ?? m[2] ?? m[3];
    return { spec, line: text.slice(0, m.index + m[0].indexOf(spec)).split('\n').length };
  });
}

/** The renderer layer a repository path belongs to, or null outside these four. */
function layerOf(path: string): 'state' | 'lib' | 'views' | 'components' | null {
  const m = /^renderer\/(state|lib|views|components)\//.exec(path);
  return (m?.[1] as 'state' | 'lib' | 'views' | 'components' | undefined) ?? null;
}

const FORBIDDEN: Record<'state' | 'lib', readonly string[]> = {
  state: ['views', 'components'],
  lib: ['views', 'components', 'state'],
};

/** `file:line …` for every import that goes against the flow, and every Svelte file, rune or DOM use in lib. */
export function layeringBreaches(sources: readonly Source[]): string[] {
  const out: string[] = [];
  for (const source of sources) {
    const layer = layerOf(source.file);
    if (layer !== 'state' && layer !== 'lib') continue;
    for (const { spec, line } of importsOf(source)) {
      const to = spec.startsWith('.') ? relative(ROOT, resolve(ROOT, dirname(source.file), spec)).replace(/\\/g, '/') : spec;
      const toLayer = layerOf(to);
      if (toLayer && FORBIDDEN[layer].includes(toLayer))
        out.push(`${source.file}:${line} imports ${spec} (${layer} must not import ${toLayer})`);
      if (layer === 'lib' && (/\.svelte(\.[jt]s)?$/.test(to) || /^svelte(\/|$)/.test(to))) {
        out.push(`${source.file}:${line} imports ${spec} (lib is pure: no Svelte, no rune modules)`);
      }
    }
    if (layer === 'lib') {
      if (/\.svelte(\.ts)?$/.test(source.file)) out.push(`${source.file}:1 is a Svelte file (lib is pure)`);
      withoutComments(source.text)
        .split('\n')
        .forEach((text, i) => {
          if (/\$(state|derived|effect|props)\b\s*[.(]/.test(text)) out.push(`${source.file}:${i + 1} uses a rune (lib is pure)`);
          if (/\b(document|window|localStorage|navigator)\s*\.|\brequestAnimationFrame\s*\(|\bnew\s+(OffscreenCanvas|Image)\b/.test(text)) {
            out.push(`${source.file}:${i + 1} uses the DOM (lib is pure)`);
          }
        });
    }
  }
  return out;
}

describe('renderer layering', () => {
  const sources = sourcesUnder('renderer');

  it('finds the page state, the pure helpers and the views where the rules expect them', () => {
    const count = (layer: string) => sources.filter((s) => layerOf(s.file) === layer).length;
    expect(count('state')).toBeGreaterThanOrEqual(5);
    expect(count('lib')).toBeGreaterThanOrEqual(20);
    expect(count('views')).toBeGreaterThanOrEqual(40);
  });

  it('state never imports views or components; lib imports none of views, components and state, and holds no runes and no DOM', () => {
    expect(layeringBreaches(sources)).toEqual([]);
  });

  it('reports each breach with file:line (fixtures)', () => {
    const fixtures: Source[] = [
      {
        file: 'renderer/state/bad.svelte.ts',
        text: "// a comment: import x from '../views/X.svelte'\nimport { f } from '../views/explorer/f.js';\n",
      },
      { file: 'renderer/state/also.ts', text: "\n\nexport { Menu } from '../components/Menu.svelte';\n" },
      {
        file: 'renderer/lib/bad.ts',
        text: "import { app } from '../state/app.svelte.js';\nimport { mount } from 'svelte';\nconst s = $state(1);\n// document.body in a comment is fine\nconst el = document.body;\n",
      },
      { file: 'renderer/lib/Thing.svelte', text: '<p>hi</p>\n' },
      { file: 'renderer/views/fine.ts', text: "import { app } from '../state/app.svelte.js';\n" },
    ];
    expect(layeringBreaches(fixtures)).toEqual([
      'renderer/state/bad.svelte.ts:2 imports ../views/explorer/f.js (state must not import views)',
      'renderer/state/also.ts:3 imports ../components/Menu.svelte (state must not import components)',
      'renderer/lib/bad.ts:1 imports ../state/app.svelte.js (lib must not import state)',
      'renderer/lib/bad.ts:1 imports ../state/app.svelte.js (lib is pure: no Svelte, no rune modules)',
      'renderer/lib/bad.ts:2 imports svelte (lib is pure: no Svelte, no rune modules)',
      'renderer/lib/bad.ts:3 uses a rune (lib is pure)',
      'renderer/lib/bad.ts:5 uses the DOM (lib is pure)',
      'renderer/lib/Thing.svelte:1 is a Svelte file (lib is pure)',
    ]);
  });
});
