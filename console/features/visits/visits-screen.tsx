import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Form, Input, Modal, Space, Table, Tabs, Tag } from 'antd';
import type { InPersonVisitRow, LetterRow, VisitCaseRow, VisitWorkList } from '../../../shared/sync/visits';
import { api, apiRaw, ConsoleApiError } from '../../api/client';
import { visitMessages as m } from '../../i18n/visits';
import { AnswerFields, pickedAnswers, VisitModal, type VisitOutcome } from './visit-forms';

type Dialog = { kind: 'visit'; policyNo: string; visit?: { id: string; version: number } } | { kind: 'mail' | 'returned'; letter: LetterRow } | null;

const errorText = (err: unknown) => (err instanceof ConsoleApiError ? err.message : String(err));

/** Saves the letters PDF the centre answered under the batch's name. */
async function downloadLetters(policyNos: string[]): Promise<string> {
  const res = await apiRaw('POST', '/api/visits/letters', { json: { policyNos } });
  const batch = res.headers.get('x-letter-batch') ?? 'letters';
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `letters-${batch}.pdf`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return batch;
}

/**
 * Letter and in-person call-backs for the branch (docs/domain.md §4): the cases whose phone
 * attempts are exhausted, their letters (print, mailed, returned with answers, not returned) and
 * their in-person visits (upload the signed questionnaire and the ID copy; view what was uploaded).
 */
