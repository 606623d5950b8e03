import { messages } from '../../i18n/messages';
import type { ExtensionDialler } from './extension-dialler';
import type { ExtensionSnapshot } from './softphone-state';

/**
 * The extension of the number dialled, after answer: it goes out by itself after a pause; until
 * then the agent can change it, send it now or drop it (an operator who answered in person).
 */
export function ExtensionPrompt({ extension, control }: { extension: ExtensionSnapshot; control: Pick<ExtensionDialler, 'edit' | 'sendNow' | 'drop'> }) {
  const text = messages.softphone.extension;
  if (extension.phase !== 'waiting') {
    return (
      <p className="softphone-extension" role="status" data-phase={extension.phase}>
        {text.status[extension.phase](extension.digits)}
      </p>
    );
  }
  return (
    <div role="group" aria-label={text.label} className="softphone-extension">
      <label>
        {text.label}
        <input inputMode="numeric" value={extension.digits} onChange={(e) => control.edit(e.target.value)} aria-describedby="softphone-extension-when" />
      </label>
      <span id="softphone-extension-when">{extension.sendAt === null ? text.paused : text.soon}</span>
      <button type="button" onClick={() => void control.sendNow()}>
        {text.sendNow}
      </button>
      <button type="button" onClick={() => control.drop()}>
        {text.drop}
      </button>
    </div>
  );
}
