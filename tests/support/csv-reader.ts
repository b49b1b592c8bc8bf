/** Strict RFC 4180 reader (quotes doubled, CRLF records): an oracle independent of csv-stringify. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') {
      // Opening or closing quote; a quote inside an unquoted cell would be malformed anyway.
      quoted = !quoted;
    } else if (quoted) {
      cell += ch;
    } else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      rows.push([...row, cell]);
      row = [];
      cell = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      // Spreadsheets end the record here: a line break in a cell must be quoted.
      throw new Error(`unquoted line break at ${i}`);
    } else {
      cell += ch;
    }
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}
