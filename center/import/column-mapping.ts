/**
 * Column mapping: which file header feeds which case field, and how text values map to the
 * schema's codes. Every centre's core system names columns a little differently, so the default
 * (Chinese headers as commonly exported) can be extended by a JSON file:
 *
 *   { "columns": { "policyNo": ["保单号", "POLICY_NO"] },
 *     "values":  { "channel.kind": { "银邮": "bancassurance" } },
 *     "defaults": { "meta.team": "A" } }
 *
 * Field keys are dotted paths into the shared PolicyCase, plus `meta.*` for centre-only data
 * (team, language/dialect, case kind, month of a returned case).
 */
export type FieldKind = 'text' | 'number' | 'int' | 'date' | 'bool' | 'enum' | 'term' | 'phones';

export interface FieldSpec {
  readonly kind: FieldKind;
  readonly headers: readonly string[];
  /** For `enum`: file text → schema code (codes themselves are accepted too). */
  readonly values?: Readonly<Record<string, string>>;
}

export interface ColumnMapping {
  readonly fields: Readonly<Record<string, FieldSpec>>;
  readonly defaults: Readonly<Record<string, unknown>>;
}

const yesNo = { 是: 'true', 否: 'false', Y: 'true', N: 'false', y: 'true', n: 'false', '1': 'true', '0': 'false' };
const gender = { 男: 'male', 女: 'female', M: 'male', F: 'female' };
const idType = {
  身份证: 'resident_id',
  居民身份证: 'resident_id',
  护照: 'passport',
  港澳通行证: 'hk_macao_permit',
  港澳居民来往内地通行证: 'hk_macao_permit',
  台胞证: 'taiwan_permit',
  台湾居民来往大陆通行证: 'taiwan_permit',
  外国人永久居留证: 'foreign_permanent_resident',
  军官证: 'military',
  出生证明: 'birth_certificate',
  统一社会信用代码: 'unified_social_credit_code',
  其他: 'other',
};

