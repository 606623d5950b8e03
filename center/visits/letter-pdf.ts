import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { DEFAULT_SCRIPT, renderText, stepApplies, ANSWER_LABELS } from '../../shared/domain/script';
import type { PolicyCase } from '../../shared/domain/case';

/** Debian's fonts-wqy-microhei (installed on the centre hosts and in CI): pdfkit's own fonts have no CJK glyphs. */
export const DEFAULT_LETTER_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
const FONT_FAMILY = 'WenQuanYiMicroHei';

/** Fails with the path and the package to install when the configured CJK font is missing. */
export function checkLetterFont(path: string): string | undefined {
  if (existsSync(path)) return undefined;
  return `letter font ${path} not found: install fonts-wqy-microhei or set the centre's letterFontPath`;
}

/**
 * The written questionnaire for one policy: the same regulatory and product questions the phone
 * script asks (docs/domain.md §4–5), chosen with the same `appliesWhen` predicates, so the
 * returned answers can be classified by the same outcome scheme.
 */
export function letterQuestions(c: PolicyCase, companyName: string): { id: string; text: string }[] {
  const ctx = { companyName, staffNo: '', identityConfirmed: true };
  return DEFAULT_SCRIPT.steps
    .filter((s) => s.kind === 'question' && s.section !== 'identity' && s.section !== 'contact' && stepApplies(s, c))
    .map((s) => ({ id: s.id, text: renderText(s.text, c, ctx) }));
}

/** One printable PDF: per case a page with the letter and its questionnaire (more pages only if it overflows). */
export async function buildLetterPdf(cases: readonly PolicyCase[], opts: { companyName: string; fontPath: string; today: string }): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, autoFirstPage: false, info: { Title: 'Letter call-back' } });
  doc.registerFont(FONT_FAMILY, opts.fontPath, FONT_FAMILY);
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const choices = `□${ANSWER_LABELS.yes}  □${ANSWER_LABELS.no}  □${ANSWER_LABELS.unclear}`;
  for (const c of cases) {
    doc.addPage().font(FONT_FAMILY);
    doc.fontSize(16).text(`${opts.companyName} 保单回访函`, { align: 'center' }).moveDown();
    doc.fontSize(11).text(`尊敬的 ${c.policyholder.name}：`).moveDown(0.5);
    doc.text(`我们多次致电未能与您取得联系。为保障您的权益，请您亲自阅读并填写以下问卷，签名后寄回。保单号：${c.policyNo}；产品：${c.product.name}。`);
    doc.moveDown();
    letterQuestions(c, opts.companyName).forEach((q, i) => {
      doc
        .text(`${i + 1}. ${q.text}`)
        .text(choices, { indent: 18 })
        .moveDown(0.4);
    });
    doc.moveDown().text('投保人签名：__________________    日期：______________');
    doc.fontSize(9).text(`回访函编号 ${c.policyNo} · ${opts.today}`, { align: 'right' });
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
