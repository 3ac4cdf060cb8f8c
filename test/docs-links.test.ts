// Every relative link of the README, ARCHITECTURE.md and the guide pages in docs/ resolves: the
// file exists, and a #fragment names a heading of that file (GitHub's anchor rules, through
// github-slugger, the library GitHub's own renderer follows). External links are not fetched.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import GithubSlugger from 'github-slugger';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/generate/slides/rules.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function markdownFiles(): string[] {
  const docs = join(ROOT, 'docs');
  const pages = existsSync(docs)
    ? readdirSync(docs)
        .filter((f) => f.endsWith('.md'))
        .map((f) => join(docs, f))
    : [];
  return [join(ROOT, 'README.md'), join(ROOT, 'ARCHITECTURE.md'), ...pages];
}

/** Markdown without fenced code blocks and inline code (their brackets are not links). */
function prose(text: string): string {
  return text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** The anchors GitHub gives a file's headings. */
function anchors(text: string): Set<string> {
  const slugger = new GithubSlugger();
  const out = new Set<string>();
  for (const m of prose(text).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const heading = (m[1] ?? '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*_]/g, '');
    out.add(slugger.slug(heading));
  }
  for (const m of text.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) out.add(m[1] ?? '');
  return out;
}

function links(text: string): string[] {
  const found: string[] = [];
  for (const m of prose(text).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) found.push(m[1] ?? '');
  for (const m of prose(text).matchAll(/^\[[^\]]+\]:\s*(\S+)/gm)) found.push(m[1] ?? '');
  return found.filter((l) => !/^[a-z][a-z0-9+.-]*:/i.test(l));
}

describe('documentation links', () => {
  const files = markdownFiles();

  it('finds the README and the guide pages', () => {
    expect(files.length).toBeGreaterThanOrEqual(2);
  });

  for (const file of files) {
    it(`every relative link of ${relative(ROOT, file)} resolves`, () => {
      const text = readFileSync(file, 'utf8');
      const broken: string[] = [];
      for (const link of links(text)) {
        const [path = '', fragment] = link.split('#');
        const target = path === '' ? file : join(dirname(file), decodeURIComponent(path));
        if (!existsSync(target)) {
          broken.push(`${link} (no file ${relative(ROOT, target)})`);
          continue;
        }
        if (fragment && target.endsWith('.md') && !anchors(readFileSync(target, 'utf8')).has(fragment)) {
          broken.push(`${link} (no heading #${fragment} in ${relative(ROOT, target)})`);
        }
      }
      expect(broken).toEqual([]);
    });
  }
});

describe('the slide composition rules', () => {
  it('docs/decks.md has one row per rule of src/generate/slides/rules.ts, and no other', () => {
    const text = readFileSync(join(ROOT, 'docs', 'decks.md'), 'utf8');
    const table = text.slice(text.indexOf('**Composition rules**'));
    const rows = [...table.matchAll(/^\| ([a-z][a-z-]*) \| /gm)].map((m) => m[1]).filter((id) => id !== 'rule');
    expect(rows.sort()).toEqual(RULES.map((r) => r.id).sort());
  });
});
