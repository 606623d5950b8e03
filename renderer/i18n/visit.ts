import { reviewMessages } from './review';

/** Attempt outcomes in words (the same labels the replay uses). */
const ATTEMPT_WORDS: Readonly<Record<string, string>> = reviewMessages.attempts;

/** zh-CN text of the visit workflow (messages the controller and the workspace show). */
export const visitMessages = {
  cannotOpen: (why: string) => `无法打开案件：${why}`,
  /** Problems of a cached case that does not parse, joined. */
  caseProblems: (problems: readonly string[]) => problems.join('；'),
  problem: (path: string, message: string) => `${path}: ${message}`,
  leaveWhileDialling: '正在拨打，不能返回队列：请先取消呼叫（Esc）',
  leaveBeforeChoice: '请先记录本次拨打结果（数字键选择，Enter 记录）',
  lineBusy: '已有通话进行中，不能再拨打：请先结束当前通话（Ctrl+Shift+H）',
  pausedNoDial: '示忙中不能拨打，请先恢复就绪（F8）',
  noSoftphone: '软电话未就绪，请先配置软电话账号',
  trainingCaseNeedsTrainingLine: '这是培训客户，只能在培训线路上拨打',
  trainingLineOnlyPractice: '本工作台正在使用培训线路，只能拨打培训客户（保单号以 TRAIN- 开头）',
  /** An unreached attempt was recorded: which one, how it counts, and what the case became. */
  /** `closedAs`: the category the case was closed as at the attempt limit (null: still open). */
  attemptRecorded: (policyNo: string, n: number, max: number, outcome: string, closedAs: string | null) =>
    `已记录：${policyNo} 第 ${n} / ${max} 次拨打（${ATTEMPT_WORDS[outcome] ?? outcome}）${closedAs ? `，已达上限，判定为${closedAs}` : '，案件仍在队列中'}`,
  cannotDial: (why: string) => `无法拨出：${why}。本次不计为拨打`,
  cannotReadCarried: (why: string) => `无法读取上次中断通话保留的回答：${why}。本次未拨出，不计为拨打`,
  neverHeard: '接通后始终收不到客户的声音（媒体未建立），按线路故障处理',
  noSession: (why: string) => `无法建立通话记录，不能拨打：${why}`,
  notCounted: '本次拨打无通话记录，未计入拨打次数',
  attemptNotSaved: (why: string) => `拨打结果保存失败，未计入拨打次数：${why}`,
  saveFailed: (why: string) => `保存失败：${why}`,
  overrideReason: (reason: string) => `改判原因：${reason}`,
  /** A caller who matched no case is on the line: the queue is for finding their case. */
  callerOnLine: (masked: string) => `来电 ${masked} 通话中（录音中）：在队列中找到客户的案件，Enter 打开即在本通话中开始回访`,
  callerNoSession: (why: string) => `无法建立通话记录，未接听来电：${why}`,
  callerCaseNotAttached: (why: string) => `无法把本通来电归入该案件：${why}`,
  /** The note kept on the session of a caller whose case was never opened. */
  callerNoCase: '来电未转入回访（未找到或未打开案件）',
  nextOffered: (policyNo: string) => `已保存。下一件：${policyNo}（Enter 打开）`,
} as const;
