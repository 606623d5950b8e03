import { useEffect, useState } from 'react';
import { Alert, Button, Layout, Menu, Space, Spin, Typography } from 'antd';
import type { ConsoleSession, ConsoleSignInAnswer } from '../shared/sync/branch-console';
import { api, rememberSession, whenSignedOut } from './api/client';
import { messages } from './i18n/zh';
import { SignInForm } from './features/sign-in/sign-in-form';
import { SECTIONS, sectionsFor, type ConsoleSection } from './sections';
import { currentSectionKey, showSection } from './section-path';

/** The screen shown for `key`: an unknown or forbidden segment (an old bookmark, another role's link) opens the role's first. */
function openingSection(session: ConsoleSession, key: string): ConsoleSection | undefined {
  const sections = sectionsFor(session.user.role);
  return sections.find((section) => section.key === key) ?? sections[0];
}

/**
 * What the sign-in asks to carry: the order list's first rows when the console is about to open on
 * it (its address names it, or names no screen and the role's first screen is the list — the centre
 * answers them only to a role that may read them).
 */
function firstOrdersToCarry(): number | undefined {
  return (SECTIONS.find((section) => section.key === currentSectionKey()) ?? SECTIONS[0])?.firstOrders;
}

/** How long the shell waits for the opening screen's first answer before it shows without it. */
const FIRST_ANSWER_WAIT_MS = 500;

type Boot = { state: 'checking' } | { state: 'signed_out' } | { state: 'signed_in'; session: ConsoleSession };

/**
 * The console shell: asks the centre whether the browser's HttpOnly cookie is still a session
 * (a reload keeps the sign-in without any token in page storage), then shows the sign-in or the
 * screens the user's role may open, one at a time, chosen from the menu or the URL.
 */
export function ConsoleApp() {
  const [boot, setBoot] = useState<Boot>({ state: 'checking' });
  const [sectionKey, setSectionKey] = useState(currentSectionKey);
  const signedIn = async ({ orders, ...session }: ConsoleSignInAnswer) => {
    rememberSession(session);
    const firstAnswer = openingSection(session, currentSectionKey())?.prefetch?.(orders);
    // The shell waits a moment for the opening screen's first answer, so that it renders, lays out
    // and paints once with the rows in it, not once empty and again with them
    // (`console.work_orders_first_paint_ms`); a slow answer shows the shell with its spinner.
    if (firstAnswer) await Promise.race([firstAnswer, new Promise((wait) => setTimeout(wait, FIRST_ANSWER_WAIT_MS))]);
    setBoot({ state: 'signed_in', session });
  };
  useEffect(() => {
    whenSignedOut(() => {
      rememberSession(null);
      setBoot({ state: 'signed_out' });
    });
    api<ConsoleSession>('GET', '/api/console/session').then(signedIn, () => setBoot({ state: 'signed_out' }));
    const onPop = () => setSectionKey(currentSectionKey());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const signOut = async () => {
    await api('DELETE', '/api/console/session').catch(() => undefined);
    rememberSession(null);
    setBoot({ state: 'signed_out' });
  };

  if (boot.state === 'checking') return <Spin size="large" style={{ display: 'block', marginTop: '20vh' }} />;
  if (boot.state === 'signed_out') return <SignInForm onSignedIn={signedIn} firstOrders={firstOrdersToCarry()} />;
  const { user } = boot.session;
  const active = openingSection(boot.session, sectionKey);
  const sections = sectionsFor(user.role);
  const open = (key: string) => {
    showSection(key);
    setSectionKey(key);
  };
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 24, background: '#fff' }}>
        <Typography.Title level={3} style={{ margin: 0, whiteSpace: 'nowrap' }}>
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
      <Layout>
        {/* A side menu rather than one in the header: an admin has nine screens, and a horizontal
            menu would fold some of them away behind an overflow button. */}
        <Layout.Sider width={176} theme="light">
          {/* No tooltips: they repeat an item's label when the menu is folded, and this one never is;
              each item's Tooltip cost a noticeable part of the shell's first render after sign-in. */}
          <Menu
            mode="inline"
            tooltip={false}
            style={{ height: '100%' }}
            selectedKeys={active ? [active.key] : []}
            items={sections.map((section) => ({ key: section.key, label: section.label }))}
            onClick={({ key }) => open(key)}
          />
        </Layout.Sider>
        <Layout.Content style={{ padding: 24, minWidth: 0 }}>
          {active ? active.render(boot.session) : <Alert type="info" title={messages.shell.wrongRole} />}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
