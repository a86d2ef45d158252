// Owns writing report rows as CSV (RFC 4180) that is safe to open in a spreadsheet.
export type CsvValue = string | number | boolean | null;

export interface CsvColumn {
  /** The row property the column shows. */
  key: string;
  header: string;
}

/** RFC 4180's line break, written after every record including the last (the RFC allows either). */
const CRLF = '\r\n';
/** Characters that make a field need quotes: the quote itself, the separator, and line breaks. */
// `;` and tab too: Excel in a Danish locale splits on `;`, so an unquoted `;=…` would start a formula cell.
const NEEDS_QUOTES = /["\r\n,;\t]/;
/**
 * A text starting with one of these is read by Excel and LibreOffice as a formula (`=HYPERLINK(...)`,
 * `@SUM(...)`, `+cmd|...`); a leading apostrophe makes the spreadsheet show it as text. Tab and CR are on
 * OWASP's list because some spreadsheets skip them before looking for the formula sign.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * The rows as CSV with a header line, columns in the order given. Null, a missing property and a number that
 * is not finite give an empty field; numbers are written as JavaScript writes them (a negative number stays
 * a number, never guarded); booleans as `true`/`false`. Text (headers too) is guarded against formula
 * injection, then quoted when it contains a quote, comma, CR or LF, with its quotes doubled.
 */
export function toCsv(
  rows: readonly Readonly<Record<string, CsvValue>>[],
  columns: readonly CsvColumn[],
): string {
  const lines = [columns.map((c) => textField(c.header))];
  // Own properties only: a column keyed `constructor` must not print Object's.
  for (const row of rows)
    lines.push(columns.map((c) => field(Object.hasOwn(row, c.key) ? row[c.key] : null)));
  return lines.map((fields) => fields.join(',') + CRLF).join('');
}

function field(value: CsvValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return String(value);
  return textField(value);
}

function textField(text: string): string {
  const guarded = FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}
