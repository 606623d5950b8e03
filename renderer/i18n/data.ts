/** zh-CN text the local data layer puts in front of the agent (cache key, outbox refusals, phone corrections). */
export const dataMessages = {
  cacheKeyLength: '本机缓存密钥长度不对 (cache key must be 32 bytes)',
  notSealed: (table: string, key: string) => `本机缓存记录格式不对（${table}/${key}） (not a sealed value)`,
  doesNotOpen: (table: string, key: string) => `本机缓存记录无法解密（${table}/${key}：密钥不符或记录被改动） (sealed value does not open)`,
  noCacheKey: (detail: string) => `无法取得本机缓存密钥，为保护客户个人信息，工作台暂不能使用。请联系管理员。（${detail}）`,
  rejectedByCenter: '案件中心拒收',
  notProtocol: (where: string, issue: string) => `记录格式不符合同步协议（${where || '整体'}：${issue}）`,
  notDialable: (problem: string) => `号码无法拨打：${problem}`,
  needCorrectionReason: '请填写更正原因',
} as const;
