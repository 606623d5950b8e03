// Every rulebook citation in the repository resolves: code and tests cite `docs/domain.md §n` (or
// §n.m, item m of section n's numbered list), never the brief's copy outside the repository, and
// never the tracker's issue numbers (a reader of the repository cannot follow those).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const SELF = 'test/lint/citations.test.ts';
const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { encoding: 'utf8' })
  .split('\n')
  .filter((f) => /\.(ts|tsx|mts|mjs|md)$/.test(f) && f !== SELF && f !== 'docs/domain.md');
const texts = files.map((f) => [f, readFileSync(f, 'utf8')] as const);
const rulebook = readFileSync('docs/domain.md', 'utf8');

/** Section number → the numbers of its top-level numbered items. */
function sectionsOf(text: string): Map<string, Set<string>> {
  const sections = new Map<string, Set<string>>();
  let items: Set<string> | null = null;
  for (const line of text.split('\n')) {
    const heading = /^## (\d+)\. /.exec(line);
    if (heading) sections.set(heading[1], (items = new Set()));
    const item = /^(\d+)\. /.exec(line);
    if (item && items) items.add(item[1]);
  }
  return sections;
}

describe('the rulebook is in the repository and every citation resolves', () => {
  const sections = sectionsOf(rulebook);

  it('docs/domain.md keeps the brief’s section numbers 1–11', () => {
    expect([...sections.keys()]).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11']);
    expect(sections.get('5')).toEqual(new Set(['1', '2', '3', '4', '5']));
  });

  it('every "docs/domain.md §n[.m]" names a section (and item) that exists', () => {
    const broken: string[] = [];
    let cited = 0;
    for (const [file, text] of texts) {
      for (const m of text.matchAll(/docs\/domain\.md §(\d+)(?:\.(\d+))?/g)) {
        cited += 1;
        const items = sections.get(m[1]);
        if (!items || (m[2] !== undefined && !items.has(m[2]))) broken.push(`${file}: ${m[0]}`);
      }
    }
    expect(cited).toBeGreaterThan(50);
    expect(broken).toEqual([]);
  });

  it('nothing cites the brief’s DOMAIN.md or an issue number', () => {
    const stale = texts.flatMap(([file, text]) =>
      text
        .split('\n')
        .map((line, i) => ({ line, at: `${file}:${i + 1}` }))
        .filter(({ line }) => /\bDOMAIN\.md\b/.test(line) || /\b[Ii]ssues? ?#?\d+\b/.test(line))
        .map(({ at }) => at),
    );
    expect(stale).toEqual([]);
  });
});
