import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Descriptions, Divider, Drawer, List, Tag, Timeline, Typography } from 'antd';
import type { BranchWorkOrderDetail } from '../../../shared/sync/branch-console';
import { DEFAULT_SCHEME } from '../../../shared/domain/outcome/default-scheme';
import { api, ConsoleApiError } from '../../api/client';
import { messages } from '../../i18n/zh';
import { deadlineTag } from './deadline';
import { OrderActions, type OrderWrite } from './order-actions';

/**
 * A result kind in words: the outcome scheme carries each kind's zh label (docs/domain.md §5).
 * Verification kinds may come bare (`wrong_number`) as well as scheme codes (`ver_wrong_number`).
 */
const kindLabel = (code: string) => DEFAULT_SCHEME.kinds.find((k) => k.code === code || k.code === `ver_${code}`)?.label.zh ?? code;

/** Empty optional fields are left out: the centre refuses an empty note rather than store it. */
function withoutBlanks(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && !(typeof v === 'string' && v.trim() === '')));
}

/** One order: masked facts, what the call found, its history and (while open) the branch's actions. Esc closes it. */
export function OrderDetail({ id, onClose, onChanged }: { id: number | null; onClose: () => void; onChanged: () => void }) {
  const { message } = App.useApp();
  const [order, setOrder] = useState<BranchWorkOrderDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async (orderId: number) => {
    try {
      setOrder(await api<BranchWorkOrderDetail>('GET', `/api/branch/work-orders/${orderId}`));
      setError(null);
    } catch (err) {
      setError(err instanceof ConsoleApiError ? err.message : String(err));
    }
  }, []);
  useEffect(() => {
    setOrder(null);
    setError(null);
    if (id !== null) void load(id);
  }, [id, load]);

  const write: OrderWrite = async (path, values) => {
    if (!order) return false;
    try {
      setOrder(await api<BranchWorkOrderDetail>('POST', `/api/branch/work-orders/${order.id}/${path}`, { ...withoutBlanks(values), version: order.version }));
      setError(null);
      void message.success(messages.forms.saved);
      onChanged();
      return true;
    } catch (err) {
      if (err instanceof ConsoleApiError && err.code === 'stale_version') {
        setError(messages.forms.stale);
        await load(order.id);
      } else setError(err instanceof ConsoleApiError ? err.message : String(err));
      return false;
    }
  };

  const tag = order ? deadlineTag(order) : null;
  return (
    <Drawer open={id !== null} onClose={onClose} width={720} title={order ? messages.detail.title(order.policyNo) : messages.detail.loading} keyboard>
      {error && <Alert type="error" role="alert" title={error} style={{ marginBottom: 16 }} />}
      {order && tag && (
        <>
          <Tag color={tag.color}>{tag.text}</Tag>
          <Tag>{messages.category[order.category] ?? order.category}</Tag>
          <Tag>{messages.kind[order.kind] ?? order.kind}</Tag>
          {!order.sellerMayHandle && <Alert type="warning" showIcon title={messages.detail.sellerMayNot} style={{ marginTop: 12 }} />}
          <Divider titlePlacement="left">{messages.detail.facts}</Divider>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={messages.orders.columns.holder}>{order.holderName}</Descriptions.Item>
            <Descriptions.Item label={messages.detail.phone}>{order.facts.holderPhone}</Descriptions.Item>
            <Descriptions.Item label={messages.detail.insured}>{order.facts.insuredName}</Descriptions.Item>
            <Descriptions.Item label={messages.detail.issueDate}>{order.facts.issueDate}</Descriptions.Item>
            <Descriptions.Item label={messages.detail.product}>{order.facts.productName}</Descriptions.Item>
            <Descriptions.Item label={messages.detail.productType}>{messages.design[order.facts.productType] ?? order.facts.productType}</Descriptions.Item>
            <Descriptions.Item label={messages.detail.seller}>{order.facts.sellerCode ?? '-'}</Descriptions.Item>
            <Descriptions.Item label={messages.orders.columns.due}>{order.due}</Descriptions.Item>
          </Descriptions>
          <Divider titlePlacement="left">{messages.detail.findings}</Divider>
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={messages.detail.result}>
              {order.findings.result ? (messages.category[order.findings.result] ?? order.findings.result) : '-'}
            </Descriptions.Item>
            <Descriptions.Item label={messages.detail.kinds}>{order.findings.resultKinds.map(kindLabel).join(messages.listJoin) || '-'}</Descriptions.Item>
          </Descriptions>
          <List
            size="small"
            header={messages.detail.answers}
            locale={{ emptyText: messages.detail.noAnswers }}
            dataSource={order.findings.answers as BranchWorkOrderDetail['findings']['answers'][number][]}
            renderItem={(a) => (
              <List.Item>
                <Typography.Text>{a.question}</Typography.Text> <Typography.Text strong>{a.answer}</Typography.Text>
              </List.Item>
            )}
          />
          <Divider titlePlacement="left">{messages.detail.history}</Divider>
          {order.events.length === 0 ? (
            <Typography.Text type="secondary">{messages.detail.noHistory}</Typography.Text>
          ) : (
            <Timeline
              items={order.events.map((e) => ({
                children: `${e.at.slice(0, 16).replace('T', ' ')} ${e.by} ${messages.eventType[e.type]}${e.action ? ` · ${action(e.action)}` : ''}${e.note ? ` · ${e.note}` : ''}`,
              }))}
            />
          )}
          {order.lateExplanation && <Alert type="info" title={`${messages.detail.lateExplanation}: ${order.lateExplanation}`} />}
          {order.status === 'done' ? (
            <Alert type="success" title={messages.detail.closed(order.closedAt?.slice(0, 10) ?? '', order.outcome ?? '')} />
          ) : (
            <>
              <Divider />
              <OrderActions order={order} write={write} />
            </>
          )}
        </>
      )}
    </Drawer>
  );
}

function action(a: string): string {
  return (messages.followUpAction as Record<string, string>)[a] ?? (messages.resolution as Record<string, string>)[a] ?? a;
}
