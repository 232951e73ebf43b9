import { decodePng, decodeSvg, readPng, viewBoxOf } from '../../../test/fixtures/trace/qrImages';
import { LabelError } from './labelError';
import { qrPng, qrSvg } from './qrCode';

const LOT_URL = 'https://trace.example.com/01/07612345000022/10/R-260310';
const SERIAL_URL = 'https://trace.example.com/dl/01/07612345000039/10/SF%2F0412/21/A%25B%3F7';

/** ISO/IEC 18004 §7.9: format bits 14 and 13 (ECL) sit at row 8, columns 0 and 1, after XOR with 101010000010010. */
const ECL_MODULES = { L: [true, true], M: [true, false], Q: [false, true], H: [false, false] } as const;

describe('QR codes for Digital Link labels', () => {
  it.each([LOT_URL, SERIAL_URL])('a PNG decodes back to %s', async (url) => {
    expect(decodePng(await qrPng(url)).data).toBe(url);
  });

  it('a PNG has a 4-module white quiet zone and error correction level M', async () => {
    const scale = 5;
    const image = readPng(await qrPng(LOT_URL, { scale }));
    const { version } = decodePng(await qrPng(LOT_URL, { scale }));
    const modules = 17 + 4 * version;
    expect(image.width).toBe((modules + 8) * scale);
    const quiet = 4 * scale;
    for (let i = 0; i < image.width; i++) {
      for (const j of [0, quiet - 1, image.width - quiet, image.width - 1]) {
        expect(image.isDark(i, j) || image.isDark(j, i)).toBe(false);
      }
    }
    // The finder pattern starts right after the quiet zone.
    expect(image.isDark(quiet, quiet)).toBe(true);
    const module = (row: number, col: number): boolean =>
      image.isDark(quiet + col * scale + Math.floor(scale / 2), quiet + row * scale + Math.floor(scale / 2));
    expect([module(8, 0), module(8, 1)]).toEqual(ECL_MODULES.M);
    // The second copy of the format bits, down column 8 at the bottom left.
    expect([module(modules - 1, 8), module(modules - 2, 8)]).toEqual(ECL_MODULES.M);
  });

  it.each([LOT_URL, SERIAL_URL])(
    'an SVG decodes back to %s and its viewBox is the symbol plus quiet zones',
    async (url) => {
      const svg = qrSvg(url, { size: '30mm' });
      const decoded = decodeSvg(svg);
      expect(decoded.data).toBe(url);
      const n = 17 + 4 * decodePng(await qrPng(url)).version + 2 * 4;
      expect(viewBoxOf(svg)).toEqual([0, 0, n, n]);
      expect(svg).toContain('width="30mm" height="30mm"');
    },
  );

  it('escapes the accessible title of an SVG', () => {
    const svg = qrSvg(LOT_URL, { title: 'Lot <b>"R"</b>' });
    expect(svg).toContain('<title>Lot &lt;b&gt;&quot;R&quot;&lt;/b&gt;</title>');
  });

  it.each([
    ['javascript:alert(1)', 'LABEL_URL_INVALID'],
    ['/01/07612345000022', 'LABEL_URL_INVALID'],
    [`https://trace.example.com/${'x'.repeat(600)}`, 'LABEL_URL_INVALID'],
  ])('refuses %s', (url, code) => {
    expect(() => qrSvg(url)).toThrow(expect.objectContaining({ name: 'LabelError', code }));
  });

  it('refuses a quiet zone under 4 modules and a silly scale', async () => {
    expect(() => qrSvg(LOT_URL, { margin: 2 })).toThrow(LabelError);
    await expect(qrPng(LOT_URL, { scale: 0 })).rejects.toMatchObject({
      code: 'LABEL_OPTION_INVALID',
      field: 'scale',
    });
    expect(() => qrSvg(LOT_URL, { size: '30mm" onload="x' })).toThrow(LabelError);
  });
});
