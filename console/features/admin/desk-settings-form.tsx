import { useEffect, useState } from 'react';
import { Alert, Button, Form, Input, InputNumber, Select, message } from 'antd';
import type { DeskConfig, DeskSettings } from '../../../shared/sync/desk-config';
import { api, ConsoleApiError } from '../../api/client';
import { adminMessages as m } from '../../i18n/admin';

type Values = Omit<DeskSettings, 'callingHours'>;

/**
 * The centre-wide desk settings (shared/sync/desk-config.ts). Calling hours are not on this form:
 * leaving them out of the POST keeps the stored ones (the centre's documented behaviour).
 */
export function DeskSettingsForm() {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [toast, toastHolder] = message.useMessage();
  useEffect(() => {
    api<DeskConfig>('GET', '/api/desk-config').then(
      (c) =>
        form.setFieldsValue({
          companyName: c.companyName,
          maxAttempts: c.maxAttempts,
          inboundCallers: c.inboundCallers,
          localAudioDays: c.localAudioDays,
          trainingAgents: c.trainingAgents,
        }),
      (err: unknown) => setError(err instanceof ConsoleApiError ? err.message : String(err)),
    );
  }, [form]);
  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await api('POST', '/api/admin/desk-config', { ...v, companyName: v.companyName.trim() });
      void toast.success(m.desk.saved);
    } catch (err) {
      setError(err instanceof ConsoleApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 560 }}>
      {toastHolder}
      <Form.Item label={m.desk.companyName} name="companyName" rules={[{ required: true, min: 2, max: 60, whitespace: true }]}>
        <Input />
      </Form.Item>
      <Form.Item label={m.desk.maxAttempts} name="maxAttempts" rules={[{ required: true, type: 'integer', min: 1, max: 10 }]}>
        <InputNumber min={1} max={10} />
      </Form.Item>
      <Form.Item label={m.desk.inboundCallers} name="inboundCallers">
        <Select options={Object.entries(m.desk.inbound).map(([value, label]) => ({ value, label }))} />
      </Form.Item>
      <Form.Item label={m.desk.localAudioDays} name="localAudioDays" rules={[{ required: true, type: 'integer', min: 0, max: 3650 }]}>
        <InputNumber min={0} max={3650} />
      </Form.Item>
      <Form.Item label={m.desk.trainingAgents} name="trainingAgents" rules={[{ type: 'array', defaultField: { pattern: /^\d{3,12}$/ } }]}>
        <Select mode="tags" tokenSeparators={[',', ' ']} />
      </Form.Item>
      {error && <Alert type="error" role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Button type="primary" htmlType="submit" loading={busy}>
        {m.common.save}
      </Button>
    </Form>
  );
}
