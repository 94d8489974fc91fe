export type Rgba = [number, number, number, number];

/** Residents per km²: class lower bounds of the sequential density ramp (YlOrRd, 7 classes). */
export const DENSITY_BREAKS_PER_KM2 = [0, 2_000, 5_000, 10_000, 20_000, 35_000, 50_000] as const;

export const DENSITY_COLOURS: readonly Rgba[] = [
  [255, 255, 178, 255],
  [254, 217, 118, 255],
  [254, 178, 76, 255],
  [253, 141, 60, 255],
  [240, 59, 32, 255],
  [189, 0, 38, 255],
  [128, 0, 38, 255],
];

export function densityClass(residentsPerKm2: number): number {
  let k = 0;
  while (k + 1 < DENSITY_BREAKS_PER_KM2.length && residentsPerKm2 >= DENSITY_BREAKS_PER_KM2[k + 1]) k++;
  return k;
}

export function densityColour(residentsPerKm2: number): Rgba {
  return DENSITY_COLOURS[densityClass(residentsPerKm2)];
}
