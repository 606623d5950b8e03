import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionPlayer } from '../../../../renderer/features/review/session-player';
import { fakeHandlers } from '../../../setup/fake-huifang';
import { controllableAudio, installReviewHost, stubObjectUrls, T0 } from './fixtures';
import { QA_FORM, SCRIPTED_SESSION } from './scripted-call';

const form = QA_FORM;
const session = SCRIPTED_SESSION;

function installQa(evaluation: unknown = null) {
  installReviewHost({ session });
  const submit = vi.fn((req: unknown) => ({ kind: 'ok', value: { id: 'ev-1', score: 97.3, passed: true, fatalFailures: [], formVersion: 1, req } }));
  fakeHandlers.set('qa:form', () => ({
    kind: 'ok',
    value: {
      call: { sessionId: session.id, policyNo: 'P2026000123', agentId: '1001', team: 'A', scriptId: form.scriptId, scriptVersion: form.scriptVersion },
      form,
      evaluation,
      claimedBy: null,
    },
  }));
  fakeHandlers.set('qa:submit', submit);
  return { submit };
}

const items = () => within(screen.getByRole('listbox', { name: '评分项' })).getAllByRole('option');
const row = (label: string) => items().find((o) => o.textContent?.includes(label))!;

describe('QA evaluation beside the player (docs/domain.md §9; 基本服务规定 第15条)', () => {
  beforeEach(() => stubObjectUrls());

  it('the form is pre-filled from the call: regulatory items asked in order are 合格, wording and pace wait for listening, and submit waits for them', async () => {
    installQa();
    render(<SessionPlayer sessionId={session.id} canHold={false} canScore onBack={() => undefined} />);
    await screen.findByRole('listbox', { name: '评分项' }, { timeout: 5000 });
    expect(items()).toHaveLength(form.items.length);
    expect(row('保险责任、责任免除及保险期间')).toHaveTextContent('预填：合格');
    expect(row('保险责任、责任免除及保险期间')).toHaveTextContent('《人身保险业务基本服务规定》第15条第（4）项');
    expect(row('无诱导性问法')).toHaveTextContent('待判定');
    expect(row('确认投保人本人身份')).toHaveTextContent('致命项');
    expect(screen.getByRole('button', { name: '提交评分' })).toBeDisabled();
    expect(screen.getByText(/尚有评分项未判定：问候并报工号、无诱导性问法/)).toBeInTheDocument();
  });

  it('keyboard-first: G jumps the audio to the item, P/F judge and move on, E writes a note, Ctrl+Enter submits the verdicts', async () => {
    const { submit } = installQa();
    const user = userEvent.setup();
    const { container } = render(<SessionPlayer sessionId={session.id} canHold={false} canScore onBack={() => undefined} />);
    const list = await screen.findByRole('listbox', { name: '评分项' }, { timeout: 5000 });
    await waitFor(() => expect(container.querySelector('audio')).not.toBeNull());
    const audio = controllableAudio(container.querySelector('audio')!);
    list.focus();
    await user.keyboard('jjj'); // the coverage item
    await user.keyboard('g');
    const coverage = session.markers.findIndex((m) => m.questionId === 'coverage');
    expect(audio.state.currentTime).toBeCloseTo((session.markers[coverage - 1]!.at - T0) / 1000, 3);
    expect(audio.play).toHaveBeenCalled();
    // Every item confirmed in a run of P presses, then the pace item corrected to 不合格 with a note.
    await user.keyboard('kkk');
    for (let i = 0; i < form.items.length; i++) await user.keyboard('p');
    await user.keyboard('k');
    expect(row('语速适当')).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('f');
    expect(row('语速适当')).toHaveTextContent('不合格');
    await user.keyboard('{ArrowUp}e');
    expect(screen.getByRole('textbox', { name: '语速适当，未机械照读 的备注' })).toHaveFocus();
    await user.keyboard('reads too fast at 01:10');
    await user.keyboard('{Escape}');
    expect(list).toHaveFocus();
    fireEvent.keyDown(list, { key: 'Enter', ctrlKey: true });
    await screen.findByText('已提交：97.3 分，合格');
    const body = submit.mock.calls[0]![0] as { formVersion: number; verdicts: { itemId: string; verdict: string; note?: string }[] };
    expect(body.formVersion).toBe(1);
    expect(body.verdicts).toHaveLength(form.items.length);
    expect(body.verdicts.find((v) => v.itemId === 'pace')).toEqual({ itemId: 'pace', verdict: 'fail', note: 'reads too fast at 01:10' });
    expect(body.verdicts.filter((v) => v.verdict === 'pass')).toHaveLength(form.items.length - 1);
  });

  it('a call already scored outside calibration is shown, not scored again', async () => {
    installQa({ id: 'ev-0', evaluator: '3002', score: 88, passed: true, state: 'submitted' });
    render(<SessionPlayer sessionId={session.id} canHold={false} canScore onBack={() => undefined} />);
    await screen.findByText('该通话已由 3002 评分（88 分），不重复评分', undefined, { timeout: 5000 });
    expect(screen.getByRole('button', { name: '提交评分' })).toBeDisabled();
  });
});
