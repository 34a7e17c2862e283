// The two file formats of the affiliate feed, one line at a time: NDJSON (one JSON object per line) and CSV
// (a header row naming the columns with the JSON field names, then one affiliate per row; RFC 4180 quoting,
// without line breaks inside a cell). Neither holds more than the current line.
import { AFFILIATE_FIELDS } from './affiliateRecord';

export type ParsedLine = { ok: true; value: Record<string, unknown> } | { ok: false; code: string; message: string } | { ok: true; header: true };

export interface LineParser {
  parse(text: string): ParsedLine;
}

export function ndjsonParser(): LineParser {
  return {
    parse(text) {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        return { ok: false, code: 'malformed_json', message: 'la línea no es JSON válido' };
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        return { ok: false, code: 'malformed_json', message: 'la línea debe ser un objeto JSON' };
      }
      return { ok: true, value: value as Record<string, unknown> };
    },
  };
}

/** Splits one CSV row; undefined when a quote is left open. */
export function splitCsvRow(text: string, separator = ','): string[] | undefined {
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    if (text[i] === '"') {
      let cell = '';
      i += 1;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote < 0) return undefined;
        cell += text.slice(i, quote);
        if (text[quote + 1] === '"') {
          cell += '"';
          i = quote + 2;
          continue;
        }
        i = quote + 1;
        break;
      }
      cells.push(cell);
      if (i >= text.length) return cells;
      if (text[i] !== separator) return undefined;
      i += 1;
    } else {
      const next = text.indexOf(separator, i);
      if (next < 0) {
        cells.push(text.slice(i));
        return cells;
      }
      cells.push(text.slice(i, next));
      i = next + 1;
    }
  }
}

/** The first row names the columns (any order; unknown names refused, missing optional columns allowed). */
export function csvParser(): LineParser {
  let columns: string[] | undefined;
  let separator = ',';
  return {
    parse(text) {
      if (!columns) {
        // Spreadsheets in Spanish locales save with ';'.
        separator = text.includes(';') && !text.includes(',') ? ';' : ',';
        const names = (splitCsvRow(text.replace(/^\uFEFF/, ''), separator) ?? []).map((n) => n.trim());
        const unknown = names.filter((n) => !(AFFILIATE_FIELDS as readonly string[]).includes(n));
        if (unknown.length > 0 || names.length === 0) {
          return { ok: false, code: 'bad_header', message: `columnas desconocidas en el encabezado: ${unknown.join(', ') || '(vacío)'}` };
        }
        columns = names;
        return { ok: true, header: true };
      }
      const cells = splitCsvRow(text, separator);
      if (!cells) return { ok: false, code: 'malformed_csv', message: 'comillas sin cerrar o texto después de unas comillas' };
      if (cells.length !== columns.length) {
        return { ok: false, code: 'malformed_csv', message: `la fila tiene ${cells.length} columnas y el encabezado ${columns.length}` };
      }
      const value: Record<string, unknown> = {};
      for (let c = 0; c < columns.length; c++) value[columns[c]!] = cells[c];
      return { ok: true, value };
    },
  };
}
