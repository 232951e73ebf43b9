import { decodeSvg, svgsIn } from '../../../test/fixtures/trace/qrImages';
import { labelSheet, MAX_SHEET_LABELS } from './labelSheet';

const BASE = 'https://trace.example.com/01/07612345000039';
const items = ['S-001', 'S-002', 'S-003', 'S/004', 'S-005'].map((serial) => ({
  url: `${BASE}/21/${encodeURIComponent(serial)}`,
  caption: `Salmon fillet · serial ${serial}`,
}));

describe('label sheet', () => {
  it('holds one QR code per item, each decoding to its URL, in order', () => {
    const sheet = labelSheet(items);
    const svgs = svgsIn(sheet);
    expect(svgs).toHaveLength(items.length);
    expect(svgs.map((svg) => decodeSvg(svg).data)).toEqual(items.map((i) => i.url));
    expect(sheet.match(/data-testid="label"/g)).toHaveLength(items.length);
  });

  it('captions each label with its caption and the GTIN, lot and serial read from the Digital Link', () => {
    const sheet = labelSheet([
      { url: 'https://trace.example.com/01/07612345000022/10/R-260310/21/42', caption: 'Roast R-260310' },
    ]);
    expect(sheet).toContain('<strong>Roast R-260310</strong>');
    expect(sheet).toContain('GTIN 07612345000022 · Lot R-260310 · Serial 42');
  });

  it('is an A4 print layout on a CSS grid with print rules, and loads nothing from outside', () => {
    const sheet = labelSheet(items, { columns: 4 });
    expect(sheet).toMatch(/^<!doctype html>/);
    expect(sheet).toContain('@page{size:A4 portrait');
    expect(sheet).toContain('grid-template-columns:repeat(4,1fr)');
    expect(sheet).toMatch(/@media print\{.*\.screen-only\{display:none\}/);
    expect(sheet).not.toMatch(/<script|<img|<link rel="stylesheet"|src=|url\(/);
  });

  it('escapes captions', () => {
    const sheet = labelSheet([{ url: `${BASE}/21/1`, caption: '<script>alert(1)</script>' }]);
    expect(sheet).not.toContain('<script>');
    expect(sheet).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('refuses an empty sheet, an oversized one and a bad column count', () => {
    expect(() => labelSheet([])).toThrow(expect.objectContaining({ code: 'LABEL_SHEET_SIZE' }));
    const many = Array.from({ length: MAX_SHEET_LABELS + 1 }, (_, i) => ({ url: `${BASE}/21/${i}` }));
    expect(() => labelSheet(many)).toThrow(expect.objectContaining({ code: 'LABEL_SHEET_SIZE' }));
    expect(() => labelSheet(items, { columns: 0 })).toThrow(
      expect.objectContaining({ code: 'LABEL_OPTION_INVALID' }),
    );
  });
});
