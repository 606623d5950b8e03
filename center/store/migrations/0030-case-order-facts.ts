import { sql, type Kysely } from 'kysely';
import type { StoreEngine } from '../engine';

/**
 * The two facts the management report needs of a case's work orders (center/reports/due-groups.ts),
 * as SQL over the orders of the case `cases.policy_no`:
 * - whether the branch closed one of them by its due date (a branch follow-up success);
 * - its problem and substandard orders' kinds as JSON `[category, kinds]` pairs joined by commas in
 *   order of the orders' ids (null: no such order). Categories are fixed words, so the pairs are
 *   valid JSON whatever the kinds hold.
 */
const IN_TIME = `coalesce((select max(case when w.status = 'done' and w.closed_on <= w.due_date then 1 else 0 end)
    from work_orders w where w.policy_no = cases.policy_no), 0)`;
const KIND_ENTRY = `'["' || w.category || '",' || w.result_kinds || ']'`;
const kinds = (engine: StoreEngine) =>
  `(select ${engine === 'postgres' ? 'string_agg' : 'group_concat'}(${KIND_ENTRY}, ',' order by w.id)
    from work_orders w where w.policy_no = cases.policy_no and w.category in ('problem', 'substandard'))`;
const refresh = (engine: StoreEngine, where: string) => `update cases set order_in_time = ${IN_TIME}, order_kinds = ${kinds(engine)} where ${where}`;

/** SQLite's covering index of the report's pass over a period's cases. */
export const SQLITE_PASS_INDEX = 'cases_report_pass';

/** The order columns the facts read: an update of none of them leaves the facts as they are. */
const READ_COLUMNS = 'policy_no, category, result_kinds, status, closed_on, due_date';

/**
 * Schema version 0030: the month's report over a million results within three scans of them. The
 * report's one pass over the period's cases grouped every work order per case to learn the two
 * facts above, which cost as much as reading the cases. They become columns of the case, kept by
 * triggers on `work_orders`, so every writer of orders (raising, branch actions, the revisit loop,
 * a holiday schedule moving due dates) keeps them true without knowing of them, and back-filled
 * here. An order is only ever raised for a stored case, so inserting a case needs no trigger. The
 * pass then reads the cases alone; on PostgreSQL in parallel workers (see the statistics below).
 */
export function caseOrderFactsMigration(engine: StoreEngine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`alter table cases add column order_in_time smallint not null default 0`.execute(db);
      await sql`alter table cases add column order_kinds text`.execute(db);
      await sql.raw(refresh(engine, 'policy_no in (select policy_no from work_orders)')).execute(db);
      if (engine === 'postgres') {
        // The planner takes the report's groupings for independent columns and expects a hundred
        // thousand groups in a month where there are hundreds (a branch has one name, an agent few
        // branches): too many to aggregate in parallel workers. Their joint statistics (the agent
        // written as center/reports/due-groups.ts writes it) let it count them.
        await sql`create statistics cases_report_groups (ndistinct)
          on channel_kind, branch_code, branch_name, product_design, (coalesce(result_by, assigned_to, '-')), order_kinds from cases`.execute(db);
        // One function for the three events: OLD is null on insert, NEW on delete.
        await sql
          .raw(
            `create function work_orders_case_facts() returns trigger language plpgsql as $$
          begin
            ${refresh(engine, 'policy_no in (new.policy_no, old.policy_no)')};
            return null;
          end $$`,
          )
          .execute(db);
        await sql
          .raw(
            `create trigger work_orders_case_facts after insert or delete or update of ${READ_COLUMNS}
          on work_orders for each row execute function work_orders_case_facts()`,
          )
          .execute(db);
        return;
      }
      // SQLite groups by sorting, and sorting the groupings it derives from each case's JSON cost
      // four times a read of the month (the virtual columns of 0024 parse it per row). An index of
      // the period's cases holding every column the pass reads gives it them ready: the JSON is
      // parsed once per write of a case instead of once per report (due-groups.ts names it).
      await sql
        .raw(
          `create index ${SQLITE_PASS_INDEX} on cases (deadline, status, channel_kind, branch_code, branch_name, product_design,
        result_by, assigned_to, result_class, order_in_time, order_kinds, team)`,
        )
        .execute(db);
      await sql
        .raw(
          `create trigger work_orders_case_facts_insert after insert on work_orders
        begin ${refresh(engine, 'policy_no = new.policy_no')}; end`,
        )
        .execute(db);
      await sql
        .raw(
          `create trigger work_orders_case_facts_update after update of ${READ_COLUMNS} on work_orders
        begin ${refresh(engine, 'policy_no in (new.policy_no, old.policy_no)')}; end`,
        )
        .execute(db);
      await sql
        .raw(
          `create trigger work_orders_case_facts_delete after delete on work_orders
        begin ${refresh(engine, 'policy_no = old.policy_no')}; end`,
        )
        .execute(db);
    },
  };
}
