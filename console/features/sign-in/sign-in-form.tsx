import { useState } from 'react';
import { Alert, Button, Card, Form, Input } from 'antd';
import type { ConsoleSession } from '../../../shared/sync/branch-console';
import { api, ConsoleApiError } from '../../api/client';
import { messages } from '../../i18n/zh';

/** Staff number and password → the centre sets the HttpOnly session cookie and answers the session. */
export function SignInForm({ onSignedIn }: { onSignedIn: (session: ConsoleSession) => Promise<void> }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (values: { staffNo: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      // Awaited: the button keeps spinning while the shell waits for its first screen's rows.
      await onSignedIn(await api<ConsoleSession>('POST', '/api/console/session', { staffNo: values.staffNo.trim(), password: values.password }));
    } catch (err) {
      setError(err instanceof ConsoleApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={messages.signIn.heading} style={{ maxWidth: 400, margin: '10vh auto' }}>
      <Form layout="vertical" onFinish={submit} disabled={busy}>
        <Form.Item label={messages.signIn.staffNo} name="staffNo" rules={[{ required: true, message: messages.signIn.required }]}>
          <Input autoFocus autoComplete="username" />
        </Form.Item>
        <Form.Item label={messages.signIn.password} name="password" rules={[{ required: true, message: messages.signIn.required }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        {error && <Alert type="error" role="alert" title={error} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" loading={busy} block>
          {messages.signIn.submit}
        </Button>
      </Form>
    </Card>
  );
}
