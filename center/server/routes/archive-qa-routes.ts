import type { z } from 'zod';
import { archiveEventsRequestSchema, archiveListQuerySchema, archiveOpenRequestSchema, syncError, type CenterResult } from '../../../shared/sync';
import { audit } from '../../store/audit-repo';
import { findArchivedSession, listArchivedSessions } from '../../archive/archived-sessions-repo';
import { mayListen, openForDesk, parseRange, workstationOf } from '../../archive/archive-qa';
import { route, type Route, type RouteContext } from '../route';
import { readTeamQuery } from '../team-query';
import { target } from './archive-routes';
import { agentReplayRefusal, failedItemsOf } from '../../qa/own-replay';

const LISTENERS = ['qa', 'team_lead', 'admin'] as const;

type Query = z.output<typeof archiveListQuerySchema>;

/** Settles the listing's query and team by role: QA/admin any, a lead their team, an agent their own sessions. */
function listQuery(ctx: RouteContext): CenterResult<{ q: Query; team: string | null }> {
  const { url, user } = ctx;
  if (user.role === 'team_lead') {
    const read = readTeamQuery(url, archiveListQuerySchema, user);
    return read.ok ? { ok: true, value: { q: read.query, team: read.team ?? user.team } } : read;
  }
  const parsed = archiveListQuerySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    return { ok: false, error: syncError('invalid_request', undefined, issues) };
  }
  const q = parsed.data;
  if (user.role !== 'agent') return { ok: true, value: { q, team: q.team ?? null } };
  if ((q.agent && q.agent !== user.staffNo) || q.team) {
    return { ok: false, error: syncError('forbidden', { zh: '坐席只能查看本人的通话记录', en: 'an agent lists only their own sessions' }) };
  }
  return { ok: true, value: { q: { ...q, agent: user.staffNo }, team: null } };
}

/** The archived session `:id` if it exists and the caller may listen to it; audits a refusal. */
async function listenable(ctx: RouteContext, action: string) {
  const t = target(ctx);
  if ('ok' in t) return t;
  const found = await findArchivedSession(ctx.center.store.db, t.id);
  if (!found) return { ok: false as const, error: syncError('not_found', { zh: `中心没有通话记录 ${t.id}`, en: `no archived session ${t.id}` }) };
  const purgedAt = found.row.retention?.purgedAt;
  if (purgedAt) {
    return {
      ok: false as const,
      error: syncError('not_found', {
        zh: `通话记录 ${t.id} 已于 ${purgedAt.slice(0, 10)} 按保存期限删除`,
        en: `session ${t.id} was purged on ${purgedAt} (retention ended)`,
      }),
    };
  }
  // An agent replays only their own call, and only while QA failed items on it (audited as such).
  const ownFailed = ctx.user.role === 'agent' && found.row.agentId === ctx.user.staffNo ? await failedItemsOf(ctx.center.store.db, t.id) : [];
  const denied = ctx.user.role !== 'agent' ? mayListen(ctx.user, found.row.team) : agentReplayRefusal(ctx.user.staffNo, found.row.agentId, ownFailed);
  if (denied) {
    await audit(ctx.center.store.db, {
      actor: ctx.user.staffNo,
      action: `${action}_refused`,
      target: t.id,
      detail: { workstation: workstationOf(ctx.req), code: denied.code },
    });
    return { ok: false as const, error: denied };
  }
  return { archive: t.archive, id: t.id, found, own: ctx.user.role === 'agent' ? { failedItems: ownFailed } : null };
}

/**
 * QA across desks (README "Evidence archive"; docs/domain.md §9, 个人信息保护法 第55–56条): list
 * the archive with filters, open one session (its record and the recording's key re-wrapped for
 * the desk), stream the sealed recording (Range), and record play/seek. Every list, open,
 * download, play and seek — and every refusal to open — is audited with the workstation. An agent
 * may open and play their own call while its current QA evaluation has failed items (the agent's
 * side of QA: hear what was marked wrong), audited with those items.
 */
