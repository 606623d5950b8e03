import { powerSaveBlocker } from 'electron';
import type { DisplayKeeper } from '../services/host-capabilities';

/** Keeps the display awake through Electron's powerSaveBlocker. */
export function electronDisplayKeeper(): DisplayKeeper {
  return {
    keepAwake() {
      const id = powerSaveBlocker.start('prevent-display-sleep');
      return () => {
        if (powerSaveBlocker.isStarted(id)) powerSaveBlocker.stop(id);
      };
    },
  };
}
