import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Form, Input, Modal, Popconfirm, Space, Table, Typography, message } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { SoftphoneConfig } from '../../../shared/ipc/channels/softphone';
import { api, ConsoleApiError } from '../../api/client';
import { adminMessages as m } from '../../i18n/admin';

interface Listed {
  staffNo: string;
  config: SoftphoneConfig;
  updatedAt: string;
  updatedBy: string;
}
interface Values {
  staffNo: string;
  sipUri: string;
  authUser: string;
  displayName?: string;
  callerId?: string;
  wsUrl: string;
  password: string;
}

const errorText = (err: unknown) => (err instanceof ConsoleApiError ? err.message : String(err));

/**
 * Each agent's SIP account as the centre hands it to the desk at sign-in. Passwords show masked;
 * "show" asks the centre for one password, a request the centre audits.
 */
export function SipAccountsTable() {
  const [rows, setRows] = useState<Listed[]>([]);
  const [shown, setShown] = useState<Record<string, string>>({});
  const [editing, setEditing] = useState<Partial<Values> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();
  const [toast, toastHolder] = message.useMessage();
  const load = useCallback(() => {
    api<Listed[]>('GET', '/api/admin/sip-accounts').then(setRows, (err: unknown) => setError(errorText(err)));
  }, []);
  useEffect(load, [load]);
  useEffect(() => {
    setFormError(null);
    if (editing) form.setFieldsValue(editing);
  }, [editing, form]);

  const reveal = async (staffNo: string) => {
    if (shown[staffNo] !== undefined) return setShown(({ [staffNo]: _gone, ...rest }) => rest);
    try {
      const { password } = await api<{ password: string }>('GET', `/api/admin/sip-accounts/${staffNo}/password`);
      setShown((s) => ({ ...s, [staffNo]: password }));
    } catch (err) {
      void toast.error(errorText(err));
    }
  };
  const save = async (v: Values) => {
    const config = {
      sipUri: v.sipUri.trim(),
      authUser: v.authUser.trim(),
      displayName: v.displayName ?? '',
      callerId: v.callerId ?? '',
      wsUrl: v.wsUrl.trim(),
    };
    try {
      await api('PUT', `/api/admin/sip-accounts/${v.staffNo.trim()}`, { config, password: v.password });
      void toast.success(m.sip.saved(v.staffNo));
      setEditing(null);
      load();
    } catch (err) {
      setFormError(errorText(err));
    }
  };
  const remove = async (staffNo: string) => {
    try {
      await api('DELETE', `/api/admin/sip-accounts/${staffNo}`);
      void toast.success(m.sip.removed(staffNo));
      load();
    } catch (err) {
      void toast.error(errorText(err));
    }
  };

  const columns: ColumnsType<Listed> = [
    { title: m.sip.staffNo, dataIndex: 'staffNo', width: 100 },
    { title: m.sip.sipUri, key: 'uri', render: (_, r) => r.config.sipUri },
    { title: m.sip.authUser, key: 'auth', width: 120, render: (_, r) => r.config.authUser },
    { title: m.sip.wsUrl, key: 'ws', render: (_, r) => r.config.wsUrl },
    {
      title: m.sip.password,
      key: 'password',
      width: 220,
      render: (_, r) => (
        <Space>
          <Typography.Text code>{shown[r.staffNo] ?? m.sip.masked}</Typography.Text>
          <Button size="small" title={m.sip.revealNote} aria-label={`${m.sip.reveal} ${r.staffNo}`} onClick={() => void reveal(r.staffNo)}>
            {shown[r.staffNo] !== undefined ? m.sip.hide : m.sip.reveal}
          </Button>
        </Space>
      ),
    },
    { title: m.sip.updated, dataIndex: 'updatedAt', width: 200 },
    {
      title: '',
      key: 'actions',
      width: 160,
      render: (_, r) => (
        <Space>
          <Button size="small" onClick={() => setEditing({ staffNo: r.staffNo, ...r.config, password: '' })}>
            {m.users.edit}
          </Button>
          <Popconfirm title={m.sip.remove} onConfirm={() => void remove(r.staffNo)}>
            <Button size="small" danger>
              {m.sip.remove}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];
  const required = [{ required: true, whitespace: true, message: m.sip.required }];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {toastHolder}
      <Typography.Title level={5}>{m.sip.heading}</Typography.Title>
      <Button onClick={() => setEditing({})}>{m.sip.add}</Button>
      {error && <Alert type="error" role="alert" title={error} />}
      <Table rowKey="staffNo" size="small" columns={columns} dataSource={rows} pagination={false} />
      <Modal
        open={editing !== null}
        title={m.sip.editTitle(editing?.staffNo ?? '')}
        okText={m.common.save}
        cancelText={m.common.cancel}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item label={m.sip.staffNo} name="staffNo" rules={required}>
            <Input />
          </Form.Item>
          <Form.Item label={m.sip.sipUri} name="sipUri" rules={required}>
            <Input placeholder="sip:1001@pbx.example.cn" />
          </Form.Item>
          <Form.Item label={m.sip.authUser} name="authUser" rules={required}>
            <Input />
          </Form.Item>
          <Form.Item label={m.sip.displayName} name="displayName">
            <Input />
          </Form.Item>
          <Form.Item label={m.sip.callerId} name="callerId">
            <Input />
          </Form.Item>
          <Form.Item label={m.sip.wsUrl} name="wsUrl" rules={required}>
            <Input placeholder="wss://pbx.example.cn:7443/ws" />
          </Form.Item>
          <Form.Item label={m.sip.password} name="password" rules={required}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          {formError && <Alert type="error" role="alert" title={formError} />}
        </Form>
      </Modal>
    </Space>
  );
}
