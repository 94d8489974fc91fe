import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { matrixColumnsOf, sniffCostMatrix } from '../../../src/core/io/matrix-columns.ts';

describe('matrixColumnsOf', () => {
  it('finds the columns of the tools planners use', () => {
    // R accessibility / r5r
    expect(matrixColumnsOf(['from_id', 'to_id', 'travel_time_p50'])).toEqual({ origin: 'from_id', destination: 'to_id', cost: 'travel_time_p50' });
    // ArcGIS Network Analyst OD cost matrix
    expect(matrixColumnsOf(['ObjectID', 'Name', 'OriginID', 'DestinationID', 'Total_TravelTime'])).toEqual({ origin: 'OriginID', destination: 'DestinationID', cost: 'Total_TravelTime' });
    // Chinese headers, as an Amap/Baidu export would be saved
    expect(matrixColumnsOf(['起点', '终点', '时间'])).toEqual({ origin: '起点', destination: '终点', cost: '时间' });
    expect(matrixColumnsOf(['origin', 'destination', 'cost'])).toEqual({ origin: 'origin', destination: 'destination', cost: 'cost' });
  });

  it('takes the third of three columns as the cost whatever its name', () => {
    expect(matrixColumnsOf(['o', 'd', 'walk'])).toEqual({ origin: 'o', destination: 'd', cost: 'walk' });
    expect(matrixColumnsOf(['from', 'to', 'walk', 'bus'])).toBeNull();
  });

  it('is not fooled by tables of places', () => {
    expect(matrixColumnsOf(['from', 'to', 'lon', 'lat'])).toBeNull();
    expect(matrixColumnsOf(['id', 'population', 'wkt'])).toBeNull();
    expect(matrixColumnsOf(['id', 'name', 'capacity'])).toBeNull();
  });
});

describe('sniffCostMatrix', () => {
  const text = (s: string) => new TextEncoder().encode(s);
  it('reads the header of a plain and of a gzipped table', () => {
    expect(sniffCostMatrix(text('\uFEFF"from_id","to_id","travel_time"\r\nA,B,3\n'), 'm.csv')).toEqual({
      fields: ['from_id', 'to_id', 'travel_time'],
      columns: { origin: 'from_id', destination: 'to_id', cost: 'travel_time' },
    });
    const gz = new Uint8Array(gzipSync(Buffer.from('origin\tdestination\tminutes\nA\tB\t3\n')));
    expect(sniffCostMatrix(gz, 'm.tsv.gz')?.columns).toEqual({ origin: 'origin', destination: 'destination', cost: 'minutes' });
  });

  it('leaves other files alone, but takes any gzip file as a table to choose columns for', () => {
    expect(sniffCostMatrix(text('{"type":"FeatureCollection"}'), 'a.geojson')).toBeNull();
    expect(sniffCostMatrix(text('id,lon,lat,population\n'), 'cells.csv')).toBeNull();
    expect(sniffCostMatrix(new Uint8Array(gzipSync(Buffer.from('a,b,c,d\n1,2,3,4\n'))), 'x.gz')).toEqual({ fields: ['a', 'b', 'c', 'd'], columns: null });
    // A damaged gzip gives no header; the reader says what is wrong with it.
    expect(sniffCostMatrix(new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3]), 'x.csv.gz')).toEqual({ fields: [''], columns: null });
  });
});
