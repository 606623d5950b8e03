import type { AgentStatus, PauseReason } from '../features/agent-status/agent-status-store';

/** zh-CN text of the agent-status feature. */
export const agentStatusMessages = {
  label: '坐席状态',
  status: {
    signed_out: '未登录',
    ready: '就绪',
    paused: '示忙',
    in_call: '通话中',
    wrap_up: '话后整理',
  } satisfies Record<AgentStatus, string>,
  reasons: {
    break: '小休',
    meal: '用餐',
    training: '培训',
    meeting: '会议',
    coaching: '辅导',
    system: '系统故障',
  } satisfies Record<PauseReason, string>,
  pause: '示忙',
  resume: '恢复就绪',
  reasonLabel: '示忙原因',
  timeInStatus: '本状态时长',
  shortcutPause: 'F8 示忙/就绪',
} as const;
