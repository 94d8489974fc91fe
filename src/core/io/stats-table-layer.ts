import { applyMapping } from './mapping.ts';
import type { TablePopulation } from './stats-table-population.ts';
import type { FieldMapping, MappedLayer } from './types.ts';

/**
 * The population layer of a joined table, mapped like any loaded file (`applyMapping`, so the
 * engine gets the same schema and the same checks): `population`, with `registered` and
 * `migrants` where the table gives them, named after the table's file.
 */
export function joinedPopulationLayer(file: string, population: TablePopulation): MappedLayer {
  const features = population.collection.features;
  const fields: string[] = [];
  for (const f of features) for (const name of Object.keys(f.properties)) if (!fields.includes(name)) fields.push(name);
  const mapping: FieldMapping = { population: 'population' };
  if (population.totals.registered !== null) Object.assign(mapping, { registered: 'registered', migrants: 'migrants' });
  if (fields.includes('id')) mapping.id = 'id';
  if (fields.includes('name')) mapping.name = 'name';
  const labels = features.map((f, i) => (typeof f.properties.id === 'string' || typeof f.properties.id === 'number' ? String(f.properties.id) : `feature ${i + 1}`));
  return applyMapping(
    {
      file,
      format: 'geojson',
      features,
      labels,
      fields,
      suggestedRole: 'population',
      suggestedMapping: mapping,
      crs: { detected: 'EPSG:4326', source: 'assumed', converted: false },
      report: { read: features.length, used: features.length, skipped: 0 },
      warnings: population.warnings,
    },
    'population',
    mapping,
  );
}
