import { fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionPlayer } from '../../../../renderer/features/review/session-player';
import { useCalibrationTarget } from '../../../../renderer/features/qa/calibration-target';
import { fakeHandlers } from '../../../setup/fake-huifang';
import { installReviewHost, stubObjectUrls } from './fixtures';
import { QA_FORM, SCRIPTED_SESSION } from './scripted-call';

const form = QA_FORM;
const session = SCRIPTED_SESSION;

describe('scoring blind inside a calibration (README "QA evaluations": several QA score them blind)', () => {
  beforeEach(() => {
    stubObjectUrls();
    useCalibrationTarget.getState().set(null);
  });

  it('the call’s earlier score and claim are not shown, and the evaluation goes with the calibration’s id', async () => {
    installReviewHost({ session });
    const submit = vi.fn(() => ({ kind: 'ok', value: { id: 'ev-9', score: 100, passed: true, fatalFailures: [], formVersion: 1 } }));
    fakeHandlers.set('qa:form', () => ({
      kind: 'ok',
      value: {
        call: { sessionId: session.id, policyNo: 'P2026000123', agentId: '1001', team: 'A', scriptId: form.scriptId, scriptVersion: form.scriptVersion },
        form,
        evaluation: { id: 'ev-0', evaluator: '3002', score: 88, passed: true, state: 'submitted' },
        claimedBy: '3002',
      },
    }));
    fakeHandlers.set('qa:submit', submit);
    useCalibrationTarget.getState().set({ calibrationId: 'cal-1', sessionId: session.id });
    render(<SessionPlayer sessionId={session.id} canHold={false} canScore onBack={() => undefined} />);
    const list = await screen.findByRole('listbox', { name: '评分项' }, { timeout: 5000 });
    expect(screen.getByText('校准盲评：本次评分计入校准，不显示他人评分')).toBeInTheDocument();
    expect(screen.queryByText(/3002/)).toBeNull();
    list.focus();
    for (let i = 0; i < form.items.length; i++) fireEvent.keyDown(list, { key: 'p' });
    fireEvent.keyDown(list, { key: 'Enter', ctrlKey: true });
    await screen.findByText('已提交：100 分，合格');
    expect(submit.mock.calls[0]).toEqual([expect.objectContaining({ calibrationId: 'cal-1', sessionId: session.id })]);
  });
});
