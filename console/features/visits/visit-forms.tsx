import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Radio, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { DEFAULT_SCRIPT } from '../../../shared/domain/script';
import { apiRaw, ConsoleApiError } from '../../api/client';
import { questionPlaceholders, visitMessages as m } from '../../i18n/visits';

/** The written questionnaire's questions: the phone script's regulatory ones (center/visits/letter-pdf.ts asks the same). */
const QUESTIONS = DEFAULT_SCRIPT.steps
  .filter((s) => s.kind === 'question' && s.section === 'regulatory')
  .map((s) => ({ id: s.id, text: s.text.replace(/\{(\w+)\}/g, (_all, key: string) => questionPlaceholders[key] ?? '') }));

/** One radio group per question (arrow keys move within, Tab between); unanswered questions are left out. */
export function AnswerFields() {
  return (
    <fieldset style={{ border: 0, padding: 0 }}>
      <legend>{m.form.answers}</legend>
      {QUESTIONS.map((q, i) => (
        <Form.Item key={q.id} name={['answers', q.id]} label={`${i + 1}. ${q.text}`}>
          <Radio.Group options={['yes', 'no', 'unclear'].map((a) => ({ value: a, label: m.answer[a] }))} />
        </Form.Item>
      ))}
    </fieldset>
  );
}

/** Answer codes the user picked, without the unanswered ones. */
export function pickedAnswers(values: { answers?: Record<string, string | undefined> }): Record<string, string> {
  return Object.fromEntries(Object.entries(values.answers ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** A file chooser that keeps the file in the form (sent with it), one file at most. */
function FilePick({ label, value, onChange }: { label: string; value: UploadFile[]; onChange: (f: UploadFile[]) => void }) {
  return (
    <Upload
      accept="image/jpeg,image/png,application/pdf"
      maxCount={1}
      fileList={value}
      beforeUpload={() => false}
      onChange={({ fileList }) => onChange(fileList.slice(-1))}
    >
      <Button aria-label={label}>{m.form.choose}</Button>
    </Upload>
  );
}

const fileOf = (list: UploadFile[]) => list[0]?.originFileObj as File | undefined;

export interface VisitOutcome {
  status: 'invalid' | 'valid';
  classification: string | null;
}

/**
 * An in-person visit (or, with `visit`, the missing ID copy of one). The centre decides validity:
 * without the ID copy it records the visit as invalid, and the screen says so.
 */
export function VisitModal({
  policyNo,
  visit,
  onDone,
  onCancel,
}: {
  policyNo: string;
  visit?: { id: string; version: number };
  onDone: (outcome: VisitOutcome) => void;
  onCancel: () => void;
}) {
  const [questionnaire, setQuestionnaire] = useState<UploadFile[]>([]);
  const [idCopy, setIdCopy] = useState<UploadFile[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (values: { visitedOn?: string; answers?: Record<string, string | undefined> }) => {
    if (busy) return;
    const form = new FormData();
    if (visit) form.append('version', String(visit.version));
    else {
      const q = fileOf(questionnaire);
      if (!q) return setError(m.form.questionnaireRequired);
      form.append('policyNo', policyNo);
      form.append('visitedOn', values.visitedOn ?? '');
      form.append('answers', JSON.stringify(pickedAnswers(values)));
      form.append('questionnaire', q, q.name);
    }
    const id = fileOf(idCopy);
    if (id) form.append('idCopy', id, id.name);
    setBusy(true);
    try {
      const res = await apiRaw('POST', visit ? `/api/visits/in-person/${visit.id}` : '/api/visits/in-person', form);
      const { value } = (await res.json()) as { value: VisitOutcome };
      onDone(value);
    } catch (err) {
      setError(err instanceof ConsoleApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={visit ? m.form.idCopyTitle(policyNo) : m.form.visitTitle(policyNo)} footer={null} onCancel={onCancel} width={720} destroyOnHidden>
      <Form layout="vertical" onFinish={submit} disabled={busy} aria-label={m.eligible.visit}>
        {!visit && (
          <>
            <Form.Item label={m.form.visitedOn} name="visitedOn" rules={[{ required: true, message: m.form.required }]}>
              <Input type="date" />
            </Form.Item>
            <Form.Item label={m.form.questionnaire} extra={m.form.fileHint}>
              <FilePick label={m.form.questionnaire} value={questionnaire} onChange={setQuestionnaire} />
            </Form.Item>
          </>
        )}
        <Form.Item label={m.form.idCopy} extra={m.form.fileHint}>
          <FilePick label={m.form.idCopy} value={idCopy} onChange={setIdCopy} />
        </Form.Item>
        {!visit && <AnswerFields />}
        {error && <Alert type="error" role="alert" title={error} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" loading={busy}>
          {m.form.submit}
        </Button>
      </Form>
    </Modal>
  );
}
