/**
 * Turns zod validation issues into bilingual sentences a data clerk can act on. Zod's own messages
 * are English-only and technical; this keeps the wording in one place.
 */

import type { z } from 'zod';
import type { Message } from './message';

type Issue = z.core.$ZodIssue;

const TYPE_ZH: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: '是/否',
  object: '对象',
  array: '列表',
  date: '日期',
};

/** Bilingual explanation of one zod issue; `value` is what was found at the issue's path. */
export function describeIssue(issue: Issue, value: unknown): Message {
  switch (issue.code) {
    case 'invalid_type': {
      if (value === undefined || value === null) return { zh: '必填项缺失', en: 'required value is missing' };
      const expected = String(issue.expected);
      return { zh: `类型错误，应为${TYPE_ZH[expected] ?? expected}`, en: `wrong type, expected ${expected}` };
    }
    case 'too_small': {
      const min = String(issue.minimum);
      if (issue.origin === 'string') return { zh: '不能为空', en: 'must not be empty' };
      if (issue.origin === 'array') return { zh: `至少需要${min}项`, en: `needs at least ${min} item(s)` };
      const bound = issue.inclusive ? '≥' : '>';
      return { zh: `数值应${bound}${min}`, en: `must be ${bound} ${min}` };
    }
    case 'too_big': {
      const max = String(issue.maximum);
      if (issue.origin === 'string') return { zh: `长度不能超过${max}个字符`, en: `at most ${max} characters` };
      if (issue.origin === 'array') return { zh: `最多${max}项`, en: `at most ${max} item(s)` };
      const bound = issue.inclusive ? '≤' : '<';
      return { zh: `数值应${bound}${max}`, en: `must be ${bound} ${max}` };
    }
    case 'invalid_value': {
      const allowed = issue.values.map(String).join(' / ');
      return { zh: `取值无效，可选值：${allowed}`, en: `invalid value, allowed: ${allowed}` };
    }
    case 'invalid_union': {
      if ('discriminator' in issue && issue.discriminator) {
        return { zh: `“${issue.discriminator}”取值无效`, en: `unknown "${issue.discriminator}" value` };
      }
      return { zh: '格式不符合任何允许的形式', en: 'does not match any allowed form' };
    }
    case 'invalid_format':
      return { zh: `格式错误（${issue.format}）`, en: `wrong format (${issue.format})` };
    case 'not_multiple_of':
      return { zh: `应为${String(issue.divisor)}的整数倍`, en: `must be a multiple of ${String(issue.divisor)}` };
    case 'unrecognized_keys':
      return { zh: `无法识别的字段：${issue.keys.join('、')}`, en: `unknown field(s): ${issue.keys.join(', ')}` };
    case 'custom': {
      const zh = issue.params && typeof issue.params.zh === 'string' ? issue.params.zh : issue.message;
      return { zh, en: issue.message };
    }
    default:
      return { zh: `数据无效：${issue.message}`, en: issue.message };
  }
}
