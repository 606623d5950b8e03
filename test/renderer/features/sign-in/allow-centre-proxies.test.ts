import { afterEach, describe, expect, it, vi } from 'vitest';
import { allowCentreProxies } from '../../../../renderer/features/sign-in/allow-centre-proxies';
import { fakeHandlers } from '../../../setup/fake-huifang';

describe('the centre’s SIP proxies allowed before sign-in (README → SIP accounts from the centre)', () => {
  afterEach(() => sessionStorage.clear());

  it('a proxy the page’s CSP does not allow yet: the page loads once more before anyone signs in', async () => {
    fakeHandlers.set('softphone:checkProxies', () => ({ reload: true }));
    const reload = vi.fn();
    void allowCentreProxies(reload);
    await vi.waitFor(() => expect(reload).toHaveBeenCalledTimes(1));
  });

  it('a second reload within a minute is not tried (no loop); sign-in goes ahead', async () => {
    fakeHandlers.set('softphone:checkProxies', () => ({ reload: true }));
    sessionStorage.setItem('huifang.proxyReloadAt', String(Date.now() - 5000));
    const reload = vi.fn();
    await allowCentreProxies(reload);
    expect(reload).not.toHaveBeenCalled();
  });

  it('nothing new, or a host that cannot say: sign-in goes ahead without a reload', async () => {
    const reload = vi.fn();
    fakeHandlers.set('softphone:checkProxies', () => ({ reload: false }));
    await allowCentreProxies(reload);
    fakeHandlers.set('softphone:checkProxies', () => {
      throw new Error('host down');
    });
    await allowCentreProxies(reload);
    expect(reload).not.toHaveBeenCalled();
  });
});
