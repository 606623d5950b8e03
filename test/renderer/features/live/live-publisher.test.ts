import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeCase } from '../../../../shared/domain/fixtures';
import { DEFAULT_SCRIPT } from '../../../../shared/domain/script/default-script';
import { liveStateSchema, type LiveState } from '../../../../shared/sync';
import { useAgentStatusStore, type AgentStatus, type PauseReason } from '../../../../renderer/features/agent-status/agent-status-store';
import { startLivePublisher, type LiveVisitFeed, type PublishAnswer } from '../../../../renderer/features/live/live-publisher';
import type { LiveInputs } from '../../../../renderer/features/live/live-snapshot';
import { resetSoftphoneStore, useSoftphoneStore } from '../../../../renderer/features/softphone/softphone-store';
import { useWizardStore } from '../../../../renderer/features/wizard/wizard-store';

const HOLDER = '欧阳明华';
const INSURED = '钱小被保';
const SELLER = '赵销售员';
const PHONE = '13912345678';
const ADDRESS = '测试省测试市测试区幸福路88号';

/** A case full of personal data that must never reach the board. */
const policy = makeCase({
  policyNo: 'P2026000777',
  policyholder: { name: HOLDER, gender: 'female', phones: [PHONE], address: ADDRESS },
  insured: { relationship: 'child', name: INSURED },
  agent: { code: 'A009', name: SELLER, phone: '13800000999' },
});

let sent: LiveState[] = [];
let answer: PublishAnswer = 'sent';
const publish = vi.fn(async (s: LiveState) => {
  sent.push(s);
  return answer;
});

/** The visit workflow as the app feeds it to the publisher. */
const ON_QUEUE: LiveInputs['visit'] = { screen: 'queue', policyNo: null, kind: null, dialling: false, call: null };
let visit = ON_QUEUE;
const visitListeners = new Set<() => void>();
const visitFeed: LiveVisitFeed = {
  read: () => visit,
  subscribe(listener) {
    visitListeners.add(listener);
    return () => visitListeners.delete(listener);
  },
};
function setVisit(next: LiveInputs['visit']) {
  visit = next;
  for (const l of visitListeners) l();
}

/** Puts the agent in `status` through the store's own actions (示忙/就绪 by the agent, the rest by the visit). */
function setStatus(status: AgentStatus, reason: PauseReason | null = null) {
  const st = useAgentStatusStore.getState();
  if (status === 'signed_out') return st.signOut();
  if (!st.signedIn) st.signIn();
  if (status === 'in_call' || status === 'wrap_up') return st.setWork(status);
  st.setWork(null);
  st.resume();
  if (status === 'paused') st.pause(reason ?? 'break');
}

const running: { stop(): void }[] = [];
function start() {
  const p = startLivePublisher({ visit: visitFeed, context: () => ({ companyName: '某某人寿', staffNo: '1001' }), publish });
  running.push(p);
  return p;
}

/** The agent opened the case, dialled, and the customer answered: the script begins. */
function connectCall() {
  setVisit({
    screen: 'wizard',
    policyNo: policy.policyNo,
    kind: null,
    dialling: false,
    call: { startedAt: new Date().toISOString(), answeredAt: Date.now(), endedAt: null },
  });
  setStatus('in_call');
  useWizardStore.getState().begin(DEFAULT_SCRIPT, policy, null);
}

/** Answers 是 (or acknowledges) until the script ends, letting the publisher run after each step. */
async function runWholeScript() {
  for (let i = 0; i < 60; i++) {
    const s = useWizardStore.getState().script;
    if (!s || s.phase === 'finished' || s.phase === 'broken_off') return;
    const step = s.steps[s.index];
    if (step.kind === 'question') useWizardStore.getState().choose('yes');
    useWizardStore.getState().confirm('请先选择');
    await vi.advanceTimersByTimeAsync(300);
  }
}

