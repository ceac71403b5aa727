/** The summary table a person can paste into the README. */

export interface TableRow {
  metric: string;
  ours: string;
  peer: string;
  ratio: string;
  target: string;
  /** undefined when there is no target or nothing was measured */
  met?: boolean;
}

const escape = (cell: string) => cell.replace(/\|/g, '\\|');

export function markdownTable(rows: TableRow[]): string {
  const lines = ['| metric | ours | peer / floor | ratio | target |', '| --- | ---: | ---: | ---: | --- |'];
  for (const row of rows) {
    const verdict = row.met === undefined ? '' : row.met ? ' ✅' : ' ❌';
    lines.push(`| ${[row.metric, row.ours, row.peer, row.ratio, row.target + verdict].map(escape).join(' | ')} |`);
  }
  return lines.join('\n');
}
