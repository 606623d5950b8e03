import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { StoreConfig } from './store/open-store';
import { mergeMapping, DEFAULT_MAPPING, type ColumnMapping, type MappingConfig } from './import/column-mapping';

/** What every `center/cli.ts` command shares: one JSON line out, human lines on stderr, where the data lives. */
export const out = (obj: unknown) => process.stdout.write(`${JSON.stringify(obj)}\n`);
export const err = (text: string) => process.stderr.write(`${text}\n`);

export const dataDir = (data: string | undefined) => resolve(data ?? '.huifang-data/center');

export function storeConfig(values: { data?: string; 'db-url'?: string }): StoreConfig {
  const url = values['db-url'] ?? process.env.HUIFANG_CENTER_DB_URL;
  // A schema of its own lets several deployments (or test runs) share one database.
  const schema = process.env.HUIFANG_CENTER_DB_SCHEMA;
  if (url) return { engine: 'postgres', url, ...(schema ? { schema } : {}) };
  return { engine: 'sqlite', file: join(dataDir(values.data), 'center.sqlite') };
}

export function loadMapping(file: string | undefined): ColumnMapping {
  if (!file) return DEFAULT_MAPPING;
  const { mapping, unknownFields } = mergeMapping(JSON.parse(readFileSync(file, 'utf8')) as MappingConfig);
  if (unknownFields.length > 0) err(`mapping: unknown field keys ignored: ${unknownFields.join(', ')}`);
  return mapping;
}

export const common = {
  data: { type: 'string' },
  'db-url': { type: 'string' },
  mapping: { type: 'string' },
  today: { type: 'string' },
} as const;