describe('live publisher (the desk side of the team lead board)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
    answer = 'sent';
    publish.mockClear();
    useAgentStatusStore.getState().signOut();
    useAgentStatusStore.getState().signIn();
    visit = ON_QUEUE;
    visitListeners.clear();
    useWizardStore.getState().reset();
    resetSoftphoneStore();
  });
  afterEach(() => {
    for (const p of running.splice(0)) p.stop();
    vi.useRealTimers();
  });

  it('publishes the current state at once, then each change: status, case, call phase, script step and last answer', async () => {
    const p = start();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ status: 'ready', pauseReason: null, case: null, call: null, script: null });
    connectCall();
    await vi.advanceTimersByTimeAsync(300);
    const inCall = sent.at(-1)!;
    expect(inCall).toMatchObject({
      status: 'in_call',
      case: { policyNo: 'P2026000777', kind: 'new' },
      call: { phase: 'connected' },
      script: { stepId: 'identity', stepIndex: 1, lastAnswer: null },
    });
    expect(inCall.script?.questionText).toBe('您好！请问是欧**华女士吗？');
    useWizardStore.getState().choose('yes');
    useWizardStore.getState().confirm('请先选择');
    await vi.advanceTimersByTimeAsync(300);
    expect(sent.at(-1)!.script).toMatchObject({
      stepIndex: 2,
      questionText: '您好！我是某某人寿的客户服务代表，工号1001。',
      lastAnswer: { stepId: 'identity', answer: 'yes' },
    });
    useSoftphoneStore.setState({ call: { ...useSoftphoneStore.getState().call, phase: 'held', answeredAt: Date.now() - 5000, dialledAt: Date.now() - 9000 } });
    await vi.advanceTimersByTimeAsync(300);
    expect(sent.at(-1)!.call?.phase).toBe('held');
    for (const s of sent) expect(liveStateSchema.safeParse(s).success).toBe(true);
    p.stop();
  });

  it('never publishes the policyholder’s, the insured’s or the seller’s name, the phone number or the address', async () => {
    const p = start();
    connectCall();
    await vi.advanceTimersByTimeAsync(300);
    await runWholeScript();
    useWizardStore.getState().back();
    setStatus('wrap_up');
    await vi.advanceTimersByTimeAsync(300);
    expect(sent.length).toBeGreaterThan(10);
    const all = JSON.stringify(sent);
    for (const secret of [HOLDER, INSURED, SELLER, PHONE, ADDRESS, policy.policyholder.idNumber, '明华', '小被保']) expect(all).not.toContain(secret);
    // The masked forms are what the lead reads.
    expect(all).toContain('欧**华女士');
    expect(all).toContain('钱**保');
    // Personal placeholders other than names stay unfilled.
    expect(all).toContain('{premiumAmount}');
    expect(all).toContain('{sellerPlace}');
    p.stop();
  });

  it('coalesces a burst of changes into at most one publication per 250 ms, the last one carrying the latest state', async () => {
    const p = start();
    await vi.advanceTimersByTimeAsync(0);
    const reasons = ['break', 'meal', 'training', 'meeting', 'coaching'] as const;
    for (let i = 0; i < 20; i++) {
      setStatus(i % 2 ? 'ready' : 'paused', i % 2 ? null : reasons[i % 5]);
      await vi.advanceTimersByTimeAsync(10);
    }
    setStatus('paused', 'system');
    await vi.advanceTimersByTimeAsync(1000);
    // 1.2 s of activity: the first publication plus at most one per 250 ms.
    expect(sent.length).toBeLessThanOrEqual(6);
    const times = sent.map((s) => Date.parse(s.updatedAt));
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(250);
    expect(sent.at(-1)).toMatchObject({ status: 'paused', pauseReason: 'system' });
    p.stop();
  });

  it('sends a heartbeat every 30 s without changes, retries a state refused as too soon, and drops one sent while offline', async () => {
    const p = start();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(29_000);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_500);
    expect(sent).toHaveLength(2);
    expect({ ...sent[1], updatedAt: null }).toEqual({ ...sent[0], updatedAt: null });

    answer = 'too_soon';
    setStatus('paused', 'meal');
    await vi.advanceTimersByTimeAsync(10);
    answer = 'sent';
    await vi.advanceTimersByTimeAsync(300);
    expect(sent.slice(-2).map((s) => s.status)).toEqual(['paused', 'paused']);

    answer = 'dropped';
    setStatus('ready');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(sent.at(-1)!.status).toBe('ready');
    const count = sent.length;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sent).toHaveLength(count); // not queued, not re-sent until the next change or heartbeat
    p.stop();
  });

  it('publishes nothing after stop (sign-out), and nothing while signed out', async () => {
    setStatus('signed_out');
    const p = start();
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toHaveLength(0);
    setStatus('ready');
    await vi.advanceTimersByTimeAsync(300);
    expect(sent).toHaveLength(1);
    p.stop();
    setStatus('paused', 'meal');
    connectCall();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sent).toHaveLength(1);
  });
});
