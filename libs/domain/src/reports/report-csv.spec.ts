// Tests CSV writing: RFC 4180 quoting and line ends, empty fields, and the formula-injection guard.
import { toCsv, type CsvColumn } from './report-csv';

const columns: CsvColumn[] = [
  { key: 'zone', header: 'Zone' },
  { key: 'hours', header: 'Timer over' },
];

describe('toCsv', () => {
  it('writes a header line and one line per row, each ended by CRLF', () => {
    const csv = toCsv(
      [
        { zone: 'Assens Havn', hours: 0.83 },
        { zone: 'Tommerup', hours: 2 },
      ],
      columns,
    );
    expect(csv).toBe('Zone,Timer over\r\nAssens Havn,0.83\r\nTommerup,2\r\n');
  });

  it('writes only the header for no rows, and takes columns in the order given, ignoring other properties', () => {
    expect(toCsv([], columns)).toBe('Zone,Timer over\r\n');
    const reversed = [...columns].reverse();
    expect(toCsv([{ zone: 'Haarby', hours: 1, extra: 'x' }], reversed)).toBe(
      'Timer over,Zone\r\n1,Haarby\r\n',
    );
  });

  it('quotes fields containing a quote, a comma, CR or LF, doubling the quotes', () => {
    const rows = [
      { zone: 'Dige "Assens by"', hours: 1 },
      { zone: 'Assens, Havn', hours: 1 },
      { zone: 'line\nbreak', hours: 1 },
      { zone: 'carriage\rreturn', hours: 1 },
      { zone: 'Næs og Ærø', hours: 1 }, // nothing to quote
    ];
    expect(toCsv(rows, columns).split('\r\n').slice(1, -1)).toEqual([
      '"Dige ""Assens by""",1',
      '"Assens, Havn",1',
      '"line\nbreak",1',
      '"carriage\rreturn",1',
      'Næs og Ærø,1',
    ]);
  });

  it('writes null, a missing property and a number that is not finite as an empty field', () => {
    const csv = toCsv([{ zone: null, hours: Number.NaN }, { hours: Infinity }, { zone: 'x' }], columns);
    expect(csv).toBe('Zone,Timer over\r\n,\r\n,\r\nx,\r\n');
    expect(toCsv([{ zone: 'x' }], [{ key: 'constructor', header: 'c' }])).toBe('c\r\n\r\n');
  });

  it('writes numbers and booleans as they are, a negative number unguarded', () => {
    const csv = toCsv(
      [{ a: -0.2, b: 1.8, c: 0, d: true, e: false }],
      ['a', 'b', 'c', 'd', 'e'].map((key) => ({ key, header: key })),
    );
    expect(csv).toBe('a,b,c,d,e\r\n-0.2,1.8,0,true,false\r\n');
  });

  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+45 12 34 56 78', "'+45 12 34 56 78"],
    ['-0.2', "'-0.2"], // text that looks like a number is still text
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\tcmd', `"'\tcmd"`], // guarded, then quoted for the tab
    ['Havn;=cmd|\' /C calc\'!A0', `"Havn;=cmd|' /C calc'!A0"`], // a Danish Excel splits on ';': quoted
    ['\rcmd', `"'\rcmd"`], // guarded, then quoted for the CR
    ['a=b', 'a=b'], // only a leading sign is a formula
  ])('guards the text %j against formula injection as %j', (text, expected) => {
    expect(toCsv([{ zone: text, hours: 1 }], columns)).toBe(`Zone,Timer over\r\n${expected},1\r\n`);
  });

  it('guards and quotes headers like any other text', () => {
    expect(toCsv([], [{ key: 'a', header: '=cmd, "x"' }])).toBe(`"'=cmd, ""x"""\r\n`);
  });
});
