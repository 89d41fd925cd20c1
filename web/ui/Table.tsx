import type { ReactNode } from 'react';

/** A scrollable data table with a caption and one header row of column names; the rows are the children. */
export function Table({ caption, columns, testId, children }: { caption: ReactNode; columns: ReactNode[]; testId?: string | undefined; children: ReactNode }) {
  return (
    <div className="table-wrap">
      <table data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
