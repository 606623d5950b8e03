import type { AttemptResult } from './softphone-api';

const LABELS: Record<AttemptResult, string> = {
  wrong_number: '空号/号码错误',
  unavailable: '暂时无法接通（关机/不在服务区）',
  busy: '忙线',
  declined: '拒接',
  no_answer: '无人接听',
  network: '网络/线路故障',
  cancelled: '已取消',
};

/** zh-CN label of an attempt result. */
export function attemptLabel(attempt: AttemptResult): string {
  return LABELS[attempt];
}