/** The default mapping: Chinese headers of a typical core-system list export. */
export const DEFAULT_MAPPING: ColumnMapping = {
  fields: {
    policyNo: { kind: 'text', headers: ['保单号', '保单号码', '合同号'] },
    'product.code': { kind: 'text', headers: ['险种代码', '产品代码'] },
    'product.name': { kind: 'text', headers: ['险种名称', '产品名称'] },
    'product.design': {
      kind: 'enum',
      headers: ['险种类型', '设计类型'],
      values: {
        传统: 'traditional',
        传统型: 'traditional',
        分红: 'dividend',
        分红型: 'dividend',
        万能: 'universal',
        万能型: 'universal',
        投连: 'investment_linked',
        投资连结: 'investment_linked',
      },
    },
    'product.line': { kind: 'enum', headers: ['险种大类', '险类'], values: { 寿险: 'life', 人寿: 'life', 健康险: 'health', 健康: 'health' } },
    'product.longTermHealth': { kind: 'bool', headers: ['长期健康险'], values: yesNo },
    term: { kind: 'term', headers: ['保险期间', '保障期限'] },
    'premium.mode': { kind: 'enum', headers: ['缴费方式'], values: { 趸交: 'single', 趸缴: 'single', 期交: 'regular', 期缴: 'regular' } },
    'premium.frequency': {
      kind: 'enum',
      headers: ['缴费频率', '交费频率'],
      values: {
        年交: 'annual',
        年缴: 'annual',
        半年交: 'semiannual',
        半年缴: 'semiannual',
        季交: 'quarterly',
        季缴: 'quarterly',
        月交: 'monthly',
        月缴: 'monthly',
      },
    },
    'premium.paymentYears': { kind: 'int', headers: ['缴费年限', '交费年期'] },
    'premium.amount': { kind: 'number', headers: ['保费', '期交保费', '保险费'] },
    'premium.sumInsured': { kind: 'number', headers: ['保额', '基本保额'] },
    'premium.nextDueDate': { kind: 'date', headers: ['下期应缴日', '下次缴费日'] },
    'channel.kind': {
      kind: 'enum',
      headers: ['销售渠道', '渠道'],
      values: { 个险: 'agency', 银保: 'bancassurance', 银邮: 'bancassurance', 电销: 'telesales', 网销: 'internet', 互联网: 'internet', 经代: 'broker' },
    },
    'channel.bank': { kind: 'text', headers: ['银行', '代理银行'] },
    'channel.outlet': { kind: 'text', headers: ['网点', '银行网点'] },
    'branch.code': { kind: 'text', headers: ['机构代码', '管理机构代码'] },
    'branch.name': { kind: 'text', headers: ['机构名称', '管理机构'] },
    'agent.code': { kind: 'text', headers: ['业务员代码', '代理人代码'] },
    'agent.name': { kind: 'text', headers: ['业务员姓名', '代理人姓名'] },
    'agent.phone': { kind: 'text', headers: ['业务员电话', '代理人电话'] },
    'agent.idNumber': { kind: 'text', headers: ['业务员证件号码'] },
    'policyholder.kind': { kind: 'enum', headers: ['投保人类型'], values: { 个人: 'individual', 单位: 'organisation', 团体: 'organisation' } },
    'policyholder.name': { kind: 'text', headers: ['投保人姓名', '投保人'] },
    'policyholder.gender': { kind: 'enum', headers: ['投保人性别'], values: gender },
    'policyholder.birthDate': { kind: 'date', headers: ['投保人出生日期'] },
    'policyholder.idType': { kind: 'enum', headers: ['投保人证件类型'], values: idType },
    'policyholder.idNumber': { kind: 'text', headers: ['投保人证件号码', '投保人身份证号'] },
    'policyholder.phones': { kind: 'phones', headers: ['投保人电话', '投保人手机', '联系电话', '手机号码'] },
    'policyholder.address': { kind: 'text', headers: ['联系地址', '投保人地址'] },
    'policyholder.postcode': { kind: 'text', headers: ['邮编', '邮政编码'] },
    'insured.relationship': {
      kind: 'enum',
      headers: ['与投保人关系', '被保人与投保人关系'],
      values: { 本人: 'self', 配偶: 'spouse', 子女: 'child', 父母: 'parent', 其他: 'other' },
    },
    'insured.name': { kind: 'text', headers: ['被保人姓名', '被保险人姓名'] },
    'insured.gender': { kind: 'enum', headers: ['被保人性别'], values: gender },
    'insured.birthDate': { kind: 'date', headers: ['被保人出生日期'] },
    'insured.idType': { kind: 'enum', headers: ['被保人证件类型'], values: idType },
    'insured.idNumber': { kind: 'text', headers: ['被保人证件号码'] },
    'dates.application': { kind: 'date', headers: ['投保日期'] },
    'dates.underwriting': { kind: 'date', headers: ['承保日期'] },
    'dates.print': { kind: 'date', headers: ['打印日期', '保单打印日期'] },
    'dates.receiptSigned': { kind: 'date', headers: ['回执签收日期', '回执签署日期'] },
    'dates.receiptEntered': { kind: 'date', headers: ['回执录入日期'] },
    'dates.receiptWrittenOff': { kind: 'date', headers: ['回执核销日期', '回销日期'] },
    recordedSale: { kind: 'bool', headers: ['双录', '是否双录'], values: yesNo },
    coolingOffDays: { kind: 'int', headers: ['犹豫期天数', '犹豫期'] },
    'meta.team': { kind: 'text', headers: ['回访组', '坐席组', '团队'] },
    'meta.language': {
      kind: 'enum',
      headers: ['方言', '语言'],
      values: { 普通话: 'mandarin', 粤语: 'cantonese', 四川话: 'sichuanese', 闽南语: 'minnan', 上海话: 'shanghainese', 客家话: 'hakka' },
    },
    'meta.kind': {
      kind: 'enum',
      headers: ['回访类型', '件类型'],
      values: { 新契约: 'new', 新单: 'new', 核实件: 'verification', 退回件: 'returned', 问题件: 'returned', 次标准件: 'returned' },
    },
    'meta.returnMonth': { kind: 'text', headers: ['退回月份'] },
  },
  defaults: {
    'policyholder.kind': 'individual',
    'policyholder.idType': 'resident_id',
    'insured.relationship': 'self',
    recordedSale: false,
    'product.longTermHealth': false,
    'meta.team': 'A',
    'meta.language': 'mandarin',
    'meta.kind': 'new',
  },
};

/** A mapping config file's shape (all parts optional). */
export interface MappingConfig {
  columns?: Record<string, string[]>;
  values?: Record<string, Record<string, string>>;
  defaults?: Record<string, unknown>;
}

/** Extends the default mapping with a centre's config; unknown field keys are reported. */
export function mergeMapping(config: MappingConfig, base: ColumnMapping = DEFAULT_MAPPING): { mapping: ColumnMapping; unknownFields: string[] } {
  const fields: Record<string, FieldSpec> = { ...base.fields };
  const unknownFields: string[] = [];
  for (const [key, headers] of Object.entries(config.columns ?? {})) {
    const spec = fields[key];
    if (!spec) unknownFields.push(key);
    else fields[key] = { ...spec, headers: [...headers, ...spec.headers] };
  }
  for (const [key, values] of Object.entries(config.values ?? {})) {
    const spec = fields[key];
    if (!spec) unknownFields.push(key);
    else fields[key] = { ...spec, values: { ...spec.values, ...values } };
  }
  return { mapping: { fields, defaults: { ...base.defaults, ...config.defaults } }, unknownFields };
}
