import { ALTERNATIVE_SCHEME } from '../../../shared/domain/outcome/alternative-scheme';
import { DEFAULT_SCHEME } from '../../../shared/domain/outcome/default-scheme';
import type { OutcomeCategory, OutcomeKind } from '../../../shared/domain/outcome/outcome-scheme';

const SCHEMES = [DEFAULT_SCHEME, ALTERNATIVE_SCHEME];

/**
 * The kinds of one category in the scheme a classification was made under (the default scheme
 * when the id is unknown), in the scheme's order: most severe first.
 */
export function schemeKinds(schemeId: string, category: OutcomeCategory): readonly OutcomeKind[] {
  const scheme = SCHEMES.find((s) => s.id === schemeId) ?? DEFAULT_SCHEME;
  return scheme.kinds.filter((k) => k.category === category);
}
