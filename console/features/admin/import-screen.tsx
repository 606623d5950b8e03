import { useRef, useState } from 'react';
import { Alert, Button, Collapse, Progress, Space, Typography } from 'antd';
import { ConsoleApiError } from '../../api/client';
import { adminMessages as m } from '../../i18n/admin';
import { ImportReportTable } from './import-report-table';
import { MappingEditor } from './mapping-editor';
import { uploadList, type ImportReportView, type UploadProgress } from './upload-list';

type State =
  | { kind: 'idle' }
  | { kind: 'running'; progress: UploadProgress }
  | { kind: 'done'; report: ImportReportView; reportId: string }
  | { kind: 'failed'; message: string };

function progressText(p: UploadProgress): { pct: number; text: string } {
  if (p.stage === 'upload') return { pct: p.pct, text: m.import.uploading(p.pct) };
  return { pct: p.total ? Math.round((p.done / p.total) * 100) : 0, text: m.import.phaseProgress(m.import.phase[p.phase] ?? p.phase, p.done, p.total) };
}

/** List import: pick a file, watch it go up and through the centre's phases, read the per-row report. */
export function ImportScreen() {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const input = useRef<HTMLInputElement>(null);
  const start = async (file: File | undefined) => {
    if (!file) return;
    setState({ kind: 'running', progress: { stage: 'upload', pct: 0 } });
    try {
      const out = await uploadList(file, (progress) => setState({ kind: 'running', progress }));
      setState({ kind: 'done', ...out });
    } catch (err) {
      setState({ kind: 'failed', message: err instanceof ConsoleApiError ? err.message : String(err) });
    } finally {
      if (input.current) input.current.value = '';
    }
  };
  const running = state.kind === 'running' ? progressText(state.progress) : null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Title level={4}>{m.import.heading}</Typography.Title>
      <Typography.Text type="secondary">{m.import.hint}</Typography.Text>
      <input ref={input} type="file" accept=".csv,.txt,.xlsx" aria-label={m.import.pick} hidden onChange={(e) => void start(e.target.files?.[0])} />
      <Button type="primary" onClick={() => input.current?.click()} loading={state.kind === 'running'}>
        {m.import.pick}
      </Button>
      {running && <Progress percent={running.pct} format={() => running.text} aria-label={running.text} />}
      {state.kind === 'failed' && <Alert type="error" role="alert" title={m.common.labelled(m.import.failed, state.message)} />}
      {state.kind === 'done' && <ImportReportTable report={state.report} reportId={state.reportId} />}
      <Collapse items={[{ key: 'mapping', label: m.mapping.heading, children: <MappingEditor /> }]} />
    </Space>
  );
}
