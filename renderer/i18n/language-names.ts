/** zh-CN names of the languages and dialects the centre routes cases by (codes as the centre stores them). */
const NAMES: Readonly<Record<string, string>> = {
  mandarin: '普通话',
  cantonese: '粤语',
  sichuanese: '四川话',
  minnan: '闽南语',
  shanghainese: '上海话',
  hakka: '客家话',
};

/** The zh-CN name of a language code; an unknown code is shown as it is. */
export function languageName(code: string): string {
  return NAMES[code] ?? code;
}

/** True when the policyholder is called in a language other than Mandarin (the dialect badge). */
export function isDialect(code: string | null | undefined): code is string {
  return typeof code === 'string' && code !== '' && code !== 'mandarin';
}
