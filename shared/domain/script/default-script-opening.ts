/**
 * The opening of the default script (docs/domain.md §5.1–§5.3): identity, greeting and consent,
 * with the reactions the seed scripts name at each (not the policyholder, busy, driving, what for,
 * denies buying, unwilling). The regulatory questions follow in `default-script.ts`.
 */

import type { ScriptStep } from './script-definition';

export const OPENING_STEPS: readonly ScriptStep[] = [
  {
    id: 'identity',
    section: 'identity',
    kind: 'question',
    text: '您好！请问是{policyholderTitle}吗？',
    mandatory: true,
    answers: ['yes'],
    topic: 'identity',
    source: '基本服务规定 第15条(一); docs/domain.md §4, §5.1',
    branches: [
      {
        code: 'who_is_calling',
        label: '询问来电身份',
        line: '您好，我是{companyName}的客服人员，我们正在做一个公司形象调查，请问{policyholderTitle}现在方便接听电话吗？',
        effect: 'stay',
      },
      {
        code: 'not_policyholder',
        label: '非投保人本人',
        line: '请问{policyholderTitle}有其他联系电话吗？您看我什么时间联系{policyholderTitle}比较方便？好的，谢谢您，再见！',
        effect: 'end',
        endReason: 'not_policyholder',
      },
      {
        // docs/domain.md §4: the one recorded exception to "only the policyholder".
        code: 'authorised_family',
        label: '授权家属代答（听力/语言障碍）',
        line: '好的，由于{policyholderTitle}不便亲自接听，经{policyholderTitle}同意由您代为回答。本次通话全程录音，请您如实转述{policyholderTitle}的情况。',
        effect: 'proxy',
      },
      { code: 'no_such_person', label: '查无此人', line: '抱歉打扰您了，再见！', effect: 'end', endReason: 'no_such_person' },
      {
        code: 'identity_mismatch',
        label: '身份信息不符',
        line: '抱歉，我们核对资料后再与您联系，打扰您了，再见！',
        effect: 'end',
        endReason: 'identity_mismatch',
      },
    ],
  },
  {
    id: 'greeting',
    section: 'greeting',
    kind: 'statement',
    text: '您好！我是{companyName}的客户服务代表，工号{staffNo}。',
    mandatory: false,
    source: 'docs/domain.md §5.2',
  },
  {
    id: 'consent',
    section: 'purpose',
    kind: 'question',
    text: '感谢您于{applicationDate}在{sellerPlace}购买了我公司{premiumAmount}元的{productName}。为了更好地维护您的权益，我们想对您做一个简短的电话回访，通话将会录音，请问您现在方便吗？',
    mandatory: true,
    answers: ['yes'],
    topic: 'consent',
    source: 'docs/domain.md §5.3; 保险销售行为管理办法 第35条',
    branches: [
      { code: 'what_for', label: '询问回访目的', line: '只是与您核对几个简单的信息，很快就可以结束。', effect: 'stay' },
      {
        code: 'busy',
        label: '客户不便（预约回呼）',
        line: '抱歉打扰您了，您看什么时间再联系您方便呢？好的，非常感谢，到时再联系您。',
        effect: 'end',
        endReason: 'busy',
      },
      {
        code: 'driving_or_meeting',
        label: '开车/开会',
        line: '抱歉打扰了，到时再联系您，再见！',
        effect: 'end',
        endReason: 'driving_or_meeting',
      },
      {
        code: 'denies_purchase',
        label: '否认购买',
        line: '您已于{applicationDate}在{sellerPlace}购买了我公司{premiumAmount}元的{productName}，您的保单已经生效。',
        effect: 'stay_once_then_end',
        endReason: 'denies_purchase',
        endLine: '好的，我们核实清楚后再与您联系，感谢您的接听，再见！',
      },
      {
        code: 'unwilling',
        label: '不愿接受回访',
        line: '电话回访是我公司为了维护您的权益而开展的一项服务，让您了解所购买产品的条款内容及相关权益，不会占用您太长时间，希望能得到您的配合，您看可以吗？',
        effect: 'stay_once_then_end',
        endReason: 'unwilling',
        endLine: '好的，那就不打扰您了，感谢您的接听，再见！',
      },
      {
        code: 'declines_knows_rights',
        label: '已知权益拒绝回访',
        line: '既然您已经清楚保单权益，不需要本次电话服务，那我们就不打扰了，感谢您的接听，再见！',
        effect: 'end',
        endReason: 'declines_knows_rights',
      },
    ],
  },
];
