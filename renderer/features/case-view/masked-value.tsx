import { messages } from '../../i18n/messages';

/**
 * A personal or financial value that stays masked until the identity step is passed
 * (个人信息保护法 第51条; docs/domain.md §4: never reveal policy details to anyone else).
 */
export function MaskedValue({ value, masked, revealed }: { value: string; masked: string; revealed: boolean }) {
  if (revealed) return <span data-masked="false">{value}</span>;
  return (
    <span data-masked="true" aria-label={`${masked} ${messages.caseView.maskedLabel}`} title={messages.caseView.masked}>
      {masked}
    </span>
  );
}
