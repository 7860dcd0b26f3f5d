import { describe, expect, it } from 'vitest';
import { columnTiles, contentCrop, cutRows, MAX_POINTS_PER_PIXEL, pixelRatioOf, planBands, printScale } from '../../src/documents/image-bands.js';

const TEXT_WIDTH_PT = 481.9; // A4 less the margins the writer uses

describe('where a screenshot is cut so every part prints at the text width', () => {
  it.each([
    // [what, crop width px, device scale factor, columns]
    ['a desktop capture, 1280 px', 1280, 1, 1],
    ['a desktop capture of a wide page, 2560 px', 2560, 1, 2],
    ['a phone capture (scale 3) of a 393-px page, 1179 px', 1179, 3, 1],
    ['a phone capture (scale 3) of a 980-px page without a viewport tag, 2940 px', 2940, 3, 1],
    ['a phone capture (scale 3) of a 1960-px page, 5880 px', 5880, 3, 2],
  ])('%s → %i px wide at scale %i prints in %i column(s)', (_what, width, ratio, columns) => {
    expect(columnTiles({ left: 0, right: width }, ratio)).toHaveLength(columns);
  });

  it.each([
    [3, 3], [2.625, 2.625], [1, 1], [undefined, 1], [0, 1], [-3, 1], [0.001, 1], [1e9, 1], [Number.NaN, 1], [Infinity, 1], ['3', 1], [null, 1],
  ])('a stored scale factor %s is read as %s (a forged one cannot shrink or shred a screenshot)', (stored, ratio) => {
    expect(pixelRatioOf(stored)).toBe(ratio);
  });

  it('a page pixel is never printed larger than 0.75 pt, whatever the scale factor', () => {
    expect(printScale(400, TEXT_WIDTH_PT, 1)).toBe(MAX_POINTS_PER_PIXEL);
    expect(printScale(400, TEXT_WIDTH_PT, 3)).toBeCloseTo(MAX_POINTS_PER_PIXEL / 3);
    // the 2940-px phone capture fills the text width: about 440 ppi of image pixels, 147 ppi of page pixels
    expect(72 / printScale(2940, TEXT_WIDTH_PT, 3)).toBeCloseTo(439, 0);
  });

  it('bands of a tall phone capture are full-width and cover the whole height', () => {
    const height = 4932;
    const plan = planBands(new Uint8Array(height), height, { left: 0, right: 2940 }, TEXT_WIDTH_PT, 600, 700, 3);
    expect(new Set(plan.bands.map((band) => band.width))).toEqual(new Set([2940]));
    expect(plan.bands.reduce((sum, band) => sum + band.height, 0)).toBe(height);
    expect(plan.bands.length).toBeLessThanOrEqual(2);
  });

  it('cuts at a blank row in the lower quarter of a band, and crops blank margins', () => {
    const rows = new Uint8Array(1000);
    rows[850] = 1;
    expect(cutRows(rows, 1000, 900, 900)).toEqual([{ top: 0, height: 851 }, { top: 851, height: 149 }]);
    const columns = new Uint8Array(1000).fill(1);
    columns.fill(0, 200, 800);
    expect(contentCrop(columns, 1000)).toEqual({ left: 184, right: 816 });
  });
});
