import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CalibrationScreen } from '../../../../renderer/features/qa/calibration-screen';
import { CalibrationsToScore } from '../../../../renderer/features/qa/calibrations-to-score';
import { useCalibrationTarget } from '../../../../renderer/features/qa/calibration-target';
import { fakeHandlers } from '../../../setup/fake-huifang';
import { ok } from './fixtures';

const call = (sessionId: string) => ({
  sessionId,
  policyNo: `P${sessionId.slice(-4)}`,
  agentId: '1001',
  team: 'A',
  createdAt: '2026-03-10T02:00:00.000Z',
  outcome: null,
  gapCount: 0,
  reasons: ['problem'],
  claimedBy: null,
});
const calibration = {
  id: 'cal-1',
  lead: '2001',
  team: 'A',
  sessionIds: ['sess-0001', 'sess-0002'],
  reviewers: ['3001', '3002'],
  createdAt: '2026-03-12T01:00:00Z',
};
const spread = {
  calibration,
  items: [
    { itemId: 'pace', compared: 4, disagreements: 1, spread: 0.25 },
    { itemId: 'identity', compared: 4, disagreements: 0, spread: 0 },
  ],
  reviewers: [
    { evaluator: '3001', calls: 2, agreement: 0.962, meanScoreDelta: 2.5, outcomeMismatches: 0 },
    { evaluator: '3002', calls: 2, agreement: 1, meanScoreDelta: 0, outcomeMismatches: 0 },
  ],
  withoutReference: [],
};

function install() {
  fakeHandlers.set('qa:workList', () => ok({ from: '2026-02-01', to: '2026-03-31', items: [call('sess-0001'), call('sess-0002')] }));
  fakeHandlers.set('qa:calibrations', () => ok({ items: [{ ...calibration, scored: ['sess-0001'] }] }));
  const calibrate = vi.fn((req: { sessionIds: string[]; reviewers: string[] }) => ok({ ...calibration, ...req, id: 'cal-2' }));
  fakeHandlers.set('qa:calibrate', calibrate as (payload: unknown) => unknown);
  fakeHandlers.set('qa:spread', () => ok(spread));
  return { calibrate };
}

describe('calibration on the desk (README "QA evaluations": a lead picks calls; several QA score them blind; the spread against the reference)', () => {
  beforeEach(() => useCalibrationTarget.getState().set(null));

  it('the lead picks calls and reviewers; a malformed staff number is named before anything is sent', async () => {
    const { calibrate } = install();
    const user = userEvent.setup();
    render(<CalibrationScreen me="2001" />);
    await user.click(await screen.findByRole('checkbox', { name: /保单 P0002/ }));
    const reviewers = screen.getByRole('textbox', { name: '质检员工号（以逗号分隔）' });
    await user.type(reviewers, '3001，qa7');
    expect(screen.getByText('工号格式不正确：qa7')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '创建校准' })).toBeDisabled();
    await user.clear(reviewers);
    await user.type(reviewers, '3001, 3002');
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(calibrate).toHaveBeenCalledWith({ sessionIds: ['sess-0002'], reviewers: ['3001', '3002'] });
    expect(await screen.findByRole('status')).toHaveTextContent('已创建校准：1 通通话，2 名质检员');
  });

  it('the lead reads the spread per item and per reviewer', async () => {
    install();
    const user = userEvent.setup();
    render(<CalibrationScreen me="2001" />);
    await user.click(await screen.findByRole('button', { name: '查看差异' }));
    const byItem = await screen.findByRole('table', { name: '按评分项' });
    const pace = within(byItem).getByRole('row', { name: /语速适当/ });
    expect(pace).toHaveTextContent('25%');
    const byReviewer = screen.getByRole('table', { name: '按质检员' });
    expect(within(byReviewer).getByRole('row', { name: /3001/ })).toHaveTextContent('96%+2.5');
  });

  it('a reviewer sees only the calls still to score and opens one blind, inside the calibration', async () => {
    install();
    const onOpen = vi.fn();
    const user = userEvent.setup();
    render(<CalibrationsToScore me="3001" onOpen={onOpen} />);
    expect(await screen.findByText('已评 1/2')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '盲评 sess-0001' })).toBeNull();
    await user.click(screen.getByRole('button', { name: '盲评 sess-0002' }));
    expect(onOpen).toHaveBeenCalledWith('sess-0002');
    expect(useCalibrationTarget.getState().target).toEqual({ calibrationId: 'cal-1', sessionId: 'sess-0002' });
  });
});
