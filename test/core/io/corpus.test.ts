import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.ts';
import { applyMapping, loadFile, type LoadOptions, type LoadReport, type Role } from '../../../src/core/io/index.ts';
import { corpus } from '../../fixtures/io/make-fixtures.ts';

const DIR = join(import.meta.dirname, '../../fixtures/io/corpus');

type Outcome = { error: string } | { role: Role; report: LoadReport; warnings: string[] };

/**
 * Every file of the bad-input corpus (test/fixtures/io/corpus, made by make-fixtures.ts) with the
 * exact refusal, or the role it was mapped to, its read/used/skipped report and the exact
 * warnings (`feature: reason`; each warning's source is checked to be the file).
 */
const TABLE: [string, { role?: Role; options?: LoadOptions }, Outcome][] = [
  ['amap-schools.csv', {"options":{"coordinateSystem":"gcj02"}}, {"role":"facilities","report":{"read":1,"used":1,"skipped":0},"warnings":[]}],
  ['array.json', {}, {"error":"expected a GeoJSON FeatureCollection, got an array"}],
  ['baidu-pois.csv', {}, {"role":"population","report":{"read":1,"used":1,"skipped":0},"warnings":["all features: file name \"baidu-pois.csv\" mentions baidu: coordinates are probably BD-09 (Baidu), 100–700 m off WGS84; loaded unconverted (choose bd09 to convert, or wgs84 to keep them)"]}],
  ['bare-point.geojson', {"role":"boundary"}, {"error":"no usable boundary features (all 1 skipped): feature 1: geometry Point is not a polygon"}],
  ['bare.shp', {}, {"error":"a .shp alone has no attributes or projection: zip it with its .dbf, .shx, .prj (and .cpg) and load the .zip"}],
  ['binary.geojson', {}, {"error":"not a text file (binary data, starts with bytes F3 C9 EB FD 2B 30 F0 5C)"}],
  ['bom.geojson', {}, {"role":"population","report":{"read":1,"used":1,"skipped":0},"warnings":[]}],
  ['corrupt.zip', {}, {"error":"not a readable zip file (no end of central directory: the file is cut short or not a zip)"}],
  ['crs-4547-but-degrees.geojson', {}, {"role":"population","report":{"read":1,"used":1,"skipped":0},"warnings":["all features: the file says EPSG:4547 but every coordinate is within lon/lat range; used as lon/lat degrees"]}],
  ['crs-4547.geojson', {}, {"role":"population","report":{"read":1,"used":1,"skipped":0},"warnings":[]}],
  ['crs-unknown.geojson', {}, {"error":"EPSG:2000 is not a coordinate system Catchmap knows (known: 4326, 4490 (CGCS2000), 3857, 4491–4554 (CGCS2000 Gauss–Krüger), 32601–32660 (UTM north))"}],
  ['crs84.geojson', {}, {"role":"population","report":{"read":1,"used":1,"skipped":0},"warnings":[]}],
  ['csv-all-bad.csv', {}, {"error":"no usable rows (all 2 skipped): row 2: bad coordinates: longitude \"x\" is not a number; row 3: no coordinates (longitude and latitude are empty)"}],
  ['csv-bad-lon.csv', {}, {"role":"population","report":{"read":2,"used":1,"skipped":1},"warnings":["row 2: bad coordinates: longitude \"abc\" is not a number; skipped"]}],
  ['csv-blank-lines.csv', {}, {"role":"population","report":{"read":2,"used":1,"skipped":1},"warnings":["b: bad coordinates: longitude \"oops\" is not a number; skipped"]}],
  ['csv-blank.csv', {}, {"error":"the file is empty (no header row)"}],
  ['csv-bom.csv', {}, {"role":"population","report":{"read":1,"used":1,"skipped":0},"warnings":[]}],
  ['csv-chinese.csv', {}, {"role":"facilities","report":{"read":2,"used":1,"skipped":1},"warnings":["x2: no capacity (学位 is empty); skipped"]}],
  ['csv-duplicate-headers.csv', {}, {"role":"population","report":{"read":1,"used":1,"skipped":0},"warnings":["column 5: duplicate column name \"population\"; renamed population_2"]}],
  ['csv-empty-coords.csv', {}, {"role":"population","report":{"read":2,"used":1,"skipped":1},"warnings":["row 3: no coordinates (longitude and latitude are empty); skipped"]}],
  ['csv-empty.csv', {}, {"error":"the file is empty (0 bytes)"}],
  ['csv-ewkt-3857.csv', {}, {"role":"population","report":{"read":1,"used":1,"skipped":0},"warnings":[]}],
  ['csv-formula.csv', {}, {"role":"population","report":{"read":1,"used":1,"skipped":0},"warnings":[]}],
  ['csv-gbk.csv', {"options":{"encoding":"gbk"}}, {"role":"population","report":{"read":1,"used":1,"skipped":0},"warnings":[]}],
  ['csv-header-only.csv', {}, {"error":"no features: the file has a header row but no data rows"}],
  ['csv-headerless.csv', {}, {"error":"the first row holds numbers (113.65, 34.75, 1000), not column names: add a header row such as lon,lat,population"}],
  ['csv-huge-coords.csv', {}, {"role":"population","report":{"read":3,"used":2,"skipped":1},"warnings":["h1: invalid point coordinates; skipped"]}],
  ['csv-location-bad.csv', {}, {"role":"population","report":{"read":2,"used":1,"skipped":1},"warnings":["l1: bad coordinates: location \"113.65\" is not \"lng,lat\"; skipped"]}],
  ['csv-location.csv', {}, {"role":"population","report":{"read":1,"used":1,"skipped":0},"warnings":[]}],
  ['csv-long-row.csv', {}, {"role":"population","report":{"read":1,"used":1,"skipped":0},"warnings":["a: has 6 fields, the header has 4; extra fields dropped"]}],
  ['csv-nan-inf.csv', {}, {"role":"population","report":{"read":4,"used":1,"skipped":3},"warnings":["q1: population is not a number (\"NaN\"); skipped","q2: population is not finite (Infinity); skipped","q3: population is not finite (1e999); skipped"]}],
  ['csv-no-coords.csv', {}, {"error":"no coordinate columns found: need lon/lat (or lng, longitude, x/y, 经度/纬度), a WKT column (wkt, geometry) or a \"lng,lat\" location column; the columns are: name, population"}],
  ['csv-only-lon.csv', {}, {"error":"no coordinate columns found: a longitude column (lon) but no latitude column; need lon/lat (or lng, longitude, x/y, 经度/纬度), a WKT column (wkt, geometry) or a \"lng,lat\" location column; the columns are: lon, population"}],
  ['csv-pop-negative.csv', {}, {"role":"population","report":{"read":2,"used":1,"skipped":1},"warnings":["n1: 人口 is negative (-3); skipped"]}],
  ['csv-proto-header.csv', {}, {"role":"population","report":{"read":1,"used":1,"skipped":0},"warnings":["column 3: the name \"__proto__\" is reserved; column dropped"]}],
  ['csv-short-row.csv', {}, {"role":"population","report":{"read":2,"used":1,"skipped":1},"warnings":["b: has 2 fields, the header has 4; no coordinates; skipped"]}],
  ['csv-unterminated-quote.csv', {}, {"role":"population","report":{"read":2,"used":1,"skipped":1},"warnings":["row 3: a quote (\") is never closed: the rest of the file was read into one cell","b: no coordinates: the latitude cell (lat) is empty; skipped"]}],
  ['csv-utf16.csv', {}, {"role":"population","report":{"read":1,"used":1,"skipped":0},"warnings":[]}],
  ['csv-wkt-bad.csv', {}, {"role":"population","report":{"read":2,"used":1,"skipped":1},"warnings":["w1: invalid WKT: expected a coordinate pair at character 32; skipped"]}],
  ['csv-wkt-empty.csv', {}, {"role":"population","report":{"read":2,"used":1,"skipped":1},"warnings":["w1: invalid WKT: POINT EMPTY has no coordinates at character 7; skipped"]}],
  ['csv-wkt.csv', {}, {"role":"population","report":{"read":2,"used":2,"skipped":0},"warnings":[]}],
  ['empty-fc.geojson', {"role":"facilities"}, {"error":"no features: the facility layer is empty"}],
  ['empty.geojson', {}, {"error":"invalid JSON at position 0: the file is empty"}],
  ['fac-campus-polygon.geojson', {}, {"role":"facilities","report":{"read":1,"used":1,"skipped":0},"warnings":[]}],
  ['fac-capacity-huge.geojson', {}, {"role":"facilities","report":{"read":2,"used":1,"skipped":1},"warnings":["H: capacity 5000000000 is implausibly large (over 10,000,000); skipped"]}],
  ['fac-capacity-text.geojson', {}, {"role":"facilities","report":{"read":2,"used":1,"skipped":1},"warnings":["C: capacity is not a number (\"九十\"); skipped"]}],
  ['fac-chinese-types.geojson', {}, {"role":"facilities","report":{"read":4,"used":4,"skipped":0},"warnings":[]}],
  ['fac-line.geojson', {}, {"role":"facilities","report":{"read":2,"used":1,"skipped":1},"warnings":["L: geometry LineString is not a Point; skipped"]}],
  ['fac-missing-capacity.geojson', {}, {"role":"facilities","report":{"read":2,"used":1,"skipped":1},"warnings":["S9: no capacity (capacity is empty); skipped"]}],
  ['fac-no-capacity-field.geojson', {"role":"facilities"}, {"role":"facilities","report":{"read":1,"used":1,"skipped":0},"warnings":[]}],
  ['fac-type-missing.geojson', {}, {"role":"facilities","report":{"read":2,"used":1,"skipped":1},"warnings":["T: type is missing; skipped"]}],
  ['fac-unknown-type.geojson', {}, {"role":"facilities","report":{"read":2,"used":1,"skipped":1},"warnings":["X: unknown facility type \"mall\" (known: kindergarten, primary, junior, health_station, health_centre); skipped"]}],
  ['fac-zero-capacity.geojson', {}, {"role":"facilities","report":{"read":2,"used":1,"skipped":1},"warnings":["Z: capacity is 0; skipped"]}],
  ['fc-features-object.geojson', {}, {"error":"FeatureCollection has no \"features\" array (got an object without a \"type\")"}],
  ['fc-no-features.geojson', {}, {"error":"FeatureCollection has no \"features\" array (got undefined)"}],
  ['gbk.geojson', {}, {"role":"population","report":{"read":1,"used":1,"skipped":0},"warnings":["all features: not valid UTF-8; read as GBK (Chinese Windows encoding)"]}],
  ['gcj-fields.csv', {}, {"role":"population","report":{"read":1,"used":1,"skipped":0},"warnings":["all features: file name \"gcj-fields.csv\" mentions gcj: coordinates are probably GCJ-02 (Amap, Tencent), 100–700 m off WGS84; loaded unconverted (choose gcj02 to convert, or wgs84 to keep them)"]}],
  ['geometry-not-geojson.geojson', {}, {"role":"population","report":{"read":2,"used":1,"skipped":1},"warnings":["circle: geometry is not GeoJSON (got type 'Circle'); kept without geometry","circle: no geometry; skipped"]}],
  ['invalid-utf8.geojson', {}, {"error":"invalid JSON at position 6: Expected ':' after property name (line 1, column 7)"}],
  ['items-not-features.geojson', {}, {"error":"no features: none of the 2 items is a GeoJSON Feature"}],
  ['mixed-items.geojson', {}, {"role":"population","report":{"read":2,"used":1,"skipped":1},"warnings":["feature 2: not a GeoJSON Feature (got number); skipped"]}],
  ['multiline-error.geojson', {}, {"error":"invalid JSON at position 72: Expected ',' or '}' after property value (line 4, column 24)"}],
  ['nan-literal.geojson', {}, {"error":"invalid JSON at position 85: Unexpected token 'N', ...\"pulation\":NaN},\"geom\"... is not valid JSON (line 1, column 86)"}],
  ['no-shp.zip', {}, {"error":"the zip holds no .shp file (it holds readme.txt)"}],
  ['null.json', {}, {"error":"expected a GeoJSON FeatureCollection, got null"}],
  ['number.json', {}, {"error":"expected a GeoJSON FeatureCollection, got number"}],
  ['object-no-type.json', {}, {"error":"expected a GeoJSON FeatureCollection, got an object without a \"type\""}],
  ['pipe.csv', {}, {"role":"population","report":{"read":1,"used":1,"skipped":0},"warnings":[]}],
  ['places.kml', {}, {"error":"not a supported file: expected GeoJSON, CSV/TSV, a GeoTIFF population raster or a zipped Shapefile"}],
  ['plain.txt', {}, {"error":"no coordinate columns found: need lon/lat (or lng, longitude, x/y, 经度/纬度), a WKT column (wkt, geometry) or a \"lng,lat\" location column; the columns are: hello world, this is not a table"}],
  ['png-named.geojson', {}, {"error":"not a text file (a PNG image)"}],
  ['points-wgs84.zip', {}, {"role":"facilities","report":{"read":2,"used":1,"skipped":1},"warnings":["field 4: the name \"__proto__\" is reserved; field dropped","s2: unknown facility type \"mall\" (known: kindergarten, primary, junior, health_station, health_centre); skipped"]}],
  ['pop-4547.tif', {}, {"role":"population","report":{"read":4,"used":4,"skipped":0},"warnings":[]}],
  ['pop-all-nodata.tif', {"role":"population"}, {"error":"no features: no pixel in the population window has a population above 0 (4 pixels, nodata -9999)"}],
  ['pop-all-skipped.geojson', {}, {"error":"no usable population features (all 2 skipped): a: population is negative (-1); b: population is not a number (\"x\")"}],
  ['pop-bad-coords.geojson', {}, {"role":"population","report":{"read":2,"used":1,"skipped":1},"warnings":["strs: invalid point coordinates; skipped"]}],
  ['pop-bool.geojson', {}, {"role":"population","report":{"read":2,"used":1,"skipped":1},"warnings":["x: population is not a number (true); skipped"]}],
  ['pop-chinese-field.geojson', {}, {"role":"population","report":{"read":2,"used":1,"skipped":1},"warnings":["c2: 常住人口 is negative (-3); skipped"]}],
  ['pop-duplicate-ids.geojson', {}, {"role":"population","report":{"read":2,"used":2,"skipped":0},"warnings":["ok: duplicate id: another feature has the same id; kept, but results for this id are ambiguous"]}],
  ['pop-feature-id.geojson', {}, {"role":"population","report":{"read":2,"used":1,"skipped":1},"warnings":["17: population is negative (-2); skipped"]}],
  ['pop-huge.geojson', {}, {"role":"population","report":{"read":2,"used":1,"skipped":1},"warnings":["x: population 100000000000000000000 is implausibly large (over 1,000,000,000); skipped"]}],
  ['pop-infinity-string.geojson', {}, {"role":"population","report":{"read":2,"used":1,"skipped":1},"warnings":["x: population is not finite (Infinity); skipped"]}],
  ['pop-linestring.geojson', {}, {"role":"population","report":{"read":2,"used":1,"skipped":1},"warnings":["line: unsupported geometry LineString (expected Point, Polygon or MultiPolygon); skipped"]}],
  ['pop-missing.geojson', {}, {"role":"population","report":{"read":2,"used":1,"skipped":1},"warnings":["feature 2: population is missing; skipped"]}],
  ['pop-mixed-geometries.geojson', {}, {"role":"population","report":{"read":3,"used":2,"skipped":1},"warnings":["road: unsupported geometry MultiLineString (expected Point, Polygon or MultiPolygon); skipped"]}],
  ['pop-multipolygon.geojson', {}, {"role":"population","report":{"read":1,"used":1,"skipped":0},"warnings":[]}],
  ['pop-nan-string.geojson', {}, {"role":"population","report":{"read":2,"used":1,"skipped":1},"warnings":["x: population is not a number (\"NaN\"); skipped"]}],
  ['pop-negative.geojson', {}, {"role":"population","report":{"read":2,"used":1,"skipped":1},"warnings":["neg: population is negative (-5); skipped"]}],
  ['pop-no-field.geojson', {}, {"error":"no population field: choose the column that holds it (the fields are: id, households)"}],
  ['pop-no-geometry.geojson', {}, {"role":"population","report":{"read":2,"used":1,"skipped":1},"warnings":["nogeo: no geometry; skipped"]}],
  ['pop-nogeo.tif', {}, {"error":"the GeoTIFF has no coordinate system (no GeoKeys); give its EPSG code, e.g. --epsg 4326"}],
  ['pop-null.geojson', {}, {"role":"population","report":{"read":2,"used":1,"skipped":1},"warnings":["x: population is missing; skipped"]}],
  ['pop-numeric-text.geojson', {}, {"role":"population","report":{"read":2,"used":2,"skipped":0},"warnings":[]}],
  ['pop-object.geojson', {}, {"role":"population","report":{"read":2,"used":1,"skipped":1},"warnings":["x: population is not a number ({\"n\":5}); skipped"]}],
  ['pop-out-of-range.geojson', {}, {"role":"population","report":{"read":3,"used":2,"skipped":1},"warnings":["ok: duplicate id: another feature has the same id; kept, but results for this id are ambiguous","lat95: invalid point coordinates; skipped"]}],
  ['pop-overflow.geojson', {}, {"role":"population","report":{"read":2,"used":1,"skipped":1},"warnings":["x: population is not finite (Infinity); skipped"]}],
  ['pop-short-ring.geojson', {}, {"role":"population","report":{"read":2,"used":1,"skipped":1},"warnings":["ring: invalid polygon coordinates; skipped"]}],
  ['pop-string.geojson', {}, {"role":"population","report":{"read":2,"used":1,"skipped":1},"warnings":["x: population is not a number (\"many\"); skipped"]}],
  ['pop-thousands.geojson', {}, {"role":"population","report":{"read":2,"used":2,"skipped":0},"warnings":[]}],
  ['pop.tif', {"options":{"bbox":[113.6505,34.7585,113.6515,34.7595]}}, {"role":"population","report":{"read":4,"used":3,"skipped":0},"warnings":[]}],
  ['projected-gk.geojson', {}, {"error":"coordinates look projected (x≈467952, y≈3846914), probably Gauss–Krüger or UTM metres without a zone number, so the central meridian must be given; give the EPSG code, e.g. --epsg 4547"}],
  ['projected-zone38.geojson', {}, {"error":"coordinates look projected (x≈38467952, y≈3846914), probably CGCS2000 3° Gauss–Krüger zone 38 (central meridian 114° E, EPSG:4526); give the EPSG code, e.g. --epsg 4526"}],
  ['proto-escaped.geojson', {}, {"role":"population","report":{"read":1,"used":1,"skipped":0},"warnings":[]}],
  ['proto-keys.geojson', {}, {"role":"population","report":{"read":1,"used":1,"skipped":0},"warnings":[]}],
  ['random.bin', {}, {"error":"not a supported file: expected GeoJSON, CSV/TSV, a GeoTIFF population raster or a zipped Shapefile"}],
  ['roads-short-line.geojson', {}, {"role":"roads","report":{"read":2,"used":1,"skipped":1},"warnings":["r2: invalid line coordinates; skipped"]}],
  ['schools.xls', {}, {"error":"not a supported file (an Excel 97–2003 workbook (.xls): save it as CSV (UTF-8)): expected GeoJSON, CSV/TSV, a GeoTIFF population raster or a zipped Shapefile"}],
  ['semicolon.csv', {}, {"role":"population","report":{"read":1,"used":1,"skipped":0},"warnings":[]}],
  ['single-feature.geojson', {}, {"role":"population","report":{"read":1,"used":1,"skipped":0},"warnings":[]}],
  ['string.json', {}, {"error":"expected a GeoJSON FeatureCollection, got string"}],
  ['swapped-china.geojson', {}, {"role":"population","report":{"read":1,"used":1,"skipped":0},"warnings":["all features: latitude and longitude look swapped (x≈39.9, y≈80.2: the points fall in China only when swapped); swapped to lon/lat"]}],
  ['swapped.geojson', {}, {"role":"population","report":{"read":2,"used":2,"skipped":0},"warnings":["all features: latitude and longitude look swapped (x≈34.75, y≈113.65: y is outside ±90 but x is within it); swapped to lon/lat"]}],
  ['topojson.json', {}, {"error":"TopoJSON is not GeoJSON; convert it first (e.g. topo2geo or mapshaper)"}],
  ['trailing-comma.geojson', {}, {"error":"invalid JSON at position 42: Expected double-quoted property name (line 1, column 43)"}],
  ['truncated.geojson', {}, {"error":"invalid JSON at position 80: Expected ',' or '}' after property value (line 1, column 81)"}],
  ['truncated.tif', {}, {"error":"not a readable GeoTIFF (Offset is outside the bounds of the DataView)"}],
  ['tsv.tsv', {}, {"role":"population","report":{"read":1,"used":1,"skipped":0},"warnings":[]}],
  ['two-layers.zip', {"options":{"layer":"b"}}, {"role":"candidates","report":{"read":1,"used":1,"skipped":0},"warnings":["all features: the zip has no .dbf: features have no attributes"]}],
  ['unknown-type.geojson', {}, {"error":"expected a GeoJSON FeatureCollection, got type 'Banana'"}],
  ['utm50.csv', {"options":{"epsg":32650}}, {"role":"population","report":{"read":1,"used":1,"skipped":0},"warnings":[]}],
  ['village-bowtie.geojson', {"role":"villages"}, {"role":"villages","report":{"read":1,"used":1,"skipped":0},"warnings":["bow: polygon crosses itself near (113.655000, 34.755000); kept, but its area and containment may be wrong"]}],
  ['village-point.geojson', {"role":"villages"}, {"role":"villages","report":{"read":2,"used":1,"skipped":1},"warnings":["vp: geometry Point is not a polygon; skipped"]}],
  ['villages-gbk-nocpg.zip', {}, {"role":"villages","report":{"read":3,"used":2,"skipped":1},"warnings":["all features: the .dbf text is not valid UTF-8 and there is no .cpg; read as GBK","uv03: no geometry; skipped"]}],
  ['villages-gk.zip', {}, {"role":"villages","report":{"read":3,"used":2,"skipped":1},"warnings":["uv03: no geometry; skipped"]}],
  ['villages-ldid.zip', {}, {"role":"villages","report":{"read":3,"used":2,"skipped":1},"warnings":["uv03: no geometry; skipped"]}],
  ['villages-nodbf.zip', {}, {"role":"villages","report":{"read":3,"used":2,"skipped":1},"warnings":["all features: the zip has no .dbf: features have no attributes","feature 3: no geometry; skipped"]}],
  ['villages-noprj.zip', {"options":{"epsg":4547}}, {"role":"villages","report":{"read":3,"used":2,"skipped":1},"warnings":["uv03: no geometry; skipped"]}],
  ['villages-utf8.zip', {}, {"role":"villages","report":{"read":3,"used":2,"skipped":1},"warnings":["uv03: no geometry; skipped"]}],
  ['webmercator.geojson', {"options":{"epsg":3857}}, {"role":"population","report":{"read":1,"used":1,"skipped":0},"warnings":[]}],
  ['whitespace.geojson', {}, {"error":"invalid JSON at position 0: the file is empty"}],
  ['workbook.zip', {}, {"error":"this is an Excel workbook (.xlsx), not a zipped Shapefile: save the sheet as CSV (UTF-8) and load that"}],
  ['zero-byte.dat', {}, {"error":"the file is empty (0 bytes)"}],
  ['pop.tif', {}, {"role":"population","report":{"read":6,"used":3,"skipped":1},"warnings":["all features: 1 pixel with a negative value (not the nodata value -9999); skipped"]}],
];

