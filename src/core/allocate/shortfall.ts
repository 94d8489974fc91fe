/** What the unserved users add up to in places, classes and facilities of standard size. */
export interface Shortfall {
  /** One place per unserved user, rounded up to whole places. */
  seatsNeeded: number;
  /** ceil(seatsNeeded / classSize); null for clinics, which have no classes. */
  classesNeeded: number | null;
  /**
   * ceil(seatsNeeded / maxSchoolSeats): new schools (or clinics) at the size cap. A lower bound —
   * scattered pockets of unserved pupils may each need their own school; siting decides where.
   */
  schoolsNeeded: number;
}

export function shortfall(unservedUsers: number, classSize: number | null, maxSchoolSeats: number): Shortfall {
  // Float sums of fractional users can land a hair above an integer; that is not another seat.
  const seatsNeeded = Math.max(0, Math.ceil(unservedUsers - 1e-6));
  return {
    seatsNeeded,
    classesNeeded: classSize === null ? null : Math.ceil(seatsNeeded / classSize),
    schoolsNeeded: Math.ceil(seatsNeeded / maxSchoolSeats),
  };
}
