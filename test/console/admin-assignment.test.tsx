import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { rememberSession } from '../../console/api/client';
import { AssignmentScreen } from '../../console/features/admin/assignment-screen';
import { getCaseRow } from '../../center/store/cases-repo';
import type { TestCenter } from '../center/support/in-process-center';
import { prepared, seedAssignedCases } from '../center/support/seed';
import { consoleOnRealCentre } from './support/real-centre';

let center: TestCenter | undefined;
const SLOW = { timeout: 10_000 };

// README "Web console" → administration: the assignment overview by team, agent and language, with reassignment.
describe('assignment overview', () => {
  afterEach(async () => {
    cleanup();
    vi.unstubAllGlobals();
    rememberSession(null);
    await center?.close();
    center = undefined;
  });

  it('a line of the overview opens its cases, and one moved to another agent of the team is theirs at the centre and in the counts', async () => {
    center = await consoleOnRealCentre();
    await seedAssignedCases(
      center.context.store,
      [prepared('PL00000501', { language: 'cantonese' }), prepared('PL00000502', { language: 'cantonese' })],
      '1002',
    );
    render(<AssignmentScreen />);
    const line = (await screen.findByText('坐席乙（1002）', undefined, SLOW)).closest('tr')!;
    expect(within(line).getByText('粤语')).toBeTruthy();
    expect(within(line).getByText('2')).toBeTruthy();
    fireEvent.click(within(line).getByText('查看并改派'));
    const drawer = await screen.findByRole('dialog', undefined, SLOW);
    await within(drawer).findByText('PL00000501', undefined, SLOW);
    fireEvent.mouseDown(within(drawer).getByLabelText('改派给 PL00000501'));
    fireEvent.click(await screen.findByTitle('坐席甲（1001）', undefined, SLOW));
    fireEvent.click(within(drawer.querySelector('tr[data-row-key="PL00000501"]') as HTMLElement).getByText(/改\s*派/, { selector: 'button span' }));
    await waitFor(async () => expect((await getCaseRow(center!.context.store.db, 'PL00000501'))?.assigned_to).toBe('1001'), SLOW);
    await screen.findByText('坐席甲（1001）', { selector: 'td' }, SLOW);
  }, 60_000);
});
