import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { DatabaseKind } from './database.ts';

/**
 * Multi-row INSERT written as one SQL text per table and batch size, with the values bound as
 * parameters: loading millions of rows through the query builder costs more in building queries
 * than in writing them. `onConflictAdd` turns it into an upsert that adds to the named columns.
 */
export async function bulkInsert(
  db: Kysely<Database>,
  kind: DatabaseKind,
  table: string,
  rows: readonly Record<string, unknown>[],
  options: { conflictColumns?: readonly string[]; onConflictAdd?: readonly string[]; rowsPerStatement?: number } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  // Both databases bind at most 32,766 (SQLite) / 65,535 (PostgreSQL) parameters per statement.
  const perStatement = Math.max(1, Math.min(options.rowsPerStatement ?? 1000, Math.floor(30_000 / columns.length)));
  const texts = new Map<number, string>();
  const textFor = (n: number) => {
    let text = texts.get(n);
    if (!text) {
      let p = 0;
      const tuples = Array.from({ length: n }, () => `(${columns.map(() => (kind === 'postgres' ? `$${++p}` : '?')).join(',')})`);
      text = `insert into ${quote(table)} (${columns.map(quote).join(',')}) values ${tuples.join(',')}`;
      if (options.conflictColumns && options.onConflictAdd) {
        text += ` on conflict (${options.conflictColumns.map(quote).join(',')}) do update set ${options.onConflictAdd.map((c) => `${quote(c)} = ${quote(table)}.${quote(c)} + excluded.${quote(c)}`).join(',')}`;
      }
      texts.set(n, text);
    }
    return text;
  };
  for (let i = 0; i < rows.length; i += perStatement) {
    const slice = rows.slice(i, i + perStatement);
    const params: unknown[] = new Array(slice.length * columns.length);
    let k = 0;
    for (const row of slice) for (const c of columns) params[k++] = row[c] ?? null;
    await db.executeQuery(CompiledQuery.raw(textFor(slice.length), params));
  }
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
