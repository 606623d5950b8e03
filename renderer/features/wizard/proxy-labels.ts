import type { AuthorisedProxy } from '../../../shared/domain/script/authorised-proxy';
import { messages } from '../../i18n/messages';

// The text lives in the catalogue (messages.wizard.proxyWho / proxySummary); this module stays
// only while the visit controller still imports it from here.

/** One line for the outcome screen and the session note: 授权家属代答：李小红（子女，投保人听力障碍）. */
export function proxySummary(p: AuthorisedProxy): string {
  return messages.wizard.proxySummary(p);
}
