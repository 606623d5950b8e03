import type { CentreAddress } from '../../../shared/ipc/channels/center-address';
import { messages } from '../../i18n/messages';

const text = messages.centreAddress;

/** Names the centre this desk signs in at, where the address comes from, and offers to enter or change it where allowed. */
export function CentreAddressLine({ address, onChange }: { address: CentreAddress; onChange: () => void }) {
  return (
    <div className="centre-address">
      <p>{address.url ? text.current(address.url) : text.embedded}</p>
      <p className="hint">{text.source[address.source]}</p>
      {address.change === 'fixed' ? null : (
        <button type="button" className="link-button" onClick={onChange}>
          {address.source === 'kept' ? text.change : text.connect}
        </button>
      )}
    </div>
  );
}

/** IT's machine-wide file exists but cannot be used: said on the sign-in screen, never a crash. */
export function MachineFileError({ address }: { address: CentreAddress }) {
  if (!address.machineFileError) return null;
  const { problem, detail } = address.machineFileError;
  return (
    <div className="machine-file-error" role="alert">
      <p className="form-error">{text.machineFileError(address.machineFile, text.machineFileProblem[problem])}</p>
      <p className="hint">{text.technical(detail)}</p>
    </div>
  );
}
