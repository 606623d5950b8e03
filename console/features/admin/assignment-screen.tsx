import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Drawer, Select, Space, Table, Tag, Typography, message } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { AdminUser, AssignmentOverviewRow } from '../../../shared/sync/admin';
import type { TeamCase } from '../../../shared/sync/team';
import { api, ConsoleApiError } from '../../api/client';
import { adminMessages as m } from '../../i18n/admin';

const errorText = (err: unknown) => (err instanceof ConsoleApiError ? err.message : String(err));
const lang = (code: string) => m.languages[code] ?? code;

/** The cases behind one overview line, each movable to another active agent of the team. */
function CasesDrawer({
  line,
  agents,
  onClose,
  onMoved,
}: {
  line: AssignmentOverviewRow | null;
  agents: AdminUser[];
  onClose: () => void;
  onMoved: () => void;
}) {
  const [cases, setCases] = useState<TeamCase[]>([]);
  const [target, setTarget] = useState<Record<string, string>>({});
  const [toast, toastHolder] = message.useMessage();
  const load = useCallback(() => {
    if (!line) return;
    api<TeamCase[]>('GET', `/api/team/cases?team=${encodeURIComponent(line.team)}&limit=5000`).then(
      (all) =>
        setCases(
          all.filter((c) => c.assignedTo === line.agent && c.language === line.language && !['completed', 'closed', 'awaiting_branch'].includes(c.status)),
        ),
      (err: unknown) => void toast.error(errorText(err)),
    );
  }, [line, toast]);
  useEffect(load, [load]);
  const teamAgents = agents.filter((a) => line && a.team === line.team && a.role === 'agent' && a.active);
  const move = async (policyNo: string) => {
    const toStaffNo = target[policyNo];
    if (!toStaffNo) return;
    try {
      await api('POST', '/api/team/reassign', { policyNo, toStaffNo });
      void toast.success(m.assignment.reassigned(policyNo, toStaffNo));
      load();
      onMoved();
    } catch (err) {
      void toast.error(errorText(err));
    }
  };
  const columns: ColumnsType<TeamCase> = [
    { title: m.assignment.caseColumns.policyNo, dataIndex: 'policyNo', width: 150 },
    { title: m.assignment.caseColumns.holder, dataIndex: 'holder', width: 90 },
    { title: m.assignment.caseColumns.deadline, dataIndex: 'deadline', width: 110 },
    {
      title: m.assignment.reassignTo,
      key: 'to',
      render: (_, c) => (
        <Space>
          <Select
            aria-label={`${m.assignment.reassignTo} ${c.policyNo}`}
            style={{ width: 160 }}
            value={target[c.policyNo]}
            onChange={(v: string) => setTarget((t) => ({ ...t, [c.policyNo]: v }))}
            options={teamAgents.filter((a) => a.staffNo !== c.assignedTo).map((a) => ({ value: a.staffNo, label: m.common.named(a.name, a.staffNo) }))}
          />
          <Button size="small" disabled={!target[c.policyNo]} onClick={() => void move(c.policyNo)}>
            {m.assignment.reassign}
          </Button>
        </Space>
      ),
    },
  ];
  return (
    <Drawer
      open={line !== null}
      size="large"
      onClose={onClose}
      title={line ? m.assignment.drawerTitle(line.team, line.agentName ?? line.agent ?? m.assignment.unassigned, lang(line.language)) : ''}
    >
      {toastHolder}
      <Table rowKey="policyNo" size="small" columns={columns} dataSource={cases} pagination={{ pageSize: 50, showSizeChanger: false }} />
    </Drawer>
  );
}

/** Open cases by team, agent and language; a line opens its cases for reassignment. */
export function AssignmentScreen() {
  const [rows, setRows] = useState<AssignmentOverviewRow[]>([]);
  const [agents, setAgents] = useState<AdminUser[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [team, setTeam] = useState('');
  const [language, setLanguage] = useState('');
  const [open, setOpen] = useState<AssignmentOverviewRow | null>(null);
  const load = useCallback(() => {
    api<AssignmentOverviewRow[]>('GET', '/api/admin/assignment').then(setRows, (err: unknown) => setError(errorText(err)));
  }, []);
  useEffect(() => {
    load();
    api<AdminUser[]>('GET', '/api/admin/users').then(setAgents, (err: unknown) => setError(errorText(err)));
  }, [load]);
  const shown = useMemo(() => rows.filter((r) => (!team || r.team === team) && (!language || r.language === language)), [rows, team, language]);
  const options = (values: string[], label: (v: string) => string) => [
    { value: '', label: m.common.all },
    ...[...new Set(values)].sort().map((v) => ({ value: v, label: label(v) })),
  ];
  const columns: ColumnsType<AssignmentOverviewRow> = [
    { title: m.assignment.team, dataIndex: 'team', width: 90 },
    {
      title: m.assignment.agent,
      key: 'agent',
      render: (_, r) => (r.agent ? m.common.named(r.agentName ?? '', r.agent) : <Tag color="orange">{m.assignment.unassigned}</Tag>),
    },
    { title: m.assignment.language, key: 'language', width: 100, render: (_, r) => lang(r.language) },
    { title: m.assignment.open, dataIndex: 'open', width: 110 },
    { title: m.assignment.escalated, dataIndex: 'escalated', width: 90 },
    { title: m.assignment.nearest, dataIndex: 'nearestDeadline', width: 120 },
    {
      title: '',
      key: 'open-cases',
      width: 130,
      render: (_, r) => (
        <Button size="small" onClick={() => setOpen(r)}>
          {m.assignment.open_cases}
        </Button>
      ),
    },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Title level={4}>{m.assignment.heading}</Typography.Title>
      <Space wrap>
        <Select
          aria-label={m.assignment.team}
          style={{ width: 140 }}
          value={team}
          onChange={setTeam}
          options={options(
            rows.map((r) => r.team),
            (v) => v,
          )}
        />
        <Select
          aria-label={m.assignment.language}
          style={{ width: 140 }}
          value={language}
          onChange={setLanguage}
          options={options(
            rows.map((r) => r.language),
            lang,
          )}
        />
        <Button onClick={load}>{m.common.refresh}</Button>
        <Typography.Text>{m.assignment.total(shown.reduce((n, r) => n + r.open, 0))}</Typography.Text>
      </Space>
      {error && <Alert type="error" role="alert" title={error} />}
      <Table rowKey={(r) => `${r.team}|${r.agent ?? ''}|${r.language}`} size="small" columns={columns} dataSource={shown} pagination={false} />
      <CasesDrawer line={open} agents={agents} onClose={() => setOpen(null)} onMoved={load} />
    </Space>
  );
}
