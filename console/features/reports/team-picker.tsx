import { useEffect, useState } from 'react';
import { Select } from 'antd';
import type { ReportTeams } from '../../../shared/sync/reports';
import { api } from '../../api/client';
import { reportText as t } from '../../i18n/reports';

/** The value for the whole call centre (no `team` in the request). */
const ALL = '';

/**
 * For department-wide readers (admins, the department head): narrows a report or the wallboard to
 * one team, or the whole centre. The teams are the centre's (GET /api/reports/teams); while they
 * load, or if they cannot be read, only 全部班组 is offered.
 */
export function TeamPicker({ value, onChange }: { value: string | null; onChange: (team: string | null) => void }) {
  const [teams, setTeams] = useState<readonly string[]>([]);
  useEffect(() => {
    let current = true;
    api<ReportTeams>('GET', '/api/reports/teams').then(
      (r) => current && setTeams(r.teams),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, []);
  return (
    <Select
      aria-label={t.teamLabel}
      style={{ width: 160 }}
      value={value ?? ALL}
      onChange={(v: string) => onChange(v === ALL ? null : v)}
      options={[{ value: ALL, label: t.scope(null) }, ...teams.map((team) => ({ value: team, label: t.scope(team) }))]}
    />
  );
}

/** `&team=…` for a chosen team, nothing for the whole centre. */
export const teamParam = (team: string | null) => (team === null ? '' : `&team=${encodeURIComponent(team)}`);
