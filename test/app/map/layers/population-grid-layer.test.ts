import { describe, expect, it } from 'vitest';
import type { CellResult, PopulationGrid } from '../../../../src/core/index.ts';
import { gridShortfallImage, gridUnserved, rowsToUpload, shortfallGridScale } from '../../../../src/app/map/layers/population-grid-layer.ts';
import { patchCells } from '../../../../src/app/whatif/cell-patches.ts';
import { shortfallColour } from '../../../../src/app/map/layers/shortfall-layer.ts';

const grid = (): PopulationGrid => ({ kind: 'population-grid', west: 113.2, north: 35.15, stepLng: 0.001, stepLat: 0.001, width: 4, height: 3, row0: 0, col0: 0, residents: new Float32Array(12).fill(100) });

const cell = (featureIndex: number, unserved: number): CellResult => ({
  id: `px${featureIndex}`,
  featureIndex,
  lngLat: [0, 0],
  residents: 100,
  users: 10,
  served: 10 - unserved,
  unserved,
  covered: true,
  nearestFacilityId: null,
  nearestDistanceM: null,
  servedById: null,
  access2sfca: 0,
  accessE2sfca: 0,
  villageId: null,
  villageName: null,
  villageShare: 0,
  migrants: 0,
});

/**
 * Written out plainly: unserved users summed per pixel; the image is 12 × 9 (3 × 3 image pixels a
 * raster pixel), transparent but for the middle image pixel of each raster pixel with one user or
 * more, in its class colour.
 */
function expected(cells: readonly CellResult[]) {
  const unserved = new Array<number>(12).fill(0);
  for (const c of cells) unserved[c.featureIndex] += c.unserved;
  const rgba: number[] = [];
  for (let y = 0; y < 9; y++)
    for (let x = 0; x < 12; x++) {
      const u = Math.fround(unserved[Math.floor(y / 3) * 4 + Math.floor(x / 3)]);
      rgba.push(...(x % 3 === 1 && y % 3 === 1 && u >= 1 ? shortfallColour(u) : [0, 0, 0, 0]));
    }
  return { unserved: unserved.map(Math.fround), rgba };
}

describe('the raster shortfall image', () => {
  it('has three image pixels a side per raster pixel, fewer where that would pass 8,192 (one texture)', () => {
    const sized = (width: number, height: number): PopulationGrid => ({ ...grid(), width, height, residents: new Float32Array(0) });
    expect(shortfallGridScale(sized(1000, 800))).toBe(3);
    // 8192 / 3000 = 2.73 → 2; 8192 / 5000 = 1.6 → 1; 10,000 px: still 1, never 0.
    expect(shortfallGridScale(sized(3000, 2000))).toBe(2);
    expect(shortfallGridScale(sized(4000, 5000))).toBe(1);
    expect(shortfallGridScale(sized(10_000, 10))).toBe(1);
  });
});

describe('raster shortfall after a what-if update', () => {
  it('patches the pixels of the replaced cells and equals a fresh computation', () => {
    const g = grid();
    // Pixel 11 has no cell (nodata); pixels 3 and 7 are unserved.
    const before = Array.from({ length: 11 }, (_, i) => cell(i, i === 3 ? 40 : i === 7 ? 2.5 : 0));
    const first = gridUnserved(g, before);
    expect([...first]).toEqual(expected(before).unserved);
    const firstImage = gridShortfallImage(g, first);
    expect([firstImage.width, firstImage.height]).toEqual([12, 9]);
    const firstBytes = [...firstImage.data];
    expect(firstBytes).toEqual(expected(before).rgba);

    // An update as the app applies it: a copy of the list with the changed cells replaced.
    const after = before.slice();
    after[3] = cell(3, 0);
    after[5] = cell(5, 12);
    const second = gridUnserved(g, after);
    expect([...second]).toEqual(expected(after).unserved);
    const image = gridShortfallImage(g, second);
    expect([...image.data]).toEqual(expected(after).rgba);
    // The image on screen before is left as it was; the same answer is given again without work.
    expect([...firstImage.data]).toEqual(firstBytes);
    expect(gridShortfallImage(g, second)).toBe(image);
    expect(gridUnserved(g, after)).toBe(second);
  });

  it('recomputes in full when cells share a pixel or the list is another district\'s', () => {
    const g = grid();
    const shared = [cell(0, 0.6), cell(0, 0.6), cell(1, 3)];
    gridShortfallImage(g, gridUnserved(g, shared));
    const changed = shared.slice();
    changed[1] = cell(0, 0.2);
    const unserved = gridUnserved(g, changed);
    expect([...unserved]).toEqual(expected(changed).unserved);
    expect([...gridShortfallImage(g, unserved).data]).toEqual(expected(changed).rgba);
    const other = [cell(2, 5), cell(9, 1)];
    const fresh = gridUnserved(g, other);
    expect([...fresh]).toEqual(expected(other).unserved);
    expect([...gridShortfallImage(g, fresh).data]).toEqual(expected(other).rgba);
  });
});