export function VisitsScreen() {
  const [list, setList] = useState<VisitWorkList | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [notice, setNotice] = useState<{ type: 'success' | 'warning' | 'error'; text: string } | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState(false);
  const reload = useCallback(async () => {
    try {
      setList(await api<VisitWorkList>('GET', '/api/visits'));
    } catch (err) {
      setNotice({ type: 'error', text: errorText(err) });
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);

  const run = async (work: () => Promise<string | null>, type: 'success' | 'warning' = 'success') => {
    if (busy) return;
    setBusy(true);
    try {
      const text = await work();
      setNotice(text ? { type, text } : null);
      setDialog(null);
      await reload();
    } catch (err) {
      setNotice({ type: 'error', text: errorText(err) });
    } finally {
      setBusy(false);
    }
  };
  const letterEvent = (l: LetterRow, body: Record<string, unknown>) =>
    run(async () => {
      const value = await api<{ status: string }>('POST', `/api/visits/letters/${l.batchId}/${l.policyNo}`, { ...body, version: l.version });
      return m.outcome.letter(m.letters.status[value.status] ?? value.status);
    });
  const visitDone = (o: VisitOutcome) => {
    setDialog(null);
    setNotice(
      o.status === 'invalid'
        ? { type: 'warning', text: m.outcome.invalid }
        : { type: 'success', text: m.outcome.valid(m.result[o.classification ?? ''] ?? '') },
    );
    void reload();
  };

  const eligible = (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <span>{m.eligible.hint}</span>
      <Button type="primary" disabled={selected.length === 0 || busy} onClick={() => run(async () => m.eligible.printed(await downloadLetters(selected)))}>
        {m.eligible.printLetters(selected.length)}
      </Button>
      <Table<VisitCaseRow>
        rowKey="policyNo"
        size="small"
        pagination={false}
        dataSource={list?.eligible as VisitCaseRow[] | undefined}
        loading={!list}
        locale={{ emptyText: m.eligible.empty }}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)) }}
        onRow={(c) => ({ 'data-visit-case': c.policyNo }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: m.eligible.columns.policyNo, dataIndex: 'policyNo' },
          { title: m.eligible.columns.holder, dataIndex: 'holderName' },
          { title: m.eligible.columns.branch, dataIndex: 'branchCode' },
          { title: m.eligible.columns.product, dataIndex: 'productName' },
          { title: m.eligible.columns.attempts, dataIndex: 'attempts' },
          { title: '', key: 'visit', render: (_, c) => <Button onClick={() => setDialog({ kind: 'visit', policyNo: c.policyNo })}>{m.eligible.visit}</Button> },
        ]}
      />
    </Space>
  );
  const letters = (
    <Table<LetterRow>
      rowKey={(l) => `${l.batchId}/${l.policyNo}`}
      size="small"
      pagination={false}
      dataSource={list?.letters as LetterRow[] | undefined}
      locale={{ emptyText: m.letters.empty }}
      onRow={(l) => ({ 'data-letter': l.policyNo }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: m.letters.columns.policyNo, dataIndex: 'policyNo' },
        { title: m.letters.columns.status, key: 'status', render: (_, l) => <Tag>{m.letters.status[l.status]}</Tag> },
        { title: m.letters.columns.printedAt, key: 'printedAt', render: (_, l) => l.printedAt.slice(0, 10) },
        { title: m.letters.columns.mailedOn, dataIndex: 'mailedOn' },
        { title: m.letters.columns.result, key: 'result', render: (_, l) => (l.classification ? m.result[l.classification] : '') },
        {
          title: '',
          key: 'actions',
          render: (_, l) => (
            <Space>
              {l.status === 'printed' && <Button onClick={() => setDialog({ kind: 'mail', letter: l })}>{m.letters.mail}</Button>}
              {l.status === 'mailed' && <Button onClick={() => setDialog({ kind: 'returned', letter: l })}>{m.letters.returned}</Button>}
              {l.status === 'mailed' && (
                <Button disabled={busy} onClick={() => letterEvent(l, { event: 'not_returned' })}>
                  {m.letters.notReturned}
                </Button>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
  const visits = (
    <Table<InPersonVisitRow>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={list?.visits as InPersonVisitRow[] | undefined}
      locale={{ emptyText: m.visits.empty }}
      onRow={(v) => ({ 'data-visit': v.policyNo }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: m.visits.columns.policyNo, dataIndex: 'policyNo' },
        {
          title: m.visits.columns.status,
          key: 'status',
          render: (_, v) => (v.status === 'valid' ? <Tag color="green">{m.visits.valid}</Tag> : <Tag color="red">{m.visits.invalid}</Tag>),
        },
        { title: m.visits.columns.visitedOn, dataIndex: 'visitedOn' },
        { title: m.visits.columns.result, key: 'result', render: (_, v) => (v.classification ? m.result[v.classification] : '') },
        {
          title: m.visits.columns.documents,
          key: 'documents',
          render: (_, v) => (
            <Space>
              {v.documents.map((d) =>
                d.purgedAt ? (
                  <span key={d.id}>{m.visits.purged(d.part, d.purgedAt.slice(0, 10))}</span>
                ) : (
                  // A plain link: the centre streams the document and audits the view (cookie session, GET).
                  <a key={d.id} href={`/api/visits/documents/${d.id}`} target="_blank" rel="noopener noreferrer">
                    {m.visits.view(d.part)}
                  </a>
                ),
              )}
              {v.status === 'invalid' && (
                <Button onClick={() => setDialog({ kind: 'visit', policyNo: v.policyNo, visit: { id: v.id, version: v.version } })}>
                  {m.visits.addIdCopy}
                </Button>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {notice && (
        <Alert type={notice.type} role={notice.type === 'success' ? 'status' : 'alert'} title={notice.text} closable onClose={() => setNotice(null)} />
      )}
      <Tabs
        items={[
          { key: 'eligible', label: m.tabs.eligible, children: eligible },
          { key: 'letters', label: m.tabs.letters, children: letters },
          { key: 'visits', label: m.tabs.visits, children: visits },
        ]}
      />
      {dialog?.kind === 'visit' && <VisitModal policyNo={dialog.policyNo} visit={dialog.visit} onDone={visitDone} onCancel={() => setDialog(null)} />}
      {(dialog?.kind === 'mail' || dialog?.kind === 'returned') && (
        <Modal
          open
          title={`${dialog.kind === 'mail' ? m.letters.mail : m.letters.returned} · ${dialog.letter.policyNo}`}
          footer={null}
          onCancel={() => setDialog(null)}
          width={720}
        >
          <Form
            layout="vertical"
            disabled={busy}
            aria-label={dialog.kind === 'mail' ? m.letters.mail : m.letters.returned}
            onFinish={(values: { on?: string; answers?: Record<string, string | undefined> }) =>
              dialog.kind === 'mail'
                ? letterEvent(dialog.letter, { event: 'mailed', on: values.on })
                : letterEvent(dialog.letter, { event: 'returned', answers: pickedAnswers(values) })
            }
          >
            {dialog.kind === 'mail' ? (
              <Form.Item label={m.letters.mailedOn} name="on" rules={[{ required: true, message: m.form.required }]}>
                <Input type="date" />
              </Form.Item>
            ) : (
              <AnswerFields />
            )}
            <Button type="primary" htmlType="submit" loading={busy}>
              {m.form.submit}
            </Button>
          </Form>
        </Modal>
      )}
    </Space>
  );
}
