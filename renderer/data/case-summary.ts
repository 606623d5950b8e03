import { maskName } from '../../shared/domain/masking';
import type { AssignedCase } from '../../shared/sync';
import type { CacheCipher } from './cache-cipher';
import { nameTokens, type NameTokenMemo } from './name-tokens';
import type { CaseSummary } from './records';

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** Age in completed years of someone born `birth` on `on` (both YYYY-MM-DD). */
function ageOn(birth: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  return on.slice(5) >= birth.slice(5) ? years : years - 1;
}

/**
 * Works out a case's queue summary from its (plain) data while it is still in memory, before the
 * data is sealed: masked name, name key, name tokens, product, age and recorded-sale facts. Reads
 * the raw data defensively (no full parse: a pull may carry 50 000 cases). Cases summarised
 * together share one `memo` of name tokens (see `NameTokenMemo`).
 */
export async function summariseCase(cipher: CacheCipher, data: AssignedCase['data'], now: Date, memo?: NameTokenMemo): Promise<CaseSummary> {
  const d = data as {
    policyholder?: { name?: unknown; birthDate?: unknown };
    product?: { name?: unknown };
    branch?: { code?: unknown };
    dates?: { application?: unknown };
    recordedSale?: unknown;
  };
  const name = str(d.policyholder?.name) ?? '';
  const birth = str(d.policyholder?.birthDate);
  const onDate = str(d.dates?.application) ?? now.toISOString().slice(0, 10);
  const [nameKey, tokens] = await Promise.all([cipher.nameKey(name), nameTokens(cipher, name, memo)]);
  return {
    holderName: maskName(name),
    nameKey,
    nameTokens: tokens,
    productName: str(d.product?.name) ?? '',
    age60: birth !== undefined && ageOn(birth, onDate) >= 60,
    recordedSale: d.recordedSale === true,
    ...(str(d.branch?.code) ? { branchCode: str(d.branch?.code) } : {}),
  };
}
