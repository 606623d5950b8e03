import { Divider, Space, Typography } from 'antd';
import { adminMessages as m } from '../../i18n/admin';
import { DeskSettingsForm } from './desk-settings-form';
import { SipAccountsTable } from './sip-accounts-table';

/** Desk settings and the agents' SIP accounts: what every desk receives from the centre. */
export function DeskScreen() {
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Title level={4}>{m.desk.heading}</Typography.Title>
      <DeskSettingsForm />
      <Divider />
      <SipAccountsTable />
    </Space>
  );
}
