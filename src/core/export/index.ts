/** Exports: results and proposals as GeoJSON or CSV (formula-safe), summaries as JSON. */
export { neutraliseCell, featuresToCsv, csvLines, type CsvHeader } from './csv.ts';
export { cellFeatures, cellRows, cellRowsHeader, featureChunks, facilityFeatures, proposalFeatures, summaryJson, summaryRecord, exportFormatOf, featuresText, type ExportFormat } from './results.ts';
export { ROUNDING, roundAs, roundGeometry } from './rounding.ts';
