import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { VisitsScreen } from '../../console/features/visits/visits-screen';
import { rememberSession } from '../../console/api/client';

const work = {
  eligible: [{ policyNo: 'PV000001', holderName: '林*', branchCode: '8611', productName: '安心终身寿险', attempts: 3 }],
  letters: [
    { batchId: 'b1', policyNo: 'PV000009', status: 'mailed', version: 2, printedAt: '2026-12-01T02:00:00Z', mailedOn: '2026-12-02', classification: null },
  ],
  visits: [],
};

function centre(visitAnswer: unknown) {
  const sent: { url: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      sent.push({ url: String(url), body: init?.body });
      const value = String(url).endsWith('/api/visits') ? work : visitAnswer;
      return new Response(JSON.stringify({ ok: true, value }), { status: 200, headers: { 'content-type': 'application/json' } });
    }),
  );
  return sent;
}

/** README "Letter and in-person visits"; docs/domain.md §4: without the ID copy an in-person visit is invalid. */
describe('the visits screen', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    rememberSession(null);
  });

  it('sends the questionnaire without an ID copy and says clearly that the visit is invalid', async () => {
    const sent = centre({ id: 'v1', status: 'invalid', version: 1, classification: null, documents: [] });
    render(<VisitsScreen />);
    await userEvent.click(await screen.findByRole('button', { name: '登记上门回访' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('上门回访日期'), { target: { value: '2026-12-02' } });
    const inputs = dialog.querySelectorAll<HTMLInputElement>('input[type=file]');
    await userEvent.upload(inputs[0], new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'q.png', { type: 'image/png' }));
    await userEvent.click(within(dialog).getByRole('button', { name: /提\s*交/ }));
    expect(await screen.findByText(/未上传身份证件复印件：本次上门回访无效，不计入回访结果/)).toBeTruthy();
    const upload = sent.find((s) => s.url === '/api/visits/in-person');
    const form = upload?.body as FormData;
    expect([form.get('policyNo'), form.get('visitedOn'), (form.get('questionnaire') as File).name, form.get('idCopy')]).toEqual([
      'PV000001',
      '2026-12-02',
      'q.png',
      null,
    ]);
  }, 120_000);

  it('offers a mailed letter only "returned" and "not returned", and sends the letter version with the event', async () => {
    const sent = centre({ status: 'not_returned', version: 3 });
    render(<VisitsScreen />);
    await userEvent.click(await screen.findByRole('tab', { name: '回访函' }));
    expect(screen.queryByRole('button', { name: '登记寄出' })).toBeNull();
    await userEvent.click(await screen.findByRole('button', { name: '未寄回' }));
    expect(await screen.findByText('回访函状态：未寄回')).toBeTruthy();
    const event = sent.find((s) => s.url === '/api/visits/letters/b1/PV000009');
    expect(JSON.parse(event?.body as string)).toEqual({ event: 'not_returned', version: 2 });
  }, 120_000);
  it('shows a document deleted at the end of its retention as such, with no link; the kept one stays a link (docs/domain.md §11)', async () => {
    const visit = {
      id: 'v9',
      policyNo: 'PV000007',
      status: 'valid',
      visitedOn: '2026-03-09',
      version: 2,
      classification: 'standard',
      documents: [
        { id: 'd1', part: 'questionnaire', mediaType: 'image/png', size: 10, purgedAt: '2060-01-01T04:00:00.000Z' },
        { id: 'd2', part: 'id_copy', mediaType: 'image/jpeg', size: 10, purgedAt: null },
      ],
    };
    work.visits = [visit] as never;
    try {
      centre(null);
      render(<VisitsScreen />);
      await userEvent.click(await screen.findByRole('tab', { name: '上门回访' }));
      expect(await screen.findByText('签名问卷已于 2060-01-01 按保存期限删除')).toBeTruthy();
      expect(screen.queryByRole('link', { name: '查看签名问卷' })).toBeNull();
      expect(screen.getByRole('link', { name: '查看身份证件复印件' }).getAttribute('href')).toBe('/api/visits/documents/d2');
    } finally {
      work.visits = [];
    }
  }, 120_000);
});
