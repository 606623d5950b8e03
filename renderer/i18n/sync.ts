/** zh-CN text of the sync feature. */
export const syncMessages = {
  offline: (pending: number) => `离线工作中：案件中心暂时无法连接，${pending} 条记录等待上传`,
  pendingOnline: (pending: number) => `正在上传 ${pending} 条记录…`,
  archiveWaiting: (sessions: number, bytes: number) => `${sessions} 个通话录音待归档（${(bytes / 1048576).toFixed(1)} MB）`,
  rejected: (n: number) => `${n} 条记录被案件中心拒收，请联系组长`,
  showDetails: '查看明细',
  signInFirst: '请先登录',
  nothingConfirmed: '案件中心未确认任何记录',
  hideDetails: '收起明细',
  rejectedListLabel: '被拒收的记录',
  kinds: {
    attempt: '拨打记录',
    result: '回访结果',
    session: '签到/示忙记录',
    callback: '预约回呼',
    phone_correction: '号码更正',
    session_archive: '通话录音归档',
  } as Record<string, string>,
} as const;
