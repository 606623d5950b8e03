import { useEffect, useState } from 'react';
import { Alert, Button, Layout, Space, Spin, Typography } from 'antd';
import type { ConsoleSession } from '../shared/sync/branch-console';
import { api, rememberSession, whenSignedOut } from './api/client';
import { messages } from './i18n/zh';
import { SignInForm } from './features/sign-in/sign-in-form';
import { OrderList } from './features/work-orders/order-list';
import { OrderDetail } from './features/work-orders/order-detail';

type Boot = { state: 'checking' } | { state: 'signed_out' } | { state: 'signed_in'; session: ConsoleSession };

/**
 * The console shell: asks the centre whether the browser's HttpOnly cookie is still a session
 * (a reload keeps the sign-in without any token in page storage), then shows the sign-in or the
 * branch's work orders.
 */
export function ConsoleApp() {
  const [boot, setBoot] = useState<Boot>({ state: 'checking' });
  const [openId, setOpenId] = useState<number | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const signedIn = (session: ConsoleSession) => {
    rememberSession(session);
    setBoot({ state: 'signed_in', session });
  };
  useEffect(() => {
    whenSignedOut(() => {
      rememberSession(null);
      setBoot({ state: 'signed_out' });
    });
    api<ConsoleSession>('GET', '/api/console/session').then(signedIn, () => setBoot({ state: 'signed_out' }));
  }, []);
  const signOut = async () => {
    await api('DELETE', '/api/console/session').catch(() => undefined);
    rememberSession(null);
    setOpenId(null);
    setBoot({ state: 'signed_out' });
  };

  if (boot.state === 'checking') return <Spin size="large" style={{ display: 'block', marginTop: '20vh' }} />;
  if (boot.state === 'signed_out') return <SignInForm onSignedIn={signedIn} />;
  const { user } = boot.session;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', background: '#fff' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {messages.title}
        </Typography.Title>
        <Space>
          <Typography.Text>
            {messages.shell.user(user.name, user.staffNo)} ·{' '}
            {user.branchCode && user.branchName ? messages.shell.branch(user.branchCode, user.branchName) : messages.shell.noBranch}
          </Typography.Text>
          <Button onClick={() => void signOut()}>{messages.shell.signOut}</Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>
        {user.role === 'branch' || user.role === 'admin' ? (
          <>
            <OrderList onOpen={setOpenId} reloadKey={reloadKey} />
            <OrderDetail id={openId} onClose={() => setOpenId(null)} onChanged={() => setReloadKey((k) => k + 1)} />
          </>
        ) : (
          <Alert type="info" title={messages.shell.wrongRole} />
        )}
      </Layout.Content>
    </Layout>
  );
}
