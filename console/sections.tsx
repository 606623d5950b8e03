import { lazy, Suspense, useState, type ReactNode } from 'react';
import { Spin } from 'antd';
import type { Role } from '../shared/sync/auth';
import type { BranchWorkOrderList, ConsoleSession } from '../shared/sync/branch-console';
import { messages } from './i18n/zh';
import { FIRST_ORDERS, OrderList, prefetchOrderList } from './features/work-orders/order-list';
import { OrderDetail } from './features/work-orders/order-detail';
import { reportText } from './i18n/reports';
import { calendarText } from './i18n/calendar';
import { CalendarScreen } from './features/calendar/calendar-screen';
import { WallboardScreen } from './features/wallboard/wallboard-screen';
import { VisitsScreen } from './features/visits/visits-screen';
import { visitMessages } from './i18n/visits';
import { adminMessages } from './i18n/admin';
import { UsersScreen } from './features/admin/users-screen';
import { ImportScreen } from './features/admin/import-screen';
import { AssignmentScreen } from './features/admin/assignment-screen';
import { DeskScreen } from './features/admin/desk-screen';

/**
 * One screen of the console: who may see it and what it shows. The shell builds its menu from this
 * list, so adding a screen is one entry here and a folder under features/ — the shell stays unaware
 * of what the screens do.
 */
export interface ConsoleSection {
  /** The URL segment after /console/ (deep links and reloads land on the same screen). */
  key: string;
  label: string;
  roles: readonly Role[];
  render: (session: ConsoleSession) => ReactNode;
  /**
   * Starts the screen's first request as soon as the session is known, before the shell renders, or
   * takes the order list the sign-in carried; settles when the answer is here (or failed).
   */
  prefetch?: (carried?: BranchWorkOrderList) => Promise<void>;
  /** How many of the branch's orders the sign-in should carry when this screen opens first. */
  firstOrders?: number;
}

function WorkOrders() {
  const [openId, setOpenId] = useState<number | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  return (
    <>
      <OrderList onOpen={setOpenId} reloadKey={reloadKey} />
      <OrderDetail id={openId} onClose={() => setOpenId(null)} onChanged={() => setReloadKey((k) => k + 1)} />
    </>
  );
}

// The report screen carries ECharts (about half a megabyte): loaded when first opened, so branch
// staff, who never see a chart, do not download it.
const ReportScreen = lazy(() => import('./features/reports/report-screen').then((m) => ({ default: m.ReportScreen })));

export const SECTIONS: readonly ConsoleSection[] = [
  {
    key: 'orders',
    label: messages.nav.orders,
    roles: ['branch', 'admin'],
    render: () => <WorkOrders />,
    prefetch: prefetchOrderList,
    firstOrders: FIRST_ORDERS,
  },
  { key: 'visits', label: visitMessages.nav, roles: ['branch', 'admin'], render: () => <VisitsScreen /> },
  {
    key: 'reports',
    label: reportText.nav.reports,
    roles: ['admin', 'dept_head', 'team_lead'],
    render: (s) => (
      <Suspense fallback={<Spin />}>
        <ReportScreen role={s.user.role} />
      </Suspense>
    ),
  },
  { key: 'wallboard', label: reportText.nav.wallboard, roles: ['team_lead', 'admin'], render: (s) => <WallboardScreen role={s.user.role} /> },
  { key: 'calendar', label: calendarText.nav, roles: ['admin'], render: () => <CalendarScreen /> },
  { key: 'admin-users', label: adminMessages.nav.users, roles: ['admin'], render: () => <UsersScreen /> },
  { key: 'admin-import', label: adminMessages.nav.import, roles: ['admin'], render: () => <ImportScreen /> },
  { key: 'admin-assignment', label: adminMessages.nav.assignment, roles: ['admin'], render: () => <AssignmentScreen /> },
  { key: 'admin-desk', label: adminMessages.nav.desk, roles: ['admin'], render: () => <DeskScreen /> },
];

/** The screens this role may open, in menu order. */
export function sectionsFor(role: Role): ConsoleSection[] {
  return SECTIONS.filter((section) => section.roles.includes(role));
}
