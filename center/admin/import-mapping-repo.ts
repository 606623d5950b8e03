import { importMappingSchema, type ImportMapping, type ImportMappingView } from '../../shared/sync';
import { mergeMapping, type ColumnMapping } from '../import/column-mapping';
import type { Store } from '../store/open-store';
import { getSetting } from '../store/settings-repo';

const KEY = 'import_mapping';
const EMPTY: ImportMapping = { columns: {}, values: {}, defaults: {} };

/** The mapping an administrator saved in the console (empty when none, or when what is stored no longer parses). */
export async function readSavedMapping(store: Store): Promise<ImportMapping> {
  const raw = await getSetting(store, KEY);
  if (raw === undefined) return EMPTY;
  try {
    const parsed = importMappingSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : EMPTY;
  } catch {
    return EMPTY;
  }
}

/** Field keys of `saved` that the base mapping does not know (a typo would otherwise be silently ignored). */
export function unknownMappingFields(saved: ImportMapping, base: ColumnMapping): string[] {
  return mergeMapping(saved, base).unknownFields;
}

/** Stores the saved part (the caller validated it and audits the change). */
export async function writeSavedMapping(store: Store, saved: ImportMapping): Promise<void> {
  const value = JSON.stringify(saved);
  await store.db
    .insertInto('settings')
    .values({ key: KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

/** What the import reads with: the centre's mapping (defaults plus any --mapping file) extended by the saved part. */
export async function effectiveMapping(store: Store, base: ColumnMapping): Promise<ColumnMapping> {
  return mergeMapping(await readSavedMapping(store), base).mapping;
}

/** The mapping as the console shows it: the saved part and every field the import will read. */
export async function mappingView(store: Store, base: ColumnMapping): Promise<ImportMappingView> {
  const saved = await readSavedMapping(store);
  const mapping = mergeMapping(saved, base).mapping;
  return {
    saved,
    fields: Object.entries(mapping.fields).map(([key, spec]) => ({ key, kind: spec.kind, headers: spec.headers, values: spec.values ?? {} })),
    defaults: mapping.defaults,
  };
}
