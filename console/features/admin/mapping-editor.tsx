import { useEffect, useState } from 'react';
import { Alert, Button, Input, Space, Table, Typography, message } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ImportMappingView } from '../../../shared/sync/admin';
import { api, ConsoleApiError } from '../../api/client';
import { adminMessages as m } from '../../i18n/admin';

type Field = ImportMappingView['fields'][number];

const split = (text: string) =>
  text
    .split(m.common.separators)
    .map((h) => h.trim())
    .filter(Boolean);

/**
 * The column mapping on screen: each case field with the headers the import recognises, and the
 * headers this centre adds (saved at the centre; the next import reads them). Saved values and
 * defaults are sent back unchanged.
 */
export function MappingEditor() {
  const [view, setView] = useState<ImportMappingView | null>(null);
  const [extra, setExtra] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [toast, toastHolder] = message.useMessage();
  const take = (v: ImportMappingView) => {
    setView(v);
    setExtra(Object.fromEntries(Object.entries(v.saved.columns).map(([k, hs]) => [k, hs.join(', ')])));
  };
  useEffect(() => {
    api<ImportMappingView>('GET', '/api/admin/import/mapping').then(take, (err: unknown) =>
      setError(String(err instanceof ConsoleApiError ? err.message : err)),
    );
  }, []);

  const save = async () => {
    if (!view) return;
    setBusy(true);
    setError(null);
    const columns = Object.fromEntries(Object.entries(extra).flatMap(([k, text]) => (split(text).length ? [[k, split(text)]] : [])));
    try {
      take(await api<ImportMappingView>('PUT', '/api/admin/import/mapping', { ...view.saved, columns }));
      void toast.success(m.mapping.saved);
    } catch (err) {
      setError(err instanceof ConsoleApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const columns: ColumnsType<Field> = [
    { title: m.mapping.columns.field, dataIndex: 'key', width: 200 },
    { title: m.mapping.columns.kind, dataIndex: 'kind', width: 80 },
    { title: m.mapping.columns.headers, key: 'headers', render: (_, f) => m.common.list(f.headers) },
    {
      title: m.mapping.columns.extra,
      key: 'extra',
      width: 320,
      render: (_, f) => (
        <Input
          aria-label={`${m.mapping.columns.extra} ${f.key}`}
          placeholder={m.mapping.extraPlaceholder}
          value={extra[f.key] ?? ''}
          onChange={(e) => setExtra((x) => ({ ...x, [f.key]: e.target.value }))}
        />
      ),
    },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {toastHolder}
      <Typography.Title level={5}>{m.mapping.heading}</Typography.Title>
      <Typography.Text type="secondary">{m.mapping.hint}</Typography.Text>
      {error && <Alert type="error" role="alert" title={error} />}
      <Table rowKey="key" size="small" columns={columns} dataSource={view?.fields ?? []} loading={!view && !error} pagination={false} scroll={{ y: 480 }} />
      <Button type="primary" onClick={() => void save()} loading={busy} disabled={!view}>
        {m.common.save}
      </Button>
    </Space>
  );
}
