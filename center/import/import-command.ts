import { readFileSync, writeFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { common, err, loadMapping, out, storeConfig } from '../cli-io';
import { DEFAULT_LIMITS } from '../center-context';
import { localToday } from '../store/clock';
import { openStore } from '../store/open-store';
import { importFile } from './import-file';

/** `center import FILE …`: imports an extracted list from the command line (progress on stderr, summary on stdout). */
export async function runImport(args: string[], usage: (problem: string) => number): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...common, report: { type: 'string' }, actor: { type: 'string' }, 'max-mb': { type: 'string' } },
  });
  const file = positionals[0];
  if (!file) return usage('import needs a file');
  const maxBytes = Number(values['max-mb'] ?? DEFAULT_LIMITS.maxUploadBytes / 1048576) * 1048576;
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    err(`import: cannot read ${file}`);
    return 1;
  }
  if (size > maxBytes) {
    err(`import: ${file} is ${size} bytes, over the limit of ${maxBytes} (--max-mb)`);
    return 1;
  }
  const opened = await openStore(storeConfig(values));
  if (!opened.ok) {
    err(opened.message);
    return 1;
  }
  try {
    const result = await importFile(opened.store, {
      bytes: readFileSync(file),
      fileName: basename(file),
      actor: values.actor ?? 'cli',
      mapping: loadMapping(values.mapping),
      today: values.today ?? localToday(),
      maxRows: DEFAULT_LIMITS.maxImportRows,
      maxBytes,
      onProgress: (p) => err(`import: ${p.phase} ${p.done}/${p.total}`),
    });
    if (!result.ok) {
      err(`import failed: ${result.error.message.zh} / ${result.error.message.en}`);
      return 1;
    }
    const r = result.value.report;
    if (values.report) writeFileSync(values.report, JSON.stringify(r, null, 1));
    for (const row of r.rows.filter((x) => x.outcome === 'rejected').slice(0, 20)) {
      err(`  line ${row.line} rejected: ${(row.problems ?? []).map((p) => `${p.field}: ${p.message.zh}`).join('; ')}`);
    }
    out({
      event: 'imported',
      file: r.fileName,
      format: r.format,
      encoding: r.encoding,
      total: r.total,
      counts: r.counts,
      flagged: r.flagged,
      report: values.report ?? null,
    });
    return 0;
  } finally {
    await opened.store.close();
  }
}
