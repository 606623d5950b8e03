import type { FieldSpec } from './column-mapping';
import { parseDate } from './parse-date';

/**
 * Converts one cell to the schema's type. A value that cannot be converted is passed through as
 * text, so the shared case schema reports it with field, value and reason (one place for
 * messages); `undefined` means "empty cell".
 */
export function convertCell(spec: FieldSpec, raw: unknown): unknown {
  if (raw === null || raw === undefined) return undefined;
  if (typeof raw === 'string' && raw.trim() === '') return undefined;
  const text = raw instanceof Date ? raw.toISOString() : String(raw).trim();
  switch (spec.kind) {
    case 'text':
      return typeof raw === 'number' ? String(raw) : text;
    case 'number': {
      if (typeof raw === 'number') return raw;
      const n = Number(text.replace(/[,，\s]/g, '').replace(/元$/, ''));
      return Number.isFinite(n) && text !== '' ? n : text;
    }
    case 'int': {
      const n = typeof raw === 'number' ? raw : Number(text.replace(/[年天日\s]/g, ''));
      return Number.isFinite(n) ? n : text;
    }
    case 'date':
      return parseDate(raw) ?? text;
    case 'bool': {
      if (typeof raw === 'boolean') return raw;
      const v = spec.values?.[text] ?? text.toLowerCase();
      return v === 'true' ? true : v === 'false' ? false : text;
    }
    case 'enum':
      return spec.values?.[text] ?? text;
    case 'term':
      return parseTerm(raw, text);
    case 'phones':
      return text.split(/[;,，；/、\s]+/).filter((p) => p !== '');
  }
}

/** 保险期间 text: `20年`, `终身`, `至70岁`/`保至70周岁`, `6个月`, `365天`, or a bare number of years. */
export function parseTerm(raw: unknown, text: string): unknown {
  if (typeof raw === 'number') return { unit: 'years', value: raw };
  const t = text.replace(/\s/g, '');
  if (/^(终身|保终身)$/.test(t)) return { unit: 'whole_life' };
  let m = /^(?:保)?至(\d{1,3})(?:周)?岁$/.exec(t);
  if (m) return { unit: 'to_age', value: Number(m[1]) };
  m = /^(\d{1,3})年$/.exec(t) ?? /^(\d{1,3})$/.exec(t);
  if (m) return { unit: 'years', value: Number(m[1]) };
  m = /^(\d{1,3})(?:个)?月$/.exec(t);
  if (m) return { unit: 'months', value: Number(m[1]) };
  m = /^(\d{1,4})[天日]$/.exec(t);
  if (m) return { unit: 'days', value: Number(m[1]) };
  return text;
}
