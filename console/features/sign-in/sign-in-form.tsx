import { useState } from 'react';
import { Alert, Button, Card, ConfigProvider, Form, Input } from 'antd';
import type { ConsoleSignInAnswer } from '../../../shared/sync/branch-console';
import { api, ConsoleApiError } from '../../api/client';
import { messages } from '../../i18n/zh';

/**
 * Staff number and password → the centre sets the HttpOnly session cookie and answers the session,
 * with the first `firstOrders` of the branch's orders when the console opens on them.
 */
export function SignInForm({ onSignedIn, firstOrders }: { onSignedIn: (answer: ConsoleSignInAnswer) => Promise<void>; firstOrders?: number }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (values: { staffNo: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      // Awaited: the button keeps spinning while the shell waits for its first screen's rows.
      await onSignedIn(
        await api<ConsoleSignInAnswer>('POST', '/api/console/session', { staffNo: values.staffNo.trim(), password: values.password, firstOrders }),
      );
    } catch (err) {
      setError(err instanceof ConsoleApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  // No click ripple and a spinner only for a slow answer: the time from the click to the list is
  // mostly the centre's, and every animation frame meanwhile takes the same processor from it
  // (`console.work_orders_first_paint_ms`). The disabled form still refuses a second submit.
  return (
    <ConfigProvider wave={{ disabled: true }}>
      <Card title={messages.signIn.heading} style={{ maxWidth: 400, margin: '10vh auto' }}>
        <Form layout="vertical" onFinish={submit} disabled={busy}>
          <Form.Item label={messages.signIn.staffNo} name="staffNo" rules={[{ required: true, message: messages.signIn.required }]}>
            <Input autoFocus autoComplete="username" />
          </Form.Item>
          <Form.Item label={messages.signIn.password} name="password" rules={[{ required: true, message: messages.signIn.required }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          {error && <Alert type="error" role="alert" title={error} style={{ marginBottom: 16 }} />}
          <Button type="primary" htmlType="submit" loading={busy && { delay: 400 }} block>
            {messages.signIn.submit}
          </Button>
        </Form>
      </Card>
    </ConfigProvider>
  );
}
