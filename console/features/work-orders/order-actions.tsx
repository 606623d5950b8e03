import { useState } from 'react';
import { Button, Form, Input, Radio, Select, Tabs } from 'antd';
import { branchCloseResolutionSchema, branchFollowUpActionSchema, type BranchWorkOrderDetail } from '../../../shared/sync/branch-console';
import { messages } from '../../i18n/zh';

/** One write to the order; the detail sends it with the order's version and handles refusals. */
export type OrderWrite = (path: 'follow-ups' | 'phone' | 'close', body: Record<string, unknown>) => Promise<boolean>;

const required = [{ required: true, whitespace: true, message: messages.forms.required }];

/**
 * The branch's three actions on an open order. Each form is disabled while its request is out,
 * so a double click or a second Enter cannot submit it twice; the centre's version check refuses
 * a form made against an order that changed meanwhile.
 */
export function OrderActions({ order, write }: { order: BranchWorkOrderDetail; write: OrderWrite }) {
  const [busy, setBusy] = useState(false);
  const overdue = order.workingDaysLeft < 0;
  const send = (path: Parameters<OrderWrite>[0]) => async (values: Record<string, unknown>) => {
    if (busy) return;
    setBusy(true);
    try {
      await write(path, values);
    } finally {
      setBusy(false);
    }
  };
  const followUp = (
    <Form layout="vertical" onFinish={send('follow-ups')} disabled={busy} aria-label={messages.forms.followUp}>
      <Form.Item label={messages.forms.action} name="action" rules={[{ required: true, message: messages.forms.required }]}>
        <Select options={branchFollowUpActionSchema.options.map((a) => ({ value: a, label: messages.followUpAction[a] }))} />
      </Form.Item>
      <Form.Item label={messages.forms.note} name="note" rules={required}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {messages.forms.submit}
      </Button>
    </Form>
  );
  const phone = (
    <Form layout="vertical" onFinish={send('phone')} disabled={busy} aria-label={messages.forms.phone}>
      <Form.Item label={messages.forms.newPhone} name="phone" rules={required}>
        <Input inputMode="tel" maxLength={20} />
      </Form.Item>
      <Form.Item label={messages.forms.note} name="note">
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {messages.forms.submit}
      </Button>
    </Form>
  );
  const close = (
    <Form layout="vertical" onFinish={send('close')} disabled={busy} aria-label={messages.forms.close} initialValues={{ resolution: 'resolved' }}>
      <Form.Item label={messages.forms.resolution} name="resolution">
        <Radio.Group options={branchCloseResolutionSchema.options.map((r) => ({ value: r, label: messages.resolution[r] }))} />
      </Form.Item>
      <Form.Item label={messages.forms.outcome} name="outcome" rules={required}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Form.Item label={messages.forms.handledBy} name="handledBy" rules={required}>
        <Input maxLength={40} />
      </Form.Item>
      {overdue && !order.lateExplanation && (
        <Form.Item label={messages.forms.lateExplanation} name="lateExplanation" rules={required}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" loading={busy}>
        {messages.forms.submit}
      </Button>
    </Form>
  );
  return (
    <Tabs
      items={[
        { key: 'follow-up', label: messages.forms.followUp, children: followUp },
        { key: 'phone', label: messages.forms.phone, children: phone },
        { key: 'close', label: messages.forms.close, children: close },
      ]}
    />
  );
}
