import { describe, expect, it } from 'vitest';
import { blobSource, parseCsv, textSource } from '../../../src/core/data';
import { cellText } from '../../../src/core/data/table';
import { parseText } from './helpers';

const cells = (table: Awaited<ReturnType<typeof parseText>>, column: number) =>
  Array.from({ length: table.rowCount }, (_, row) => cellText(table.columns[column], row));

describe('parseCsv', () => {
  it('reads a comma file into typed columns with file lines', async () => {
    const table = await parseText('a,b,label\n1,2.5,x\n3,-4e2,y\n');
    expect(table.columns.map((c) => c.name)).toEqual(['a', 'b', 'label']);
    expect(table.rowCount).toBe(2);
    expect(Array.from(table.columns[1].numbers)).toEqual([2.5, -400]);
    expect(table.columns[0].codes).toBeNull();
    expect(cells(table, 2)).toEqual(['x', 'y']);
    expect(Array.from(table.lines)).toEqual([2, 3]);
    expect(table.delimiter).toBe(',');
    expect(table.warnings).toEqual([]);
  });

  it('detects semicolon delimiters and reads decimal commas', async () => {
    const table = await parseText('height;weight;class\n1,5;70;a\n1,8;82,5;b\n');
    expect(table.delimiter).toBe(';');
    expect(Array.from(table.columns[0].numbers)).toEqual([1.5, 1.8]);
    expect(Array.from(table.columns[1].numbers)).toEqual([70, 82.5]);
  });

  it('detects tab delimiters (TSV) with commas inside values', async () => {
    const table = await parseText('name\tcity\tscore\nann\tParis, FR\t1\nbob\tRome, IT\t2\n');
    expect(table.delimiter).toBe('\t');
    expect(cells(table, 1)).toEqual(['Paris, FR', 'Rome, IT']);
  });

  it('removes a byte-order mark from the first column name', async () => {
    const table = await parseText('\uFEFFa,b\n1,2\n');
    expect(table.columns[0].name).toBe('a');
  });

  it('reads quoted fields with delimiters, doubled quotes and line breaks, and keeps line numbers right', async () => {
    const text = 'id,text,y\n1,"hello, world",a\n2,"she said ""hi""",b\n3,"two\nlines",a\n4,plain,b\n';
    const table = await parseText(text);
    expect(cells(table, 1)).toEqual(['hello, world', 'she said "hi"', 'two\nlines', 'plain']);
    expect(Array.from(table.lines)).toEqual([2, 3, 4, 6]);
  });

  it('handles CRLF and CR line breaks', async () => {
    expect((await parseText('a,b\r\n1,2\r\n3,4\r\n')).rowCount).toBe(2);
    const cr = await parseText('a,b\r1,2\r3,4');
    expect(Array.from(cr.columns[1].numbers)).toEqual([2, 4]);
  });

  it('gives the same table whatever the chunk size (rows and quotes split across chunks)', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => `${i},"v ""${i % 7}"", x",${(i * 0.37).toFixed(2)}\r\n`);
    const text = 'n,q,f\r\n' + rows.join('');
    const whole = await parseText(text, 't.csv', { chunk: 1 << 20 });
    for (const chunk of [1, 7, 64, 1000]) {
      const table = await parseText(text, 't.csv', { chunk });
      expect(table.rowCount).toBe(300);
      expect(cells(table, 1)).toEqual(cells(whole, 1));
      expect(Array.from(table.columns[2].numbers)).toEqual(Array.from(whole.columns[2].numbers));
    }
  });

  it('treats NA, empty and ? cells as missing, and trims text', async () => {
    const table = await parseText('x,c\n1, red \nNA,?\n,blue\n3,N/A\n');
    expect(Array.from(table.columns[0].numbers).map((n) => (Number.isNaN(n) ? null : n))).toEqual([1, null, null, 3]);
    expect(cells(table, 1)).toEqual(['red', '', 'blue', '']);
  });

  it('skips blank lines with a warning and renames empty or duplicate headers', async () => {
    const table = await parseText('a,,a\n1,2,3\n\n4,5,6\n,,\n');
    expect(table.columns.map((c) => c.name)).toEqual(['a', 'column_2', 'a_2']);
    expect(table.rowCount).toBe(2);
    expect(table.warnings.join('\n')).toMatch(/skipped 2 blank lines/);
    expect(table.warnings.join('\n')).toMatch(/appears twice/);
  });

  it('reports progress in bytes and rows', async () => {
    const text = 'a,b\n' + '1,2\n'.repeat(5000);
    const seen: number[] = [];
    await parseCsv(textSource('p.csv', text, 4096), { onProgress: (p) => seen.push(p.bytesRead / p.totalBytes) });
    expect(seen.length).toBeGreaterThan(3);
    expect(seen[seen.length - 1]).toBe(1);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });

  it('reads Blobs in chunks, UTF-8 across chunk boundaries, UTF-16 with a BOM and windows-1252', async () => {
    const text = 'name,y\n' + Array.from({ length: 50 }, (_, i) => `café ${i},${i % 2}`).join('\n');
    const utf8 = await parseCsv(blobSource(new Blob([text]), 'u.csv', 5));
    expect(cells(utf8, 0)[49]).toBe('café 49');
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) utf16[2 + i * 2] = text.charCodeAt(i);
    const table16 = await parseCsv(blobSource(new Blob([utf16]), 'w.csv'));
    expect(cells(table16, 0)[3]).toBe('café 3');
    const latin = Uint8Array.from('a,b\nd\u00e9j\u00e0,1\n', (c) => c.charCodeAt(0));
    expect(cells(await parseCsv(blobSource(new Blob([latin]), 'l.csv')), 0)).toEqual(['déjà']);
  });
});
