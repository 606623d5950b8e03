import type { SyncError } from '../../../shared/sync/errors';
import { csrfHeader, ConsoleApiError } from '../../api/client';
import { messages } from '../../i18n/zh';

/** One line of the import's per-row report (center/import/import-report.ts), as the console reads it. */
export interface ImportReportRow {
  line: number;
  policyNo: string | null;
  outcome: string;
  problems?: { field: string; message: { zh: string } }[];
  reasons?: { zh: string }[];
  flags?: string[];
}

export interface ImportReportView {
  fileName: string;
  total: number;
  counts: Record<string, number>;
  unmappedHeaders: string[];
  rows: ImportReportRow[];
}

/** Where an upload is: the bytes going up (the browser's count), then the centre's phases (its NDJSON lines). */
export type UploadProgress = { stage: 'upload'; pct: number } | { stage: 'centre'; phase: string; done: number; total: number };

type Envelope = { ok: true; value: ImportReportView; reportId?: string } | { ok: false; error: SyncError };
type Line =
  | { event: 'progress'; phase: string; done: number; total: number }
  | { event: 'done'; ok: true; value: ImportReportView; reportId: string }
  | { event: 'done'; ok: false; error: SyncError };

/**
 * Sends the file as the raw request body (POST /api/admin/import?progress=1) through XMLHttpRequest,
 * whose upload events give the bytes sent; the centre then answers one JSON line per phase and a
 * last line with the report, read as they arrive. Resolves with the report and the id of its kept
 * copy (the XLSX download), or rejects with the centre's own message.
 */
export function uploadList(file: File, onProgress: (p: UploadProgress) => void): Promise<{ report: ImportReportView; reportId: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/admin/import?progress=1');
    xhr.withCredentials = true;
    for (const [k, v] of Object.entries(csrfHeader())) xhr.setRequestHeader(k, v);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    let seen = 0;
    const lines = (): Line[] => {
      const text = xhr.responseText;
      const end = text.lastIndexOf('\n');
      if (end < seen) return [];
      const fresh = text.slice(seen, end);
      seen = end + 1;
      return fresh.split('\n').flatMap((l) => {
        try {
          return l.trim() ? [JSON.parse(l) as Line] : [];
        } catch {
          return [];
        }
      });
    };
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress({ stage: 'upload', pct: Math.round((e.loaded / e.total) * 100) });
    };
    xhr.onprogress = () => {
      for (const l of lines()) if (l.event === 'progress') onProgress({ stage: 'centre', phase: l.phase, done: l.done, total: l.total });
    };
    xhr.onerror = () => reject(new ConsoleApiError('network', messages.errors.network, 0));
    xhr.onload = () => {
      // A refusal before the import started (wrong type, too big, not an admin) is one ordinary envelope.
      const text = xhr.responseText.endsWith('\n') ? xhr.responseText : `${xhr.responseText}\n`;
      const all = text
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => {
          try {
            return JSON.parse(l) as Envelope;
          } catch {
            return null;
          }
        });
      const last = all[all.length - 1];
      if (!last) return reject(new ConsoleApiError('bad_answer', messages.errors.badAnswer(xhr.status), xhr.status));
      if (last.ok && last.reportId) return resolve({ report: last.value, reportId: last.reportId });
      if (last.ok === false) return reject(new ConsoleApiError(last.error.code, last.error.message.zh, xhr.status));
      reject(new ConsoleApiError('bad_answer', messages.errors.badAnswer(xhr.status), xhr.status));
    };
    xhr.send(file);
  });
}
