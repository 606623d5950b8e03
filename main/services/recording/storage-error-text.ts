/**
 * Turns a file-system error into a reason an agent can read (zh-CN), with the code kept for
 * support staff. Disk full and permission problems are the ones agents meet.
 */
export function storageErrorText(err: unknown): string {
  const code = (err as { code?: string } | null)?.code ?? '';
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return `磁盘空间不足，录音无法保存（${code}）。请立即联系组长或技术支持，清理空间前不得拨打新电话。`;
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return `没有写入录音目录的权限，录音无法保存（${code}）。请联系技术支持。`;
    case 'EIO':
      return `磁盘读写错误，录音无法保存（${code}）。请联系技术支持。`;
    default: {
      const message = err instanceof Error ? err.message : String(err);
      return `录音保存失败：${message}`;
    }
  }
}
