import { describe, expect, it } from 'vitest';
import { asPdfName, cleanFileName, withoutControlCharacters } from '../../src/domain/fileNames';

describe('file names from users and agents', () => {
  it.each([
    ['../../etc/informe final.pdf', 'informe final.pdf'],
    ['C:\\Users\\laura\\formato final.pdf', 'formato final.pdf'],
    ['"orden"\u0000\u001b.pdf', 'orden.pdf'],
    ['   ', 'archivo'],
    [undefined, 'archivo'],
  ])('%j → %j (no path, no control characters or quotes, a fallback)', (name, cleaned) => {
    expect(cleanFileName(name, 'archivo')).toBe(cleaned);
  });

  it('keeps names bounded', () => {
    expect(cleanFileName(`${'a'.repeat(300)}.pdf`, 'x')).toHaveLength(120);
    expect(cleanFileName(`${'a'.repeat(300)}.pdf`, 'x', 200)).toHaveLength(200);
  });

  it('names a file that became a PDF after what it was', () => {
    expect(asPdfName('IMG_2031.jpg')).toBe('IMG_2031.pdf');
    expect(asPdfName('foto.HEIC')).toBe('foto.pdf');
    expect(asPdfName('orden.pdf')).toBe('orden.pdf');
    expect(asPdfName('informe')).toBe('informe.pdf');
  });

  it('drops C0 controls and DEL, keeps accents', () => {
    expect(withoutControlCharacters('órden\r\n\u007fmédica')).toBe('órdenmédica');
  });
});
