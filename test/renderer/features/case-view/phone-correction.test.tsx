import 'fake-indexeddb/auto';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { allCorrections, assigned, policy, readOutbox } from '../../data/test-db';
import { startWorkflow } from '../../data/workflow-harness';
import { normaliseDialString } from '../../../../renderer/features/softphone/sip-failure';

type Flow = Awaited<ReturnType<typeof startWorkflow>>;

/** Opens the first case and its correction form. */
async function openCorrection(flow: Flow) {
  await flow.user.keyboard('{Enter}');
  await screen.findByRole('listbox', { name: '联系电话' });
  await flow.user.keyboard('c');
  return within(screen.getByRole('form', { name: '更正电话号码' }));
}

/** Types a number and a reason, presses Enter. */
async function submitCorrection(flow: Flow, form: ReturnType<typeof within>, number: string) {
  const field = form.getByRole('textbox', { name: /正确号码/ });
  await flow.user.clear(field);
  await flow.user.type(field, number);
  if ((form.getByRole('textbox', { name: '更正原因' }) as HTMLInputElement).value === '')
    await flow.user.type(form.getByRole('textbox', { name: '更正原因' }), '客户告知');
  await flow.user.click(field);
  await flow.user.keyboard('{Enter}');
}

describe('case view: phone numbers', () => {
  it('a corrected number is kept, marked with who corrected it, and the correction is dialled', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P4000000001', policyholder: { phones: ['13800000001', '010-88886666'] } }))]);
    await flow.user.keyboard('{Enter}');
    const phones = within(await screen.findByRole('listbox', { name: '联系电话' }));
    expect(phones.getAllByRole('option').map((o) => o.textContent)).toEqual(['138****0001', '010-****6666']);
    await flow.user.keyboard('c');
    const form = within(screen.getByRole('form', { name: '更正电话号码' }));
    await flow.user.type(form.getByRole('textbox', { name: /正确号码/ }), '13900000002');
    await flow.user.type(form.getByRole('textbox', { name: '更正原因' }), '客户来电告知新号码');
    await flow.user.keyboard('{Enter}');
    await waitFor(() => expect(within(screen.getByRole('listbox', { name: '联系电话' })).getAllByRole('option')).toHaveLength(3));
    const options = within(screen.getByRole('listbox', { name: '联系电话' })).getAllByRole('option');
    expect(options[0]).toHaveTextContent('138****0001');
    expect(options[0]).toHaveTextContent(/已更正（1001，/);
    expect(options[0]).toHaveAttribute('aria-disabled', 'true');
    expect(options[2]).toHaveTextContent('139****0002');
    expect(options[2]).toHaveTextContent(/更正新增（1001，/);
    const [row] = await allCorrections(flow.db);
    expect(row).toMatchObject({ policyNo: 'P4000000001', original: '13800000001', corrected: '13900000002', reason: '客户来电告知新号码', by: '1001' });
    // The correction waits in the outbox under the same id, for the centre and the case's holder.
    const pushed = (await readOutbox(flow.db)).find((e) => e.item.kind === 'phone_correction');
    expect(pushed).toMatchObject({
      id: row.id,
      author: '1001',
      state: 'pending',
      item: {
        kind: 'phone_correction',
        policyNo: 'P4000000001',
        data: { original: '13800000001', corrected: '13900000002', reason: '客户来电告知新号码', correctedBy: '1001' },
      },
    });
    // The replaced number can no longer be dialled: D dials the first current number.
    await flow.user.keyboard('d');
    await screen.findByRole('region', { name: '回访话术' });
    expect(flow.phone.dialled).toEqual(['010-88886666']);
  });

  it('a number that cannot be dialled is refused in the form with the reason, and nothing is stored', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P4000000002', policyholder: { phones: ['13800000001'] } }))]);
    await flow.user.keyboard('{Enter}');
    await screen.findByRole('listbox', { name: '联系电话' });
    await flow.user.keyboard('c');
    const form = within(screen.getByRole('form', { name: '更正电话号码' }));
    await flow.user.type(form.getByRole('textbox', { name: /正确号码/ }), '139abc');
    await flow.user.type(form.getByRole('textbox', { name: '更正原因' }), '客户告知');
    await flow.user.keyboard('{Enter}');
    expect(form.getByRole('alert')).toHaveTextContent('号码无法拨打：号码只能包含数字');
    // Focus goes to the field at fault, the bad number selected: typing replaces it.
    const numberField = form.getByRole<HTMLInputElement>('textbox', { name: /正确号码/ });
    expect(numberField).toHaveFocus();
    expect([numberField.selectionStart, numberField.selectionEnd]).toEqual([0, '139abc'.length]);
    await flow.user.clear(form.getByRole('textbox', { name: '更正原因' }));
    await flow.user.clear(form.getByRole('textbox', { name: /正确号码/ }));
    await flow.user.type(form.getByRole('textbox', { name: /正确号码/ }), '139 0000 0003');
    await flow.user.keyboard('{Enter}');
    expect(form.getByRole('alert')).toHaveTextContent('请填写更正原因');
    expect(form.getByRole('textbox', { name: '更正原因' })).toHaveFocus();
    expect(await flow.db.phoneCorrections.count()).toBe(0);
    expect((await readOutbox(flow.db)).filter((e) => e.item.kind === 'phone_correction')).toHaveLength(0);
    // Spaces are only typing aid: the number is stored and sent without them.
    await flow.user.type(form.getByRole('textbox', { name: '更正原因' }), '客户告知');
    await flow.user.keyboard('{Enter}');
    await waitFor(async () => expect(await flow.db.phoneCorrections.count()).toBe(1));
    expect((await allCorrections(flow.db))[0].corrected).toBe('13900000003');
  });

  it('D right after saving a correction dials the corrected number (no window where the replaced one is dialled)', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P4000000003', policyholder: { phones: ['13800000001'] } }))]);
    await flow.user.keyboard('{Enter}');
    await screen.findByRole('listbox', { name: '联系电话' });
    await flow.user.keyboard('c');
    const form = within(screen.getByRole('form', { name: '更正电话号码' }));
    await flow.user.type(form.getByRole('textbox', { name: /正确号码/ }), '13900000004');
    await flow.user.type(form.getByRole('textbox', { name: '更正原因' }), '客户告知');
    await flow.user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('form', { name: '更正电话号码' })).toBeNull());
    await flow.user.keyboard('d');
    await screen.findByRole('region', { name: '回访话术' });
    expect(flow.phone.dialled).toEqual(['13900000004']);
  });

  it('only numbers a mainland call centre can dial are accepted, each refusal says why, and nothing is stored', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P4000000004', policyholder: { phones: ['13800000001'] } }))]);
    const form = await openCorrection(flow);
    const refusals: [string, string][] = [
      ['1390000000', '手机号应为 11 位且以 13–19 开头'],
      ['12900000002', '手机号应为 11 位且以 13–19 开头'],
      ['87654321', '固话需带区号'],
      ['0123-2345678', '区号不对'],
      ['010-2345678', '固话号码位数不对'],
      ['400812345', '400/800 号码应为 10 位'],
      ['13900000002转12', '手机号不能带分机'],
      ['010-87654321转1234567', '分机号应为 1–6 位数字'],
      ['+1 415 555 0100', '只能拨打中国大陆号码'],
      ['123', '手机号应为 11 位'],
    ];
    for (const [number, reason] of refusals) {
      await submitCorrection(flow, form, number);
      expect(form.getByRole('alert'), number).toHaveTextContent(`号码无法拨打：${reason}`);
    }
    expect(screen.getByRole('form', { name: '更正电话号码' })).toBeInTheDocument();
    expect(await flow.db.phoneCorrections.count()).toBe(0);
    expect((await readOutbox(flow.db)).filter((e) => e.item.kind === 'phone_correction')).toHaveLength(0);
  });

  it.each([
    ['+86 139 0000 0005', '13900000005', '13900000005'],
    ['0755 2345 678 转 12', '0755-2345678-12', '07552345678'],
    ['400-812-3456', '4008123456', '4008123456'],
  ])('%s is stored as %s, sent as such, and the SIP target is the digits %s', async (typed, stored, sipUser) => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P4000000005', policyholder: { phones: ['13800000001'] } }))]);
    const form = await openCorrection(flow);
    await submitCorrection(flow, form, typed);
    await waitFor(() => expect(screen.queryByRole('form', { name: '更正电话号码' })).toBeNull());
    expect((await allCorrections(flow.db))[0].corrected).toBe(stored);
    expect((await readOutbox(flow.db)).find((e) => e.item.kind === 'phone_correction')).toMatchObject({ item: { data: { corrected: stored } } });
    await flow.user.keyboard('d');
    await screen.findByRole('region', { name: '回访话术' });
    // The visit dials the stored number; the softphone turns it into the SIP user part.
    expect(flow.phone.dialled).toEqual([stored]);
    expect(normaliseDialString('', stored)).toBe(sipUser);
    expect(normaliseDialString('9', stored)).toBe(`9${sipUser}`);
  });
});
