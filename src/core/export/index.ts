/** Exports: results and proposals as GeoJSON or CSV (formula-safe), summaries as JSON. */
export { neutraliseCell, featuresToCsv } from './csv.ts';
export { cellFeatures, facilityFeatures, proposalFeatures, summaryJson, summaryRecord, exportFormatOf, featuresText, type ExportFormat } from './results.ts';
export { ROUNDING, roundAs, roundGeometry } from './rounding.ts';
