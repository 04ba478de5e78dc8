import { detectTableFormat, parseCsv, readTables, sendTables } from './tabular.js';

describe('CSV', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF or LF', () => {
    expect(parseCsv('a,b,c\r\n"x, y","say ""hi""","two\nlines"\nlast,,\n')).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'two\nlines'],
      ['last', '', ''],
    ]);
  });

  it('reads a table by header, skipping blank rows, numbering rows as a spreadsheet does, undoing the formula guard', async () => {
    const [table] = await readTables(Buffer.from('\uFEFFcode,title\r\n\r\nA-1,"=SUM(1)"\r\nB-2,\'-minus\r\n'), 'csv');
    expect(table!.columns).toEqual(['code', 'title']);
    expect(table!.rows).toEqual([
      { row: 3, cells: { code: 'A-1', title: '=SUM(1)' } },
      { row: 4, cells: { code: 'B-2', title: '-minus' } },
    ]);
  });

  it('tells XLSX (a ZIP) from CSV by the content', () => {
    expect(detectTableFormat(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0]))).toBe('xlsx');
    expect(detectTableFormat(Buffer.from('code,title\n'))).toBe('csv');
  });

  it('writes what it reads: formula-looking cells guarded, quotes and commas escaped, a byte-order mark first', async () => {
    let body: unknown;
    const headers: Record<string, string> = {};
    const reply = { header: (k: string, v: string) => ((headers[k] = v), reply), send: (b: unknown) => ((body = b), reply) };
    async function* rows() {
      yield ['=1+1', 'a "quoted", text', null, 3];
    }
    sendTables(reply as never, 'csv', 'x', [{ name: 'X', columns: ['a', 'b', 'c', 'd'], rows: rows() }]);
    let text = '';
    for await (const chunk of body as AsyncIterable<string>) text += chunk;
    expect(text).toBe('\uFEFFa,b,c,d\r\n\'=1+1,"a ""quoted"", text",,3\r\n');
    expect(headers['content-disposition']).toBe('attachment; filename="x.csv"');
    const [back] = await readTables(Buffer.from(text), 'csv');
    expect(back!.rows[0]!.cells).toEqual({ a: '=1+1', b: 'a "quoted", text', c: '', d: '3' });
  });
});
