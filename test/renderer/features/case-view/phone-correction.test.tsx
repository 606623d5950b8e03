import 'fake-indexeddb/auto';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { allCorrections, assigned, policy, readOutbox } from '../../data/test-db';
import { startWorkflow } from '../../data/workflow-harness';

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
      item: { kind: 'phone_correction', policyNo: 'P4000000001', data: { original: '13800000001', corrected: '13900000002', reason: '客户来电告知新号码', correctedBy: '1001' } },
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
    expect(form.getByRole('alert')).toHaveTextContent('号码格式不对');
    await flow.user.clear(form.getByRole('textbox', { name: '更正原因' }));
    await flow.user.clear(form.getByRole('textbox', { name: /正确号码/ }));
    await flow.user.type(form.getByRole('textbox', { name: /正确号码/ }), '139 0000 0003');
    await flow.user.keyboard('{Enter}');
    expect(form.getByRole('alert')).toHaveTextContent('请填写更正原因');
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
});
