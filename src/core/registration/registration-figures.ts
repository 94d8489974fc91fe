/**
 * Residents by registration status: registered (户籍, Hukou here) and migrants (流动人口: residence
 * permits, temporary residents, anyone living here without local Hukou). The two groups make up
 * the residents; a file may give any two of the three figures, or all three.
 */
export interface RegistrationFigures {
  /** Residents (persons). */
  population: number;
  /** Registered residents living here; null when the figures do not say. */
  registered: number | null;
  /** Migrants living here; null when the figures do not say. */
  migrants: number | null;
}

/** Figures as a row gives them: any may be missing. */
export interface GivenFigures {
  population: number | null;
  registered: number | null;
  migrants: number | null;
}

/**
 * How far the groups may sum from the total before the row is refused: published tables round
 * each figure on its own, so a person, or 0.1 % of the total, whichever is more.
 */
export function registrationTolerance(population: number): number {
  return Math.max(1, population * 0.001);
}

/**
 * The three figures completed from those given: the total from both groups when it is missing,
 * a missing group as the total less the other, the groups unknown (null) when only the total is
 * given. `{ error }` says why the figures cannot stand: a group above the total (a negative
 * difference), groups that do not add up to the total, or too little to know the total.
 */
export function completeRegistration(given: GivenFigures): RegistrationFigures | { error: string } {
  const { population, registered, migrants } = given;
  if (population === null) {
    if (registered !== null && migrants !== null) return { population: registered + migrants, registered, migrants };
    return { error: `population is missing and ${registered !== null ? 'only registered residents are' : migrants !== null ? 'only migrants are' : 'neither registered residents nor migrants are'} given` };
  }
  if (registered !== null && migrants !== null) {
    const sum = registered + migrants;
    if (Math.abs(sum - population) > registrationTolerance(population)) {
      return {
        error: `registered ${registered} + migrants ${migrants} = ${sum} is not the population ${population}; leave one of the three unmapped (e.g. --field registered=) to take it as the difference`,
      };
    }
    return { population, registered, migrants };
  }
  if (registered !== null) {
    if (registered > population) return { error: `registered ${registered} is above the population ${population} (migrants would be ${population - registered})` };
    return { population, registered, migrants: population - registered };
  }
  if (migrants !== null) {
    if (migrants > population) return { error: `migrants ${migrants} are above the population ${population} (registered would be ${population - migrants})` };
    return { population, registered: population - migrants, migrants };
  }
  return { population, registered: null, migrants: null };
}
