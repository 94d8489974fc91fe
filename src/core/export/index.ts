/** Exports: results and proposals as GeoJSON or CSV (formula-safe), summaries as JSON. */
export { neutraliseCell, featuresToCsv, csvLines } from './csv.ts';
export { cellFeatures, cellRows, featureChunks, facilityFeatures, proposalFeatures, summaryJson, summaryRecord, exportFormatOf, featuresText, type ExportFormat } from './results.ts';
export { ROUNDING, roundAs, roundGeometry } from './rounding.ts';
