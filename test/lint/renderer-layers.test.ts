// Lints deliberately bad (and good) snippets with the project's own config (eslint.config.mjs and
// lint/renderer-rules.mjs): the renderer's layers and the message catalogue hold because lint fails.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });
async function hits(rule: string, filePath: string, code: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === rule).length;
}
const layers = (filePath: string, code: string) => hits('huifang/layers', filePath, code);
const cjk = (filePath: string, code: string) => hits('huifang/no-cjk-literal', filePath, code);

describe('renderer layers: app → features → ui/data/audio/ipc/i18n (STYLE.md)', () => {
  it('a feature importing renderer/app/ fails lint, static, re-export or dynamic', async () => {
    expect(
      await layers('renderer/features/queue/bad.ts', "import { startWorkstation } from '../../app/workstation';\nexport const s = startWorkstation;\n"),
    ).toBe(1);
    expect(await layers('renderer/features/queue/bad.ts', "export { Workspace } from '../../app/workspace';\n")).toBe(1);
    expect(await layers('renderer/features/queue/bad.ts', "export const w = () => import('../../app/workspace');\n")).toBe(1);
  });

  it('a feature importing a feature it is not built on fails lint; an allowed one passes', async () => {
    expect(
      await layers('renderer/features/softphone/bad.ts', "import { monitorActions } from '../monitor/monitor-actions';\nexport const m = monitorActions;\n"),
    ).toBe(1);
    expect(await layers('renderer/features/wizard/bad.ts', "import type { QueueRow } from '../queue/queue-store';\nexport type Q = QueueRow;\n")).toBe(1);
    expect(
      await layers('renderer/features/recording/fine.ts', "import type { SoftphoneApi } from '../softphone/softphone-api';\nexport type S = SoftphoneApi;\n"),
    ).toBe(0);
  });

  it('ui/, data/, audio/ and ipc/ import no feature and not the app', async () => {
    expect(await layers('renderer/ui/bad.ts', "import { useQueueStore } from '../features/queue/queue-store';\nexport const q = useQueueStore;\n")).toBe(1);
    expect(await layers('renderer/data/bad.ts', "import type { Workstation } from '../app/workstation';\nexport type W = Workstation;\n")).toBe(1);
    expect(
      await layers('renderer/audio/bad.ts', "import { getSoftphone } from '../features/softphone/softphone-instance';\nexport const g = getSoftphone;\n"),
    ).toBe(1);
  });

  it('the catalogue may name a feature union as a type only', async () => {
    expect(await layers('renderer/i18n/fine.ts', "import type { CallPhase } from '../features/softphone/softphone-state';\nexport type P = CallPhase;\n")).toBe(
      0,
    );
    expect(
      await layers('renderer/i18n/bad.ts', "import { SoftphoneService } from '../features/softphone/softphone-service';\nexport const s = SoftphoneService;\n"),
    ).toBe(1);
  });

  it('the app may import any feature and shared hooks', async () => {
    expect(
      await layers(
        'renderer/app/fine.tsx',
        "import { QueueScreen } from '../features/queue/queue-screen';\nimport { useFocusOnMount } from '../ui/use-focus-on-mount';\nexport const x = [QueueScreen, useFocusOnMount];\n",
      ),
    ).toBe(0);
  });
});

describe('one home for UI text: renderer/i18n/ (STYLE.md)', () => {
  it('a Chinese string, template or JSX text outside the catalogue fails lint', async () => {
    expect(await cjk('renderer/features/queue/bad.ts', "export const t = '已保存';\n")).toBe(1);
    expect(await cjk('renderer/features/queue/bad.ts', 'export const t = (n: number) => `共 ${n} 件`;\n')).toBe(1);
    expect(await cjk('renderer/app/bad.tsx', 'export const e = <p>退出登录</p>;\n')).toBe(1);
    // Full-width punctuation is text too.
    expect(await cjk('renderer/ui/bad.ts', "export const t = (a: string) => a + '：';\n")).toBe(1);
  });

  it('the catalogue, comments and ASCII text pass', async () => {
    expect(await cjk('renderer/i18n/fine.ts', "export const t = '已保存';\n")).toBe(0);
    expect(await cjk('renderer/features/queue/fine.ts', "// 标准件 is computed elsewhere\nexport const t = 'Forbidden (monitor grant expired)';\n")).toBe(0);
  });
});
