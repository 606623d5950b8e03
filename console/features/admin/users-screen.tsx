import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Form, Input, Modal, Space, Table, Tag, Typography, message } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { AdminUser } from '../../../shared/sync/admin';
import { api, ConsoleApiError } from '../../api/client';
import { adminMessages as m } from '../../i18n/admin';
import { UserForm } from './user-form';

const errorText = (err: unknown) => (err instanceof ConsoleApiError ? err.message : String(err));

/** The reset dialog: a new password the administrator hands over; the user's sessions end with the old one. */
function ResetPassword({ user, onClose, onDone }: { user: AdminUser | null; onClose: () => void; onDone: (text: string) => void }) {
  const [form] = Form.useForm<{ password: string }>();
  const [error, setError] = useState<string | null>(null);
  const submit = async ({ password }: { password: string }) => {
    if (!user) return;
    try {
      await api('POST', `/api/admin/users/${user.staffNo}/password`, { password });
      onDone(m.users.resetDone(user.staffNo));
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <Modal
      open={user !== null}
      title={user ? m.users.resetTitle(user.staffNo, user.name) : ''}
      okText={m.common.save}
      cancelText={m.common.cancel}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{m.users.resetHint}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item label={m.users.fields.newPassword} name="password" rules={[{ required: true, min: 8, message: m.users.rules.password }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" role="alert" title={error} />}
    </Modal>
  );
}

/** Accounts: list with a filter, create, change, deactivate / reactivate, reset a password (each audited at the centre). */
export function UsersScreen() {
  const [users, setUsers] = useState<AdminUser[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<AdminUser | 'new' | null>(null);
  const [resetting, setResetting] = useState<AdminUser | null>(null);
  const [toast, toastHolder] = message.useMessage();

  const load = useCallback(() => {
    api<AdminUser[]>('GET', '/api/admin/users').then(setUsers, (err: unknown) => setError(errorText(err)));
  }, []);
  useEffect(load, [load]);

  const done = (text: string) => {
    setEditing(null);
    setResetting(null);
    void toast.success(text);
    load();
  };
  const toggle = async (u: AdminUser) => {
    const { staffNo, ...fields } = u;
    try {
      await api('PUT', `/api/admin/users/${staffNo}`, { ...fields, active: !u.active });
      done(u.active ? m.users.deactivated(staffNo) : m.users.activated(staffNo));
    } catch (err) {
      void toast.error(errorText(err));
    }
  };

  const shown = useMemo(() => {
    const q = filter.trim();
    return q ? users.filter((u) => u.staffNo.includes(q) || u.name.includes(q) || u.team.includes(q)) : users;
  }, [users, filter]);

  const columns: ColumnsType<AdminUser> = [
    { title: m.users.columns.staffNo, dataIndex: 'staffNo', width: 110 },
    { title: m.users.columns.name, dataIndex: 'name', width: 120 },
    { title: m.users.columns.role, key: 'role', width: 150, render: (_, u) => m.roles[u.role] },
    { title: m.users.columns.team, dataIndex: 'team', width: 90 },
    { title: m.users.columns.languages, key: 'languages', render: (_, u) => u.languages.map((l) => <Tag key={l}>{m.languages[l] ?? l}</Tag>) },
    { title: m.users.columns.branch, key: 'branch', width: 160, render: (_, u) => (u.branchCode ? m.common.named(u.branchName ?? '', u.branchCode) : '') },
    {
      title: m.users.columns.state,
      key: 'state',
      width: 90,
      render: (_, u) => (u.active ? <Tag color="green">{m.users.active}</Tag> : <Tag>{m.users.inactive}</Tag>),
    },
    {
      title: m.users.columns.actions,
      key: 'actions',
      width: 240,
      render: (_, u) => (
        <Space>
          <Button size="small" onClick={() => setEditing(u)} aria-label={`${m.users.edit} ${u.staffNo}`}>
            {m.users.edit}
          </Button>
          <Button size="small" danger={u.active} onClick={() => void toggle(u)} aria-label={`${u.active ? m.users.deactivate : m.users.activate} ${u.staffNo}`}>
            {u.active ? m.users.deactivate : m.users.activate}
          </Button>
          <Button size="small" onClick={() => setResetting(u)} aria-label={`${m.users.reset} ${u.staffNo}`}>
            {m.users.reset}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {toastHolder}
      <Typography.Title level={4}>{m.users.heading}</Typography.Title>
      <Space>
        <Button type="primary" onClick={() => setEditing('new')}>
          {m.users.create}
        </Button>
        <Input.Search
          allowClear
          placeholder={m.users.filterPlaceholder}
          aria-label={m.users.filterPlaceholder}
          onChange={(e) => setFilter(e.target.value)}
          style={{ width: 280 }}
        />
      </Space>
      {error && <Alert type="error" role="alert" title={error} />}
      <Table rowKey="staffNo" size="small" columns={columns} dataSource={shown} pagination={{ pageSize: 50, showSizeChanger: false }} />
      <UserForm user={editing} onClose={() => setEditing(null)} onSaved={done} />
      <ResetPassword user={resetting} onClose={() => setResetting(null)} onDone={done} />
    </Space>
  );
}
