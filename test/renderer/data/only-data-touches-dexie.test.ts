// Lints deliberately bad snippets with the project's own config (eslint.config.mjs).
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });
const ruleHits = async (filePath: string, code: string) => {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').length;
};

describe('one owner for the cache', () => {
  it('a feature or the app importing Dexie (types included) or its React hooks fails lint', async () => {
    expect(await ruleHits('renderer/features/queue/bad.ts', "import { Dexie } from 'dexie';\nexport const d = Dexie;\n")).toBe(1);
    expect(await ruleHits('renderer/features/queue/bad.ts', "import type { Table } from 'dexie';\nexport type T = Table<string, string>;\n")).toBe(1);
    expect(await ruleHits('renderer/app/bad.tsx', "import { useLiveQuery } from 'dexie-react-hooks';\nexport const u = useLiveQuery;\n")).toBe(1);
  });

  it('renderer/data/ may import Dexie', async () => {
    expect(
      await ruleHits(
        'renderer/data/fine.ts',
        "import { Dexie } from 'dexie';\nimport { useLiveQuery } from 'dexie-react-hooks';\nexport const d = [Dexie, useLiveQuery];\n",
      ),
    ).toBe(0);
  });
});