async function outcome(file: string, role: Role | undefined, options: LoadOptions = {}): Promise<Outcome> {
  try {
    const loaded = await loadFile(readFileSync(join(DIR, file)), file, { ...options, ...(role ? { role } : {}) });
    const layer = applyMapping(loaded, role ?? loaded.suggestedRole);
    for (const w of layer.warnings) expect(w.source).toBe(file);
    return { role: layer.role, report: layer.report, warnings: layer.warnings.map((w) => `${w.feature}: ${w.reason}`) };
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    expect(err.source).toBe(file);
    expect(err.message).toBe(`${file}: ${err.reason}`);
    return { error: err.reason };
  }
}

describe('bad-input corpus', () => {
  it('holds at least 100 files, every one in the table, and matches its generator', () => {
    const files = corpus();
    expect(Object.keys(files).length).toBeGreaterThanOrEqual(100);
    expect(new Set(TABLE.map(([f]) => f))).toEqual(new Set(Object.keys(files)));
    for (const [name, content] of Object.entries(files)) {
      const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
      expect(new Uint8Array(readFileSync(join(DIR, name))), name).toEqual(bytes);
    }
  });

  it.each(TABLE)('%s', async (file, { role, options }, expected) => {
    expect(await outcome(file, role, options)).toEqual(expected);
  });
});
