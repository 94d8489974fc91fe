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
export { prepareZoneDesign, type ZoneDesignProblem, type ZoneDesignOptions, type DesignCell, type NoPairReason, type CellAdjacency } from './design-problem.ts';
export { designZones, designFigures, type ZoneDesign, type ZoneDesignSettings, type UnplacedCell, type UnplacedReason } from './design-zones.ts';
export { solveAssignmentLp, assignmentLowerBound, type AssignmentLp } from './assignment-lp.ts';
export { zoneOutlines, type ZoneOutline } from './zone-outlines.ts';
export { checkZoning, type ZoningCheck } from './zoning-check.ts';
export { zoningTotals, type ZoningTotals } from './zoning-totals.ts';
export { createZoneEditor, type ZoneEditor, type ZoneEditUpdate } from './zone-editor.ts';
