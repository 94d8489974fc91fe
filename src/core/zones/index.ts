/** Attendance zones (学区): reading, evaluating and designing them. */
export { readZones, ZONE_FIELD_NAMES, type Zone, type ZoneFilter, type ZoneLayer, type ZoneLayerOptions } from './zone-layer.ts';
export { sharedBoundaryNeighbours, type SharedBoundaryOptions } from './shared-boundary.ts';
export { sumZoneFigures, type ZoneFigures, type FigureCell, type FigureZone, type ZoneMembership } from './zone-figures.ts';
export {
  evaluateZones,
  ZONE_MIN_SHARED_M,
  type ZoneEvaluationInput,
  type ZoneEvaluationOptions,
  type ZoneEvaluation,
  type EvaluatedZone,
  type ZoneSchoolStatus,
  type ZoneSummary,
  type CrowdedZone,
} from './evaluate-zones.ts';
export { roundZoneFigures, worstZonesFirst } from './zone-records.ts';
