import { InputError } from '../errors.ts';
import { featureLabel, featuresOf, nonNegativeNumber } from '../input/features.ts';
import { isPopulationGrid } from '../demand/population-grid.ts';
import { isPopulationTable } from '../demand/population-table.ts';
import { completeRegistration } from './registration-figures.ts';

/**
 * Each population feature's migrant share (migrants ÷ residents, 0..1) by feature index, from
 * its own `registered` / `migrants` figures; NaN where the feature gives its total alone (or
 * has no residents). A raster gives no groups. Plain typed array: cells of a split polygon share
 * their feature's figure.
 */
export function featureMigrantShares(population: unknown, source = 'population'): Float64Array {
  if (isPopulationGrid(population)) return new Float64Array(0);
  if (isPopulationTable(population)) {
    const shares = new Float64Array(population.count).fill(NaN);
    const { registered, migrants } = population;
    if (!registered || !migrants) return shares;
    for (let k = 0; k < population.count; k++) {
      const total = registered[k] + migrants[k];
      if (total > 0) shares[k] = migrants[k] / total;
    }
    return shares;
  }
  const features = featuresOf(population, source);
  const shares = new Float64Array(features.length).fill(NaN);
  features.forEach((f, i) => {
    const p = f.properties;
    const given = (key: 'registered' | 'migrants'): number | null => {
      if (p[key] === undefined || p[key] === null || p[key] === '') return null;
      const check = nonNegativeNumber(p, key);
      if (!check.ok) throw new InputError(source, `${featureLabel(f, i)}: ${check.reason}`);
      return check.value;
    };
    const registered = given('registered');
    const migrants = given('migrants');
    if (registered === null && migrants === null) return;
    const total = nonNegativeNumber(p, 'population');
    // A feature without a usable population is skipped by the population reader, with its own warning.
    if (!total.ok) return;
    const figures = completeRegistration({ population: total.value, registered, migrants });
    if ('error' in figures) throw new InputError(source, `${featureLabel(f, i)}: ${figures.error}`);
    if (figures.migrants !== null && figures.population > 0) shares[i] = Math.min(1, figures.migrants / figures.population);
  });
  return shares;
}
