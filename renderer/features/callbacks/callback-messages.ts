/** zh-CN text of callbacks. */
export const callbackMessages = {
  book: '预约回呼（Alt+B）',
  title: '预约回呼',
  when: '回呼时间',
  owner: '由谁回呼',
  mine: '我本人',
  anyone: '组内任何人',
  note: '备注（如客户方便的时段）',
  override: '超出截止日期的原因',
  problems: {
    invalid: '请填写有效的日期和时间',
    past: '回呼时间必须晚于现在',
    after_deadline: '回呼时间晚于回访截止日，请填写原因后才能预约',
  },
  due: (policyNo: string, name: string) => `预约回呼到期：${policyNo} ${name}`,
  notificationTitle: '回访预约回呼到期',
  cancel: '取消预约',
} as const;
