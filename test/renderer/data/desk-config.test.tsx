import 'fake-indexeddb/auto';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { refreshDeskConfig } from '../../../renderer/data/desk-config';
import { readSetting, writeSetting } from '../../../renderer/data/settings-repo';
import { DEFAULT_CALLING_HOURS } from '../../../shared/domain/calling-hours';
import { fakeHandlers } from '../../setup/fake-huifang';
import { assigned, freshDb, policy } from './test-db';
import { startWorkflow } from './workflow-harness';

describe('desk settings from the centre', () => {
  it('are stored in the cache when the centre answers and kept as they were when it does not', async () => {
    const db = freshDb();
    expect(await readSetting(db, 'companyName')).toBe('示例人寿保险股份有限公司');
    expect(await readSetting(db, 'inboundCallers')).toBe('case');
    fakeHandlers.set('center:deskConfig', () => ({ kind: 'ok', config: { companyName: '华安人寿保险股份有限公司', maxAttempts: 5, inboundCallers: 'any' } }));
    expect(await refreshDeskConfig(db)).toBe(true);
    expect([await readSetting(db, 'companyName'), await readSetting(db, 'maxAttempts'), await readSetting(db, 'inboundCallers')]).toEqual([
      '华安人寿保险股份有限公司',
      5,
      'any',
    ]);
    fakeHandlers.set('center:deskConfig', () => ({ kind: 'offline', message: '无法连接案件中心' }));
    expect(await refreshDeskConfig(db)).toBe(false);
    expect(await readSetting(db, 'companyName')).toBe('华安人寿保险股份有限公司');
  });

  it('the calling hours the centre set are cached (they hold offline); hours this desk cannot read leave the cached ones', async () => {
    const db = freshDb();
    expect(await readSetting(db, 'callingHours')).toEqual(DEFAULT_CALLING_HOURS);
    const callingHours = {
      ...DEFAULT_CALLING_HOURS,
      regions: [{ id: 'xj', name: '新疆', branchPrefixes: ['8665'], phonePrefixes: [], start: '10:00', end: '22:00' }],
    };
    const config = { companyName: '华安人寿保险股份有限公司', maxAttempts: 3, calendarYears: {} };
    fakeHandlers.set('center:deskConfig', () => ({ kind: 'ok', config: { ...config, callingHours } }));
    expect(await refreshDeskConfig(db)).toBe(true);
    expect(await readSetting(db, 'callingHours')).toEqual(callingHours);
    fakeHandlers.set('center:deskConfig', () => ({ kind: 'ok', config: { ...config, callingHours: { ...callingHours, timeZone: 'Mars/Base' } } }));
    expect(await refreshDeskConfig(db)).toBe(true);
    expect(await readSetting(db, 'callingHours')).toEqual(callingHours);
  });

  it('the script says the company name the centre set', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P8000000001' }))]);
    await writeSetting(flow.db, 'companyName', '华安人寿保险股份有限公司');
    await flow.user.keyboard('{Enter}');
    await screen.findByRole('listbox', { name: '联系电话' });
    await flow.user.keyboard('d');
    await screen.findByRole('region', { name: '回访话术' });
    await flow.user.keyboard('1{Enter}');
    expect(await screen.findByText(/我是华安人寿保险股份有限公司的客户服务代表/)).toBeInTheDocument();
  });
});
