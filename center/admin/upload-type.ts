import { syncError, type SyncError } from '../../shared/sync';

/** Leading bytes of files people upload by mistake instead of a list, with what to say about each. */
const KNOWN_WRONG: readonly { magic: number[]; zh: string; en: string }[] = [
  { magic: [0x25, 0x50, 0x44, 0x46], zh: 'PDF 文件', en: 'a PDF file' },
  { magic: [0xd0, 0xcf, 0x11, 0xe0], zh: '旧版 Excel/Word 文件（.xls/.doc）', en: 'an old Office file (.xls/.doc)' },
  { magic: [0x89, 0x50, 0x4e, 0x47], zh: 'PNG 图片', en: 'a PNG image' },
  { magic: [0xff, 0xd8, 0xff], zh: 'JPEG 图片', en: 'a JPEG image' },
  { magic: [0x47, 0x49, 0x46, 0x38], zh: 'GIF 图片', en: 'a GIF image' },
  { magic: [0x1f, 0x8b], zh: 'gzip 压缩包', en: 'a gzip archive' },
  { magic: [0x52, 0x61, 0x72, 0x21], zh: 'RAR 压缩包', en: 'a RAR archive' },
  { magic: [0x37, 0x7a, 0xbc, 0xaf], zh: '7z 压缩包', en: 'a 7z archive' },
];

const ACCEPTED_EXTENSIONS = new Set(['csv', 'txt', 'xlsx']);

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

/**
 * Refuses, before anything is read or stored, an upload that is not a list: a name ending in
 * another extension, or content that is plainly something else (a PDF, an image, an old .xls, an
 * archive, or a UTF-16 or binary file — CSV in UTF-8 or GBK never holds a NUL byte). An XLSX is a
 * ZIP and passes; what is inside is the import's business.
 */
export function refuseWrongFileType(fileName: string, bytes: Uint8Array): SyncError | undefined {
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(fileName)?.[1]?.toLowerCase();
  const isZip = startsWith(bytes, [0x50, 0x4b]);
  const wrong = KNOWN_WRONG.find((k) => startsWith(bytes, k.magic));
  const hint = { zh: '请上传 CSV（UTF-8 或 GBK）或 .xlsx 文件', en: 'upload a CSV (UTF-8 or GBK) or an .xlsx file' };
  if (wrong)
    return syncError('unsupported_media_type', { zh: `上传的是${wrong.zh}，不是清单：${hint.zh}`, en: `the upload is ${wrong.en}, not a list; ${hint.en}` });
  if (ext !== undefined && !ACCEPTED_EXTENSIONS.has(ext)) {
    return syncError('unsupported_media_type', { zh: `不支持 .${ext} 文件：${hint.zh}`, en: `.${ext} files are not lists; ${hint.en}` });
  }
  if (ext === 'xlsx' && !isZip && bytes.length > 0) {
    return syncError('unsupported_media_type', {
      zh: `文件名是 .xlsx，内容却不是 Excel 工作簿：${hint.zh}`,
      en: `named .xlsx but not an Excel workbook; ${hint.en}`,
    });
  }
  if (!isZip && bytes.subarray(0, 8192).includes(0)) {
    return syncError('unsupported_media_type', {
      zh: `文件含二进制内容（或为 UTF-16 编码）：${hint.zh}`,
      en: `the file holds binary data (or is UTF-16); ${hint.en}`,
    });
  }
  return undefined;
}
