/** zh-CN text of the sync feature. */
export const syncMessages = {
  offline: (pending: number) => `离线工作中：案件中心暂时无法连接，${pending} 条结果等待上传`,
  pendingOnline: (pending: number) => `正在上传 ${pending} 条结果…`,
  rejected: (n: number) => `${n} 条结果被案件中心拒收，请联系组长`,
} as const;