describe('raster shortfall patched in place by what-if updates', () => {
  it('equals a fresh computation after each update, and names the image rows to upload', () => {
    const g = grid();
    const first = Array.from({ length: 12 }, (_, i) => cell(i, i === 3 ? 40 : i === 7 ? 2.5 : 0));
    const unserved = gridUnserved(g, first);
    const image = gridShortfallImage(g, unserved);
    expect([...image.data]).toEqual(expected(first).rgba);

    // Pixel 5 (row 1) becomes unserved and pixel 3 (row 0) served: raster rows 0–1, image rows 0–5.
    const second = patchCells(first, [
      { index: 5, cell: cell(5, 12) },
      { index: 3, cell: cell(3, 0) },
    ]);
    expect(second[5].unserved).toBe(12);
    expect(first[5].unserved).toBe(0);
    const u2 = gridUnserved(g, second);
    expect([...u2]).toEqual(expected(second).unserved);
    const image2 = gridShortfallImage(g, u2);
    expect([...image2.data]).toEqual(expected(second).rgba);
    expect(rowsToUpload(image2, image)).toEqual({ firstRow: 0, endRow: 6 });

    // Pixel 10 (row 2): image rows 6–8; from the first image, every row touched since, 0–8.
    const third = patchCells(second, [{ index: 10, cell: cell(10, 70) }]);
    const image3 = gridShortfallImage(g, gridUnserved(g, third));
    expect([...image3.data]).toEqual(expected(third).rgba);
    expect(rowsToUpload(image3, image2)).toEqual({ firstRow: 6, endRow: 9 });
    expect(rowsToUpload(image3, image)).toEqual({ firstRow: 0, endRow: 9 });
    expect(rowsToUpload(image3, image3)).toEqual({ firstRow: 9, endRow: 9 });

    // An update that changes no figure repaints nothing.
    const fourth = patchCells(third, [{ index: 0, cell: cell(0, 0) }]);
    const image4 = gridShortfallImage(g, gridUnserved(g, fourth));
    expect([...image4.data]).toEqual(expected(fourth).rgba);

    // Another plan's list (not patched from these) gets its own figures and a whole upload.
    const other = Array.from({ length: 12 }, (_, i) => cell(i, i === 0 ? 20 : 0));
    const otherImage = gridShortfallImage(g, gridUnserved(g, other));
    expect([...otherImage.data]).toEqual(expected(other).rgba);
    expect(rowsToUpload(otherImage, image4)).toBeNull();
    expect(rowsToUpload(image4, null)).toBeNull();
    // The edited plan is still known alongside it (a comparison shows both).
    expect([...gridShortfallImage(g, gridUnserved(g, fourth)).data]).toEqual(expected(fourth).rgba);
  });

  it('recomputes in full when cells share a pixel, even for a patched list', () => {
    const g = grid();
    const shared = [cell(0, 0.6), cell(0, 0.6), cell(1, 3)];
    gridShortfallImage(g, gridUnserved(g, shared));
    const patched = patchCells(shared, [{ index: 1, cell: cell(0, 0.5) }]);
    const unserved = gridUnserved(g, patched);
    expect([...unserved]).toEqual(expected(patched).unserved);
    expect([...gridShortfallImage(g, unserved).data]).toEqual(expected(patched).rgba);
  });
});
