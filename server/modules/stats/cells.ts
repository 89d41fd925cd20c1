import type { Kysely } from 'kysely';
import { BUCKET_COUNT } from '../../../core/stats/histogram.ts';
import type { CellAccumulator } from '../../../core/stats/facts.ts';
import type { Database } from '../../db/schema.ts';
import type { DatabaseKind } from '../../db/database.ts';
import { bulkInsert } from '../../db/bulk.ts';

type Db = Kysely<Database>;

const WAIT_COLUMNS = Array.from({ length: BUCKET_COUNT }, (_, i) => `w${i}` as const);
const HANDLE_COLUMNS = Array.from({ length: BUCKET_COUNT }, (_, i) => `h${i}` as const);
const TICKET_SUMS = ['tickets', 'served', 'no_show', 'transferred', 'cancelled', 'waited', 'wait_sum_s', 'within_target', 'handled', 'handle_sum_s', ...WAIT_COLUMNS, ...HANDLE_COLUMNS] as const;
const VISIT_SUMS = ['visits', 'served_visits', 'multi_desk', 'desks'] as const;
const TICKET_KEY = ['grain', 'dim', 'period', 'centre_id', 'service_id', 'value'];
const VISIT_KEY = ['grain', 'dim', 'period', 'centre_id', 'value'];

/** Rows per insert: 51 parameters a ticket cell keeps one statement well under both databases' limits. */
const CHUNK = 300;

/**
 * Adds accumulated contributions to the cells: a new cell is inserted, an existing one has every
 * count and sum increased. Adding (not overwriting) is what makes a fold, a rebuild in batches and
 * a history load all write through the same statement.
 */
export async function addCells(db: Db, kind: DatabaseKind, acc: CellAccumulator): Promise<void> {
  const tickets = [...acc.tickets.values()].map(({ centreId, serviceId, key, m }) => {
    const row: Record<string, string | number> = {
      grain: key.grain,
      dim: key.dim,
      period: key.period,
      centre_id: centreId,
      service_id: serviceId,
      value: key.value,
      tickets: m.tickets,
      served: m.served,
      no_show: m.noShow,
      transferred: m.transferred,
      cancelled: m.cancelled,
      waited: m.waited,
      wait_sum_s: m.waitSumS,
      within_target: m.withinTarget,
      handled: m.handled,
      handle_sum_s: m.handleSumS,
    };
    for (let i = 0; i < BUCKET_COUNT; i++) {
      row[`w${i}`] = m.waitHist[i]!;
      row[`h${i}`] = m.handleHist[i]!;
    }
    return row;
  });
  await bulkInsert(db, kind, 'stats_ticket_cell', tickets, { conflictColumns: TICKET_KEY, onConflictAdd: TICKET_SUMS, rowsPerStatement: CHUNK });
  const visits = [...acc.visits.values()].map(({ centreId, key, m }) => ({
    grain: key.grain,
    dim: key.dim,
    period: key.period,
    centre_id: centreId,
    value: key.value,
    visits: m.visits,
    served_visits: m.servedVisits,
    multi_desk: m.multiDesk,
    desks: m.desks,
  }));
  await bulkInsert(db, kind, 'stats_visit_cell', visits, { conflictColumns: VISIT_KEY, onConflictAdd: VISIT_SUMS, rowsPerStatement: CHUNK * 4 });
}

export async function deleteCellsOfCentre(db: Db, centreId: string): Promise<void> {
  await db.deleteFrom('stats_ticket_cell').where('centre_id', '=', centreId).execute();
  await db.deleteFrom('stats_visit_cell').where('centre_id', '=', centreId).execute();
}

export { TICKET_SUMS, VISIT_SUMS, WAIT_COLUMNS, HANDLE_COLUMNS };
