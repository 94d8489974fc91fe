import { describe, expect, it } from 'vitest';
import { blobOfChunks } from '../../../src/app/export/plan-export.ts';

describe('blobOfChunks', () => {
  it('holds exactly the pieces, in order, across parts of about 1 MiB', async () => {
    const line = 'r1c1,12,"POLYGON ((113.6 34.7, 113.601 34.7))",中文\n';
    const pieces = Array.from({ length: 40_000 }, (_, i) => `${i},${line}`);
    const blob = blobOfChunks(pieces, 'text/csv');
    expect(blob.type).toBe('text/csv');
    expect(await blob.text()).toBe(pieces.join(''));
  });

  it('gives an empty file for no pieces', async () => {
    expect(await blobOfChunks([], 'application/geo+json').text()).toBe('');
  });
});
