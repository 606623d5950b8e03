import { caseViewMessages as t } from './case-view-messages';

/**
 * A personal or financial value that stays masked until the identity step is passed
 * (个人信息保护法 第51条; DOMAIN.md §4: never reveal policy details to anyone else).
 */
export function MaskedValue({ value, masked, revealed }: { value: string; masked: string; revealed: boolean }) {
  if (revealed) return <span data-masked="false">{value}</span>;
  return (
    <span data-masked="true" aria-label={`${masked} ${t.maskedLabel}`} title={t.masked}>
      {masked}
    </span>
  );
}
