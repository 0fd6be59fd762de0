import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

/**
 * The README and the docs are read in a clone of this repository: every relative link and image
 * must resolve to a file inside it, nothing may point beside it, and the README stays short.
 */

const ROOT = resolve(fileURLToPath(new URL('../../', import.meta.url)));
const README_MAX_LINES = 200;

function markdownUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .map((f) => join(dir, f));
}

const DOCS = ['README.md', 'electron/README.md', ...markdownUnder('docs')];

/** Fenced code blocks and inline code spans are text, not links. */
function withoutCode(text: string): string {
  return text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** Targets of inline links and images `[..](target)`, reference definitions `[x]: target` and `<img src>`. */
function linkTargets(markdown: string): string[] {
  const text = withoutCode(markdown);
  const targets: string[] = [];
  for (const m of text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+["'(][^)]*)?\)/g)) targets.push(m[1]!);
  for (const m of text.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?/gm)) targets.push(m[1]!);
  for (const m of text.matchAll(/<img\b[^>]*\bsrc=["']([^"']+)["']/gi)) targets.push(m[1]!);
  return targets;
}

/** Links this test checks: not web or mail addresses, not anchors within the same page. */
const isLocal = (target: string) => !/^(https?:|mailto:|#)/i.test(target);

/** The file a local link names, relative to the document holding it (anchor and query dropped). */
function resolveTarget(doc: string, target: string): string {
  const path = decodeURI(target.replace(/[#?].*$/, ''));
  return resolve(dirname(join(ROOT, doc)), path);
}

it('finds the documents', () => {
  expect(DOCS).toContain('docs/architecture.md');
  for (const doc of DOCS) expect(existsSync(join(ROOT, doc)), doc).toBe(true);
});

it('reads links and images, and leaves code alone', () => {
  const sample = [
    '[a](docs/a.md) and ![](shots/b.png "title") and [web](https://example.org) [top](#top)',
    '[c](c.md#part) `[not](code.md)`',
    '```sh',
    '[nor](fenced.md)',
    '```',
    '[ref]: ref.md',
  ].join('\n');
  expect(linkTargets(sample).filter(isLocal)).toEqual(['docs/a.md', 'shots/b.png', 'c.md#part', 'ref.md']);
});

for (const doc of DOCS) {
  it(`${doc}: every relative link resolves to a file inside the repository`, () => {
    const text = readFileSync(join(ROOT, doc), 'utf8');
    const broken: string[] = [];
    for (const target of linkTargets(text).filter(isLocal)) {
      const file = resolveTarget(doc, target);
      const inside = file === ROOT || file.startsWith(ROOT + sep);
      if (!inside) broken.push(`${target} (outside the repository: ${relative(ROOT, file)})`);
      else if (!existsSync(file)) broken.push(`${target} (no such file)`);
    }
    expect(broken, `broken links in ${doc}`).toEqual([]);
  });

  it(`${doc}: mentions no path beside the repository`, () => {
    const text = readFileSync(join(ROOT, doc), 'utf8');
    expect(text.includes('../shared'), `${doc} mentions ../shared`).toBe(false);
  });
}

it(`README.md has at most ${README_MAX_LINES} lines`, () => {
  const text = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const lines = text.endsWith('\n') ? text.split('\n').length - 1 : text.split('\n').length;
  expect(lines).toBeLessThanOrEqual(README_MAX_LINES);
});
