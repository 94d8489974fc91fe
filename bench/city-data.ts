/**
 * A synthetic whole-city district (seeded, deterministic) for the city-scale benchmarks: a
 * 1000 × 800-pixel population raster at 0.001° (≈ 90 × 110 m; 800,000 cells) over about
 * 91 × 89 km around Zhengzhou, primary schools, urban villages and a boundary, written as the files
 * a planner would load.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeArrayBuffer } from 'geotiff';
import { seededRandom } from '../src/core/siting/random.ts';

export interface CityFiles {
  dir: string;
  population: string;
  facilities: string;
  villages: string;
  boundary: string;
  cells: number;
}

const WEST = 113.2;
const NORTH = 35.15;
const STEP = 0.001;

/** Residents per pixel: a few dense centres over a thin countryside, every pixel populated. */
export function writeCityFiles(dir: string, width = 1000, height = 800): CityFiles {
  mkdirSync(dir, { recursive: true });
  const rand = seededRandom(7);
  const centres = Array.from({ length: 12 }, () => ({ c: rand() * width, r: rand() * height, peak: 80 + rand() * 220, sd: 30 + rand() * 90 }));
  const values = new Float32Array(width * height);
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      let v = 2 + rand() * 3;
      for (const k of centres) {
        const d2 = (c - k.c) ** 2 + (r - k.r) ** 2;
        v += k.peak * Math.exp(-d2 / (2 * k.sd * k.sd));
      }
      values[r * width + c] = Math.round(v);
    }
  }
  const tif = writeArrayBuffer(values, {
    width,
    height,
    ModelPixelScale: [STEP, STEP, 0],
    ModelTiepoint: [0, 0, 0, WEST, NORTH, 0],
    GeographicTypeGeoKey: 4326,
    GTModelTypeGeoKey: 2,
  });
  const at = (c: number, r: number): [number, number] => [WEST + c * STEP, NORTH - r * STEP];
  const schools = [];
  for (let s = 0; s < 1500; s++) {
    // Schools follow people: pick the densest of a few random pixels.
    let best = { c: 0, r: 0, v: -1 };
    for (let t = 0; t < 4; t++) {
      const c = Math.floor(rand() * width);
      const r = Math.floor(rand() * height);
      if (values[r * width + c] > best.v) best = { c, r, v: values[r * width + c] };
    }
    schools.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: at(best.c + 0.5, best.r + 0.5) },
      properties: { id: `S${s + 1}`, name: `School ${s + 1}`, type: 'primary', capacity: 45 * (12 + Math.floor(rand() * 24)) },
    });
  }
  const villages = [];
  for (let v = 0; v < 300; v++) {
    const k = centres[v % centres.length];
    const cc = k.c + (rand() - 0.5) * 3 * k.sd;
    const rc = k.r + (rand() - 0.5) * 3 * k.sd;
    const radius = 3 + rand() * 8;
    const ring: [number, number][] = [];
    for (let i = 0; i < 40; i++) {
      const a = (2 * Math.PI * i) / 40;
      const rr = radius * (0.7 + 0.3 * rand());
      ring.push(at(cc + rr * Math.cos(a), rc - rr * Math.sin(a)));
    }
    ring.push(ring[0]);
    villages.push({
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [ring] },
      properties: { id: `V${v + 1}`, name: `Village ${v + 1}`, migrant_share: Math.round(rand() * 100) / 100 },
    });
  }
  const boundary = {
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: { name: 'city' }, geometry: { type: 'Polygon', coordinates: [[at(0, 0), at(0, height), at(width, height), at(width, 0), at(0, 0)]] } }],
  };
  const files: CityFiles = {
    dir,
    population: join(dir, 'city-population.tif'),
    facilities: join(dir, 'city-schools.geojson'),
    villages: join(dir, 'city-villages.geojson'),
    boundary: join(dir, 'city-boundary.geojson'),
    cells: width * height,
  };
  writeFileSync(files.population, new Uint8Array(tif));
  writeFileSync(files.facilities, JSON.stringify({ type: 'FeatureCollection', features: schools }));
  writeFileSync(files.villages, JSON.stringify({ type: 'FeatureCollection', features: villages }));
  writeFileSync(files.boundary, JSON.stringify(boundary));
  return files;
}
