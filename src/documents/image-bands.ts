/**
 * Where a tall or wide screenshot is cut so that every part prints at the page's text width. Pure.
 *
 * A screenshot is printed no smaller than the text width (a 1280-px capture at about 200 ppi) and never
 * enlarged beyond 0.75 pt a pixel. A page wider than `maxColumnPx` after its blank margins are cropped is cut
 * into side-by-side columns first. Each column is cut into bands that fit the room on a page, at a blank row
 * when one lies in the lower quarter of the band (so a line of text is not cut through), else at the limit.
 *
 * Widths are judged in the page's own pixels: a capture made at a device scale factor (`--device phone`: 3)
 * has `ratio` image pixels to one page pixel, so its limits are `ratio` times wider and its pixels may be
 * printed `ratio` times smaller — a phone capture of a 980-px page fits the text width in one column.
 */

export type Crop = { left: number; right: number };
export type Band = { left: number; top: number; width: number; height: number };

export const MAX_POINTS_PER_PIXEL = 0.75;
/** Pages wider than this (after cropping) are cut into columns of at most COLUMN_PX. */
export const MAX_SINGLE_COLUMN_PX = 1440;
export const COLUMN_PX = 1280;
/** Device scale factors a capture can honestly have; anything else stored in a case is read as 1. */
const MAX_PIXEL_RATIO = 5;

/**
 * The image pixels to a page pixel of a capture, from the scale factor its item records. The value comes from
 * stored (possibly imported) data: only a finite number from 1 to MAX_PIXEL_RATIO is believed, so a forged one
 * can neither shrink a screenshot to nothing nor cut it into thousands of columns.
 */
export function pixelRatioOf(scale: unknown): number {
  return typeof scale === 'number' && Number.isFinite(scale) && scale >= 1 && scale <= MAX_PIXEL_RATIO ? scale : 1;
}

/** The content's columns: blank margins on both sides are cropped, keeping a few pixels of air. */
export function contentCrop(columns: Uint8Array | undefined, widthPx: number, air = 16): Crop {
  if (!columns) return { left: 0, right: widthPx };
  let left = 0;
  while (left < widthPx && columns[left] === 1) left += 1;
  let right = widthPx;
  while (right > left && columns[right - 1] === 1) right -= 1;
  if (right - left < widthPx * 0.1) return { left: 0, right: widthPx };
  return { left: Math.max(0, left - air), right: Math.min(widthPx, right + air) };
}

/** Column tiles across the crop: one when it is narrow enough, else equal columns of at most COLUMN_PX page pixels. */
export function columnTiles(crop: Crop, ratio = 1): { left: number; width: number }[] {
  const width = crop.right - crop.left;
  if (width <= MAX_SINGLE_COLUMN_PX * ratio) return [{ left: crop.left, width }];
  const count = Math.ceil(width / (COLUMN_PX * ratio));
  const each = Math.ceil(width / count);
  return Array.from({ length: count }, (_, i) => ({ left: crop.left + i * each, width: Math.min(each, crop.right - crop.left - i * each) }));
}

/** Points per image pixel for a tile of this width on a text width of `textWidthPt` (`ratio` image pixels a page pixel). */
export function printScale(tileWidthPx: number, textWidthPt: number, ratio = 1): number {
  return Math.min(MAX_POINTS_PER_PIXEL / ratio, textWidthPt / tileWidthPx);
}

/**
 * Vertical cuts: the first band at most `firstRoomPx` high, the others at most `roomPx`. Each cut is moved up
 * to the lowest blank row within the band's lower quarter, when there is one.
 */
export function cutRows(rows: Uint8Array, heightPx: number, firstRoomPx: number, roomPx: number): { top: number; height: number }[] {
  const bands: { top: number; height: number }[] = [];
  let top = 0;
  let room = Math.max(1, Math.floor(firstRoomPx));
  while (heightPx - top > room) {
    const limit = top + room;
    let cut = limit;
    for (let y = limit - 1; y > top + room * 0.75; y -= 1) {
      if (rows[y] === 1) {
        cut = y + 1;
        break;
      }
    }
    bands.push({ top, height: cut - top });
    top = cut;
    room = Math.max(1, Math.floor(roomPx));
  }
  bands.push({ top, height: heightPx - top });
  return bands;
}

/** Every band of the image, column by column within each row of cuts (reading order). */
export function planBands(rows: Uint8Array, heightPx: number, crop: Crop, textWidthPt: number, firstRoomPt: number, roomPt: number, ratio = 1): { scale: number; bands: Band[] } {
  const tiles = columnTiles(crop, ratio);
  const scale = printScale(Math.max(...tiles.map((t) => t.width)), textWidthPt, ratio);
  const cuts = cutRows(rows, heightPx, firstRoomPt / scale, roomPt / scale);
  const bands: Band[] = [];
  for (const cut of cuts) for (const tile of tiles) bands.push({ left: tile.left, width: tile.width, top: cut.top, height: cut.height });
  return { scale, bands };
}
