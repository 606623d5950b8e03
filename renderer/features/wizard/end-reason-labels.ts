import type { EndReason } from '../../../shared/domain/script/script-definition';

/** zh-CN names of why a call ended before the script's last step (wizard, live board). */
export const END_REASON_LABELS: Readonly<Record<EndReason, string>> = {
  not_policyholder: '非投保人本人',
  no_such_person: '查无此人',
  identity_mismatch: '身份信息不符',
  busy: '客户正忙',
  driving_or_meeting: '客户开车或开会',
  denies_purchase: '否认购买',
  unwilling: '不愿接受回访',
  declines_knows_rights: '了解权益，拒绝回访',
  hung_up: '客户挂断',
  line_dropped: '通话掉线',
  language_barrier: '语言不通',
  hard_of_hearing: '听力障碍',
};

/** The label of `reason`, or the code itself when it is one this desk does not know (newer script). */
export function endReasonLabel(reason: string): string {
  return (END_REASON_LABELS as Record<string, string>)[reason] ?? reason;
}
