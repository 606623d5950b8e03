import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { makeResidentId } from '../../../shared/domain/resident-id';

/** Default-mapping headers of a typical core-system export. */
export const HEADERS = [
  '保单号',
  '险种代码',
  '险种名称',
  '险种类型',
  '险种大类',
  '保险期间',
  '缴费方式',
  '缴费频率',
  '缴费年限',
  '保费',
  '保额',
  '销售渠道',
  '机构代码',
  '机构名称',
  '业务员代码',
  '业务员姓名',
  '业务员电话',
  '投保人姓名',
  '投保人性别',
  '投保人出生日期',
  '投保人证件号码',
  '投保人电话',
  '投保日期',
  '承保日期',
  '打印日期',
  '回执签收日期',
  '回执录入日期',
  '回执核销日期',
  '回访组',
  '方言',
];

/** A valid row (synthetic person; resident ID with area code 999999 and a valid checksum). */
export function row(i: number, over: Partial<Record<string, string | number | Date>> = {}): (string | number | Date)[] {
  const base: Record<string, string | number | Date> = {
    保单号: `PL${String(i).padStart(8, '0')}`,
    险种代码: 'TL20',
    险种名称: '测试终身寿险',
    险种类型: '传统',
    险种大类: '寿险',
    保险期间: '20年',
    缴费方式: '期交',
    缴费频率: '年交',
    缴费年限: 10,
    保费: '5,000',
    保额: 100000,
    销售渠道: '个险',
    机构代码: 'B001',
    机构名称: '测试分公司',
    业务员代码: 'A001',
    业务员姓名: '王测试',
    业务员电话: '13800000999',
    投保人姓名: `测试客户${String(i).padStart(4, '0')}`,
    投保人性别: '男',
    投保人出生日期: '1980年5月20日',
    投保人证件号码: makeResidentId('1980-05-20', 'male', i),
    投保人电话: `139${String(i).padStart(8, '0')}`,
    投保日期: '2026/3/2',
    承保日期: '20260303',
    打印日期: 46085,
    回执签收日期: '2026年3月6日',
    回执录入日期: '2026-03-09',
    回执核销日期: '2026.3.9',
    回访组: 'A',
    方言: '普通话',
    ...over,
  };
  return HEADERS.map((h) => base[h] ?? '');
}

function csvCell(v: string | number | Date): string {
  const s = v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV text of the rows. */
export function csvText(rows: (string | number | Date)[][], headers = HEADERS): string {
  return [headers, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export const utf8Csv = (rows: (string | number | Date)[][], headers?: string[]) => Buffer.from(csvText(rows, headers), 'utf8');
export const gbkCsv = (rows: (string | number | Date)[][], headers?: string[]) => iconv.encode(csvText(rows, headers), 'gbk');

/** XLSX bytes of the rows (Date values become date cells). */
export async function xlsxBytes(rows: (string | number | Date)[][], headers = HEADERS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('清单');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
