import { describe, expect, it } from 'vitest';
import { electronChooseSavePath } from '../../../main/electron/save-dialog';
import { dialog } from '../../mocks/electron';

/** README "Recording exports": in Electron the person chooses where the one copy goes, before it is downloaded. */
describe('the export save dialog (Electron adapter)', () => {
  it('offers the suggested WebM name, answers the chosen path, and null when cancelled', async () => {
    const choose = electronChooseSavePath(() => null);
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/home/qa/copy.webm' });
    expect(await choose('huifang-s1-EX-1.webm')).toBe('/home/qa/copy.webm');
    expect(dialog.showSaveDialog).toHaveBeenLastCalledWith({ defaultPath: 'huifang-s1-EX-1.webm', filters: [{ name: 'WebM', extensions: ['webm'] }] });
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    expect(await choose('x.webm')).toBeNull();
  });
});
