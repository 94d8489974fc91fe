/** Bring-your-own-data loaders: every format to WGS84 features, role and field mapping. */
export * from './types.ts';
export { loadFile, sniffFormat, LOADERS, ACCEPTED_EXTENSIONS } from './load.ts';
export { applyMapping } from './mapping.ts';
export {
  MAPPING_FILE_FORMAT,
  MAPPING_FILE_VERSION,
  FIELD_ROLES,
  parseMappingFile,
  validateMappingFile,
  mappingFileOf,
  mappingFileText,
  checkFieldMapping,
  checkTypeValues,
  checkAssumeCapacity,
  type MappingFile,
} from './mapping-file.ts';
export { suggestMapping, suggestRole, facilityTypeOf, facilityTypeLookup, findField, FIELD_NAMES } from './fields.ts';
export { epsgDefinition, suspectSystem } from './crs.ts';
export { parseJson, jsonErrorPosition } from './json.ts';
export { decodeText } from './bytes.ts';
export { parseWkt, toWkt } from './wkt.ts';
export { DEFAULT_LIMITS, LIMIT_NAMES, parseLimitSettings, limitsOf, type Limits } from './limits.ts';
