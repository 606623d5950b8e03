import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal, Select, Switch } from 'antd';
import type { AdminUser } from '../../../shared/sync/admin';
import type { Role } from '../../../shared/sync/auth';
import { api, ConsoleApiError } from '../../api/client';
import { adminMessages as m } from '../../i18n/admin';

interface Values {
  staffNo: string;
  name: string;
  role: Role;
  team: string;
  languages: string[];
  active: boolean;
  branchCode?: string;
  branchName?: string;
  password?: string;
}

const roleOptions = Object.entries(m.roles).map(([value, label]) => ({ value, label }));
const languageOptions = Object.entries(m.languages).map(([value, label]) => ({ value, label }));

/**
 * Creates an account (`user` null) or changes one: role, team, language skills, branch (branch
 * staff only) and whether it is in use. The centre checks everything again; its refusal (a
 * duplicate staff number, a branch user without a branch) is shown in the form and nothing is saved.
 */
export function UserForm({ user, onClose, onSaved }: { user: AdminUser | null | 'new'; onClose: () => void; onSaved: (message: string) => void }) {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const role = Form.useWatch('role', form);
  const editing = user !== null && user !== 'new' ? user : null;
  useEffect(() => {
    setError(null);
    form.resetFields();
    if (editing)
      form.setFieldsValue({
        ...editing,
        languages: [...editing.languages],
        branchCode: editing.branchCode ?? undefined,
        branchName: editing.branchName ?? undefined,
      });
  }, [user]); // eslint-disable-line react-hooks/exhaustive-deps

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    const fields = {
      name: v.name.trim(),
      role: v.role,
      team: v.team.trim(),
      languages: v.languages,
      active: v.active,
      branchCode: v.role === 'branch' ? v.branchCode?.trim() : null,
      branchName: v.role === 'branch' ? v.branchName?.trim() : null,
    };
    try {
      if (editing) {
        await api('PUT', `/api/admin/users/${editing.staffNo}`, fields);
        onSaved(m.common.saved);
      } else {
        await api('POST', '/api/admin/users', { staffNo: v.staffNo.trim(), ...fields, password: v.password });
        onSaved(m.users.created(v.staffNo.trim()));
      }
    } catch (err) {
      setError(err instanceof ConsoleApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={user !== null}
      title={editing ? m.users.editTitle(editing.staffNo) : m.users.createTitle}
      okText={m.common.save}
      cancelText={m.common.cancel}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ role: 'agent', languages: ['mandarin'], active: true }}>
        <Form.Item label={m.users.fields.staffNo} name="staffNo" rules={[{ required: !editing, pattern: /^\d{3,12}$/, message: m.users.rules.staffNo }]}>
          <Input disabled={Boolean(editing)} />
        </Form.Item>
        <Form.Item label={m.users.fields.name} name="name" rules={[{ required: true, whitespace: true, message: m.users.rules.name }]}>
          <Input />
        </Form.Item>
        <Form.Item label={m.users.fields.role} name="role" rules={[{ required: true }]}>
          <Select options={roleOptions} />
        </Form.Item>
        <Form.Item label={m.users.fields.team} name="team" rules={[{ required: true, pattern: /^[A-Za-z0-9_-]{1,40}$/, message: m.users.rules.team }]}>
          <Input />
        </Form.Item>
        <Form.Item label={m.users.fields.languages} name="languages" rules={[{ required: true, type: 'array', min: 1, message: m.users.rules.languages }]}>
          <Select mode="multiple" options={languageOptions} />
        </Form.Item>
        {role === 'branch' && (
          <>
            <Form.Item label={m.users.fields.branchCode} name="branchCode" rules={[{ required: true, message: m.users.rules.branch }]}>
              <Input />
            </Form.Item>
            <Form.Item label={m.users.fields.branchName} name="branchName" rules={[{ required: true, message: m.users.rules.branch }]}>
              <Input />
            </Form.Item>
          </>
        )}
        {!editing && (
          <Form.Item label={m.users.fields.password} name="password" rules={[{ required: true, min: 8, message: m.users.rules.password }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        <Form.Item label={m.users.fields.active} name="active" valuePropName="checked">
          <Switch />
        </Form.Item>
        {error && <Alert type="error" role="alert" title={error} />}
      </Form>
    </Modal>
  );
}
