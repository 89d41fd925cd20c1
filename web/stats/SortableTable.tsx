import { useState, type ReactNode } from 'react';

export interface Column<R> {
  id: string;
  header: string;
  /** What the column sorts by; null sorts last either way. */
  sortValue(row: R): number | string | null;
  cell(row: R): ReactNode;
  numeric?: boolean;
}

/**
 * A data table whose column headers are buttons that sort it, so the rows can be ordered from
 * the keyboard; aria-sort (not the arrow, which is hidden) is what a screen reader hears. The
 * first column is the row header. Rows keep the server's order until a header is pressed; the
 * footer (a total) never moves.
 */
export function SortableTable<R>({ caption, columns, rows, rowKey, footer, testId }: { caption: ReactNode; columns: Column<R>[]; rows: R[]; rowKey: (row: R) => string; footer?: R | undefined; testId?: string | undefined }) {
  const [sort, setSort] = useState<{ id: string; descending: boolean } | null>(null);
  const column = sort && columns.find((c) => c.id === sort.id);
  const sorted = column
    ? [...rows].sort((a, b) => {
        const x = column.sortValue(a);
        const y = column.sortValue(b);
        if (x === y) return 0;
        if (x === null) return 1;
        if (y === null) return -1;
        const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
        return sort.descending ? -order : order;
      })
    : rows;
  const press = (c: Column<R>) =>
    // Numbers are most often wanted largest first; names alphabetically.
    setSort((s) => (s?.id === c.id ? { id: c.id, descending: !s.descending } : { id: c.id, descending: !!c.numeric }));
  const cells = (row: R) =>
    columns.map((c, i) =>
      i === 0 ? (
        <th key={c.id} scope="row">
          {c.cell(row)}
        </th>
      ) : (
        <td key={c.id} className={c.numeric ? 'num' : undefined}>
          {c.cell(row)}
        </td>
      ),
    );
  return (
    <div className="table-wrap stats-table">
      <table data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => {
              const active = sort?.id === c.id;
              return (
                <th key={c.id} scope="col" className={c.numeric ? 'num' : undefined} aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : undefined}>
                  <button type="button" className="sort-button" onClick={() => press(c)}>
                    {c.header}
                    <span aria-hidden="true" className="sort-mark">
                      {active ? (sort.descending ? ' ▼' : ' ▲') : ' ↕'}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={rowKey(row)}>{cells(row)}</tr>
          ))}
        </tbody>
        {footer && (
          <tfoot>
            <tr>{cells(footer)}</tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
