import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../../signaling/reports/csv.js';

describe('csvCell', () => {
  it('leaves plain values bare', () => {
    expect(csvCell('Cardiology')).toBe('Cardiology');
    expect(csvCell(12)).toBe('12');
    expect(csvCell(0.25)).toBe('0.25');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(true)).toBe('true');
  });
  it('writes null, undefined and non-finite numbers as empty cells', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });
  it('quotes commas, quotes, line breaks and edge spaces, doubling inner quotes', () => {
    expect(csvCell('ECG, interpretation')).toBe('"ECG, interpretation"');
    expect(csvCell('the "usual" dose')).toBe('"the ""usual"" dose"');
    expect(csvCell('line1\nline2')).toBe('"line1\nline2"');
    expect(csvCell('a\r\nb')).toBe('"a\r\nb"');
    expect(csvCell(' padded ')).toBe('" padded "');
  });
  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+44')).toBe("'+44");
    expect(csvCell('-sum')).toBe("'-sum");
    expect(csvCell('@cmd')).toBe("'@cmd");
  });
});

describe('toCsv', () => {
  it('writes a header row and CRLF-terminated rows', () => {
    expect(
      toCsv(
        ['topic', 'count'],
        [
          ['ECG, 12-lead', 3],
          ['Lithium', null],
        ],
      ),
    ).toBe('topic,count\r\n"ECG, 12-lead",3\r\nLithium,\r\n');
  });
  it('writes just the header for no rows', () => {
    expect(toCsv(['a', 'b'], [])).toBe('a,b\r\n');
  });
});
