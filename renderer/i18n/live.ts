import type { LiveCallPhase, LiveStatus } from '../../shared/sync';
import { wizardMessages } from './wizard';

/** zh-CN text of the team lead's live board (坐席实时监控). */
export const liveMessages = {
  title: '坐席实时监控',
  open: '坐席监控（F10）',
  back: '返回工作台（Esc）',
  table: '坐席实时状态',
  loading: '正在读取坐席状态…',
  empty: '本组没有在岗坐席',
  failed: (reason: string) => `无法读取坐席状态：${reason}`,
  updated: (time: string) => `更新于 ${time}`,
  shortcuts: '↑↓ 选择坐席 · L 监听所选通话中的坐席（W 耳语 · B 强插） · 实时刷新（另每 10 秒轮询） · Esc 停止监听/返回',
  columns: { staff: '工号', name: '姓名', status: '状态', policy: '当前保单', call: '通话', question: '当前问题', answer: '上一答案' },
  status: { ready: '就绪', paused: '示忙', in_call: '通话中', wrap_up: '话后整理' } satisfies Record<LiveStatus, string>,
  signedOut: '未登录',
  stale: '离线/未上报',
  callPhase: { dialling: '拨号中', ringing: '振铃中', connected: '通话中', held: '保持中' } satisfies Record<LiveCallPhase, string>,
  pauseReasons: { break: '小休', meal: '用餐', training: '培训', meeting: '会议', coaching: '辅导', system: '系统故障' } as Record<string, string>,
  alertsRegion: '提醒',
  alertRegulatory: (who: string, step: string, answer: string) => `${who}：监管问题「${step}」答「${answer}」`,
  alertLongCall: (who: string, time: string) => `${who}：通话已 ${time}`,
  alertLongWrapUp: (who: string, time: string) => `${who}：话后整理已 ${time}`,
  alertLongPause: (who: string, time: string) => `${who}：示忙已 ${time}`,
  alertRecordingFailed: (who: string) => `${who}：本通电话录音失败，请立即处理`,
  alertDeadlineRisk: (who: string, policyNo: string, deadline: string) => `${who}：保单 ${policyNo} 回访期限 ${deadline} 临近`,
  answerNo: '否',
  answerUnclear: '不清楚',
  longWrapUp: '整理超过 2 分钟',
  longPause: '示忙超过 15 分钟',
  scriptEnded: '话术已结束',
  scriptEndedWith: (reason: string) => `话术已结束，结束原因：${wizardMessages.endReasonLabel(reason)}`,
  team: (team: string) => `（${team}）`,
  /** How the masked policyholder is addressed on the board (张*先生). */
  titles: { male: '先生', female: '女士' } as Record<string, string>,
  endReason: (reason: string) => `结束原因：${wizardMessages.endReasonLabel(reason)}`,
  /** The same step count the agent's script shows. */
  questionNo: (n: number, total: number | undefined) => (total ? `第 ${n} / ${total} 步` : `第 ${n} 步`),
  none: '—',
} as const;
