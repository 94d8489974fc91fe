import type { MultiPolygon, Polygon } from 'geojson';
import { InputError, noUsableFeatures, type InputWarning } from '../errors.ts';
import { featureLabel, featuresOf, isValidPolygonal, nonNegativeNumber } from '../input/features.ts';

/** An urban village (城中村) polygon with the numbers equity needs. */
export interface UrbanVillage {
  id: string;
  name: string;
  nameEn: string;
  /** Share of residents without local Hukou, 0..1 (0 when the file does not say). */
  migrantShare: number;
  polygon: Polygon | MultiPolygon;
}

/**
 * Reads urban-village polygons. A village without a usable polygon is skipped with a warning; a
 * missing or out-of-range migrant share is counted as 0 with a warning, since the village still
 * matters for coverage. A layer with no usable village is an InputError listing the first reasons.
 */
export function readUrbanVillages(
  collection: unknown,
  source = 'villages',
): { villages: UrbanVillage[]; warnings: InputWarning[] } {
  const raw = featuresOf(collection, source);
  if (raw.length === 0) throw new InputError(source, 'no features: the urban-village layer is empty');
  const villages: UrbanVillage[] = [];
  const warnings: InputWarning[] = [];
  raw.forEach((f, i) => {
    const label = featureLabel(f, i);
    const g = f.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon') || !isValidPolygonal(g)) {
      warnings.push({ source, feature: label, reason: `${g ? `geometry ${g.type} is not a valid polygon` : 'no geometry'}; skipped` });
      return;
    }
    let migrantShare = 0;
    const share = nonNegativeNumber(f.properties, 'migrant_share');
    if (!share.ok || share.value > 1) {
      const reason = share.ok ? `migrant_share ${share.value} is above 1` : share.reason;
      warnings.push({ source, feature: label, reason: `${reason}; migrants counted as 0` });
    } else {
      migrantShare = share.value;
    }
    const name = typeof f.properties.name === 'string' && f.properties.name !== '' ? f.properties.name : label;
    const nameEn = typeof f.properties.name_en === 'string' && f.properties.name_en !== '' ? f.properties.name_en : name;
    villages.push({ id: label, name, nameEn, migrantShare, polygon: g });
  });
  if (villages.length === 0) {
    throw noUsableFeatures(source, 'urban-village polygons', warnings.filter((w) => w.reason.endsWith('; skipped')), raw.length);
  }
  return { villages, warnings };
}
