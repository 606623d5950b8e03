import type { Migration } from 'kysely';
import type { StoreEngine } from '../engine';
import { initialMigration } from './0001-initial';
import { refreshReuseGrace } from './0002-refresh-reuse-grace';
import { workOrdersMigration } from './0003-work-orders';
import { callbacksMigration } from './0004-callbacks';
import { phoneCorrectionsMigration } from './0005-phone-corrections';
import { calendarYearsMigration } from './0006-calendar-years';
import { phoneCorrectionReviewMigration } from './0007-phone-correction-review';
import { sessionArchiveMigration } from './0008-session-archive';
import { archiveListingFlagsMigration } from './0009-archive-listing-flags';
import { sipAccountsMigration } from './0010-sip-accounts';
import { auditChainMigration } from './0011-audit-chain';
import { archiveRetentionMigration } from './0012-archive-retention';
import { recordingExportsMigration } from './0013-recording-exports';
import { resultChecksMigration } from './0014-result-checks';
import { qaEvaluationsMigration } from './0015-qa-evaluations';
import { branchUsersMigration } from './0016-branch-users';
import { consoleSessionsMigration } from './0017-console-sessions';
import { keptReportsMigration } from './0018-kept-reports';
import { visitLettersMigration } from './0019-visit-letters';
import { qaEvaluationVersionsMigration } from './0020-qa-evaluation-versions';
import { sharedLiveStateMigration } from './0021-shared-live-state';
import { inPersonVisitsMigration } from './0022-in-person-visits';
import { importReportsMigration } from './0023-import-reports';
import { reportColumnsMigration } from './0024-report-columns';
import { qaSamplingColumnsMigration } from './0025-qa-sampling-columns';
import { qaSamplingFlagsMigration } from './0028-qa-sampling-flags';
import { deskStatusLogMigration } from './0029-desk-status-log';
import { caseOrderFactsMigration } from './0030-case-order-facts';
import { visitDocumentPurgeMigration } from './0031-visit-document-purge';
import { qaSamplingCountIndexMigration } from './0032-qa-sampling-count-index';
import { calendarLoadsMigration } from './0033-calendar-loads';

/**
 * Versioned migrations, applied in name order and recorded in `kysely_migration`.
 * Add a new file `NNNN-what.ts` and list it here; never edit a released one.
 */
export function centerMigrations(engine: StoreEngine): Record<string, Migration> {
  return {
    '0001-initial': initialMigration(engine),
    '0002-refresh-reuse-grace': refreshReuseGrace,
    '0003-work-orders': workOrdersMigration(engine),
    '0004-callbacks': callbacksMigration,
    '0005-phone-corrections': phoneCorrectionsMigration,
    '0006-calendar-years': calendarYearsMigration,
    '0007-phone-correction-review': phoneCorrectionReviewMigration,
    '0008-session-archive': sessionArchiveMigration,
    '0009-archive-listing-flags': archiveListingFlagsMigration,
    '0010-sip-accounts': sipAccountsMigration,
    '0011-audit-chain': auditChainMigration,
    '0012-archive-retention': archiveRetentionMigration,
    '0013-recording-exports': recordingExportsMigration,
    '0014-result-checks': resultChecksMigration,
    '0015-qa-evaluations': qaEvaluationsMigration,
    '0016-branch-users': branchUsersMigration,
    '0017-console-sessions': consoleSessionsMigration(engine),
    '0018-kept-reports': keptReportsMigration,
    '0019-visit-letters': visitLettersMigration,
    '0020-qa-evaluation-versions': qaEvaluationVersionsMigration,
    '0021-shared-live-state': sharedLiveStateMigration,
    '0022-in-person-visits': inPersonVisitsMigration,
    '0023-import-reports': importReportsMigration,
    '0024-report-columns': reportColumnsMigration(engine),
    '0025-qa-sampling-columns': qaSamplingColumnsMigration,
    '0028-qa-sampling-flags': qaSamplingFlagsMigration(engine),
    '0029-desk-status-log': deskStatusLogMigration,
    '0030-case-order-facts': caseOrderFactsMigration(engine),
    '0031-visit-document-purge': visitDocumentPurgeMigration,
    '0032-qa-sampling-count-index': qaSamplingCountIndexMigration(engine),
    '0033-calendar-loads': calendarLoadsMigration,
  };
}
