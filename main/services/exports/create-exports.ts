import { writeFile } from 'node:fs/promises';
import type { ExportRow } from '../../../shared/sync';
import type { ResponseOf } from '../../../shared/ipc/contract';
import type { IpcRouter } from '../../ipc/ipc-router';
import type { ClientError, ClientResult } from '../center/client-error';
import type { CenterLinkService } from '../center-link/center-link-service';
import type { ArchiveEndpoint } from '../archive/archive-centre';
import { workstationName } from '../archive/workstation-name';
import { nodeRecordingFs } from '../recording/recording-fs';
import { httpExportCentre, type ExportCentre } from './export-centre';

/**
 * Where an export is saved: Electron asks with its save dialog (null: cancelled). Absent on the web
 * host, whose browser offers the bytes as a download instead.
 */
type ChooseSavePath = (suggestedName: string) => Promise<string | null>;

type Download = ResponseOf<'export:download'>;

/** Why a listed export is not downloadable now, in the person's words (docs/domain.md §9). */
const NOT_NOW: Readonly<Record<Exclude<ExportRow['status'], 'approved'>, string>> = {
  pending: '该申请尚未审批，不能下载。',
  refused: '该申请已被拒绝，不能下载。',
  downloading: '该导出正在下载中。',
  downloaded: '该导出已下载过：每次审批只能下载一份。',
  expired: '该导出已过有效期，请重新申请。',
};

function answer(error: ClientError): { kind: 'offline'; message: string } | { kind: 'refused'; code: string; message: string } {
  const offline = error.code === 'network' || error.code === 'timeout';
  return offline ? { kind: 'offline', message: error.message.zh } : { kind: 'refused', code: error.code, message: error.message.zh };
}

/**
 * Downloads the one copy of export `id`: only an approved, unexpired one of the signed-in person
 * (checked against the centre's list first, so no dialog opens for a copy that cannot come). In
 * Electron the save dialog comes *before* the download — cancelling it uses nothing up; the file is
 * written where chosen (mode 0600). On the web host the bytes go to the browser.
 */
async function downloadExport(centre: ExportCentre, id: string, choose: ChooseSavePath | undefined): Promise<Download> {
  const mine = await centre.mine();
  if (!mine.ok) return answer(mine.error);
  const row = mine.value.find((r) => r.id === id);
  if (!row) return { kind: 'refused', code: 'not_found', message: '没有这个导出申请，或它不是您提出的。' };
  if (row.status !== 'approved') return { kind: 'refused', code: row.status, message: NOT_NOW[row.status] };
  const suggested = `huifang-${row.sessionId}-${row.id}.webm`;
  const target = choose ? await choose(suggested) : null;
  if (choose && target === null) return { kind: 'cancelled' };
  const got = await centre.download(id);
  if (!got.ok) return answer(got.error);
  if (target === null) return { kind: 'offer', fileName: got.value.fileName, base64: got.value.bytes.toString('base64') };
  try {
    await writeFile(target, got.value.bytes, { mode: 0o600 });
  } catch (err) {
    return { kind: 'refused', code: 'write_failed', message: `导出已下载但无法写入所选位置：${(err as Error).message}` };
  }
  return { kind: 'saved', path: target, bytes: got.value.bytes.length };
}

/** The centre's export endpoints for whoever is signed in over `link`. */
export async function linkedExportCentre(link: CenterLinkService, dataDir: string): Promise<ExportCentre> {
  async function endpoint(): Promise<ClientResult<ArchiveEndpoint>> {
    const r = await link.archiveEndpoint();
    if (r.kind === 'ok') return { ok: true, value: r.value };
    const message = { zh: r.message, en: r.message };
    return { ok: false, error: r.kind === 'offline' ? { code: 'network', message } : { code: 'unauthenticated', message } };
  }
  return httpExportCentre({ endpoint, workstation: await workstationName(dataDir, nodeRecordingFs()) });
}

/** Registers `export:*` (README "Recording exports"). */
export function registerExports(router: IpcRouter, centre: ExportCentre, chooseSavePath: ChooseSavePath | undefined): void {
  const rows = (r: ClientResult<ExportRow[]>) => (r.ok ? { kind: 'ok' as const, items: r.value } : answer(r.error));
  const row = (r: ClientResult<ExportRow>) => (r.ok ? { kind: 'ok' as const, row: r.value } : answer(r.error));
  router.register({
    'export:request': async (req) => row(await centre.request(req.sessionId, req.reason)),
    'export:mine': async () => rows(await centre.mine()),
    'export:pending': async () => rows(await centre.pending()),
    'export:decide': async (req) => row(await centre.decide(req.exportId, req.decision, req.comment ?? '')),
    'export:download': (req) => downloadExport(centre, req.exportId, chooseSavePath),
  });
}