export const archiveQaRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/archive/sessions',
    roles: [...LISTENERS, 'agent'],
    async handle(ctx) {
      const settled = listQuery(ctx);
      if (!settled.ok) return settled;
      const { q, team } = settled.value;
      const iso = (t: string | undefined) => (t ? new Date(t).toISOString() : undefined);
      const items = await listArchivedSessions(ctx.center.store.db, { ...q, team, from: iso(q.from), to: iso(q.to) });
      const { limit: _limit, ...filters } = q;
      await audit(ctx.center.store.db, {
        actor: ctx.user.staffNo,
        action: 'archive.sessions_listed',
        target: team ?? undefined,
        detail: {
          team: team ?? 'all',
          ...filters,
          agent: q.agent ?? null,
          from: q.from ?? null,
          to: q.to ?? null,
          rows: items.length,
          workstation: workstationOf(ctx.req),
        },
      });
      return { ok: true, value: { items } };
    },
  },
  route({
    method: 'POST',
    path: '/api/archive/sessions/:id/open',
    roles: [...LISTENERS, 'agent'],
    body: archiveOpenRequestSchema,
    async handle(ctx) {
      const { body } = ctx;
      const l = await listenable(ctx, 'archive.session_open');
      if ('ok' in l) return l;
      const opened = openForDesk(l.archive.keys, l.found, body.publicKeyPem);
      if (opened.ok) {
        await audit(ctx.center.store.db, {
          actor: ctx.user.staffNo,
          action: 'archive.session_opened',
          target: l.id,
          detail: {
            workstation: workstationOf(ctx.req),
            agent: l.found.row.agentId,
            team: l.found.row.team,
            ...(l.own && { ownFailedItems: l.own.failedItems }),
          },
        });
      }
      return opened;
    },
  }),
  {
    method: 'GET',
    path: '/api/archive/sessions/:id/recording',
    roles: [...LISTENERS, 'agent'],
    async handle(ctx) {
      const l = await listenable(ctx, 'archive.recording_download');
      if ('ok' in l) return l;
      const { blobKey } = l.found;
      const size = blobKey ? await l.archive.blobs.size(blobKey) : null;
      if (!blobKey || size === null)
        return { ok: false, error: syncError('not_found', { zh: '该通话没有归档录音', en: `session ${l.id} has no archived recording` }) };
      const range = parseRange(ctx.req.headers.range, size);
      if (range === 'unsatisfiable') {
        void ctx.reply
          .code(416)
          .headers({ 'content-range': `bytes */${size}`, 'cache-control': 'no-store' })
          .send();
        return 'handled';
      }
      const span = range ?? { start: 0, end: size - 1 };
      await audit(ctx.center.store.db, {
        actor: ctx.user.staffNo,
        action: 'archive.recording_downloaded',
        target: l.id,
        detail: { workstation: workstationOf(ctx.req), from: span.start, to: span.end, size, ...(l.own && { ownFailedItems: l.own.failedItems }) },
      });
      // The reply pipes the blob's stream; a client that goes away ends the read.
      void ctx.reply
        .code(range ? 206 : 200)
        .headers({
          'content-type': 'application/octet-stream',
          'content-length': span.end - span.start + 1,
          'accept-ranges': 'bytes',
          'cache-control': 'no-store',
          ...(range ? { 'content-range': `bytes ${span.start}-${span.end}/${size}` } : {}),
        })
        .send(size === 0 ? Buffer.alloc(0) : l.archive.blobs.read(blobKey, span.start, span.end));
      return 'handled';
    },
  },
  route({
    method: 'POST',
    path: '/api/archive/sessions/:id/events',
    roles: [...LISTENERS, 'agent'],
    body: archiveEventsRequestSchema,
    async handle(ctx) {
      const { body } = ctx;
      const l = await listenable(ctx, 'archive.recording_play');
      if ('ok' in l) return l;
      const workstation = workstationOf(ctx.req);
      await ctx.center.store.db.transaction().execute(async (trx) => {
        for (const e of body.events) {
          await audit(trx, {
            actor: ctx.user.staffNo,
            action: e.action === 'play' ? 'archive.recording_played' : 'archive.recording_seeked',
            target: l.id,
            detail: {
              workstation,
              at: new Date(e.at).toISOString(),
              positionMs: Math.round(e.positionMs),
              questionId: e.questionId,
              ...(l.own && { own: true }),
            },
          });
        }
      });
      return { ok: true, value: { recorded: body.events.length } };
    },
  }),
];
