import type { ExportStatus, Role } from '../../shared/sync';

/** zh-CN names of the centre's roles (the department head approves recording exports, docs/domain.md §9). */
const ROLE_NAMES: Readonly<Record<Role, string>> = {
  agent: '坐席',
  team_lead: '组长',
  qa: '质检',
  admin: '管理员',
  dept_head: '部门负责人',
  branch: '分支机构回访负责人',
};

const STATUS_NAMES: Readonly<Record<ExportStatus, string>> = {
  pending: '待审批',
  approved: '已批准，可下载',
  refused: '已拒绝',
  downloading: '下载中',
  downloaded: '已下载',
  expired: '已过期',
};

/** zh-CN text of recording exports (调取录音副本): request, approval, the one download. */
export const exportMessages = {
  roles: ROLE_NAMES,
  statuses: STATUS_NAMES,
  request: '申请导出',
  requestFor: (policy: string) => `申请导出录音：${policy}`,
  requestHint: '录音不得复制或转发；导出须部门负责人书面批准，批准后限时下载一次，文件带有申请人与审批编号水印。',
  reason: '申请理由（必填）',
  reasonMissing: '请填写申请理由（至少 4 个字）。',
  submit: '提交申请',
  cancel: '取消',
  submitted: (id: string) => `已提交导出申请 ${id}，等待部门负责人审批。`,
  notArchived: '只有已归档到中心且有录音的通话可以申请导出。',
  panelTitle: '录音导出',
  mineTitle: '我的导出申请',
  mineEmpty: '暂无导出申请。',
  pendingTitle: '待审批的录音导出申请',
  pendingEmpty: '暂无待审批的申请。',
  screenTitle: '录音导出审批',
  validUntil: (at: string) => `有效期至 ${at}`,
  sessionLabel: (agent: string, at: string, team: string) => `坐席 ${agent} · ${at} · ${team} 组`,
  requestedBy: (name: string, staffNo: string, at: string) => `申请人 ${name}（${staffNo}） · ${at}`,
  reasonLine: (reason: string) => `理由：${reason}`,
  comment: '审批意见（拒绝时必填）',
  commentFor: (id: string) => `对 ${id} 的审批意见`,
  approve: '批准',
  refuse: '拒绝',
  refuseNeedsComment: '拒绝须填写审批意见。',
  decided: (id: string, approved: boolean) => (approved ? `已批准 ${id}。` : `已拒绝 ${id}。`),
  decisionComment: (who: string, comment: string) => `审批人 ${who}：${comment}`,
  download: '下载',
  downloadFor: (id: string) => `下载导出 ${id}`,
  saved: (path: string) => `已保存到 ${path}。该导出已使用，不能再次下载。`,
  offered: (name: string) => `已开始下载 ${name}。该导出已使用，不能再次下载。`,
  cancelled: '已取消保存，导出仍可在有效期内下载。',
  offline: (why: string) => `无法连接案件中心：${why}`,
  refused: (why: string) => `操作未完成：${why}`,
  refresh: '刷新',
  loading: '正在加载…',
} as const;
