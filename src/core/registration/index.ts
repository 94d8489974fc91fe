/** Residents by registration (Hukou against migrants): the analysis by group, admission policies and the Hukou-only counterfactual. */
export { completeRegistration, registrationTolerance, type GivenFigures, type RegistrationFigures } from './registration-figures.ts';
export {
  ADMISSIONS,
  isAdmission,
  byRegistrationRecord,
  type Admission,
  type ByRegistration,
  type RegistrationGroup,
  type RegistrationOptions,
  type RegistrationSources,
} from './by-registration.ts';
export { allocateRegisteredFirst, type GroupAllocation } from './registered-first.ts';
export {
  hukouCounterfactual,
  planOutcome,
  isPlanFor,
  PLAN_FOR,
  type HukouCounterfactual,
  type LeftOutCell,
  type PlanFor,
  type PlanOutcome,
  type SchoolCount,
} from './hukou-counterfactual.ts';
