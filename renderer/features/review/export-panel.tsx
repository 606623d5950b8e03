import { useEffect } from 'react';
import type { CenterUser } from '../../../shared/sync';
import { messages } from '../../i18n/messages';
import { ExportNote, MyExports, PendingExports } from './export-lists';
import { ExportRequest } from './export-request';
import { useExportStore } from './export-store';
import { filteredSessions, useReviewStore } from './review-store';

/** Under the replay list: 申请导出 for the selected session and the person's own requests. */
export function ExportPanel() {
  const row = useReviewStore((s) => filteredSessions(s)[s.selected]);
  useEffect(() => {
    void useExportStore.getState().loadMine();
    return () => useExportStore.getState().reset();
  }, []);
  return (
    <section className="review-exports" aria-label={messages.export.panelTitle}>
      <ExportRequest row={row} />
      <ExportNote />
      <MyExports />
    </section>
  );
}

/**
 * The department head's screen (部门负责人, docs/domain.md §9): the pending export requests to
 * approve or refuse. No queue, softphone or replay: they decide, they do not listen.
 */
export function ExportApprovalScreen({ user, exit }: { user: CenterUser; exit: { label: string; run: () => void } }) {
  useEffect(() => {
    void useExportStore.getState().loadPending();
    return () => useExportStore.getState().reset();
  }, []);
  return (
    <div className="review-screen">
      <div className="workspace-bar">
        <h2 className="review-title">{messages.export.screenTitle}</h2>
        <span className="agent-name">
          {messages.common.nameWithCode(user.name, user.staffNo)} · {messages.export.roles[user.role]}
        </span>
        <button type="button" onClick={() => void useExportStore.getState().loadPending()}>
          {messages.export.refresh}
        </button>
        <button type="button" className="sign-out" onClick={exit.run}>
          {exit.label}
        </button>
      </div>
      <div className="review-list">
        <ExportNote />
        <PendingExports />
      </div>
    </div>
  );
}
