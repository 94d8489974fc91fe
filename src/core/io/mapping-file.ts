import { InputError } from '../errors.ts';
import { FACILITY_TYPES, isFacilityType, type FacilityType } from '../schema.ts';
import { parseJson } from './json.ts';
import { isUnsafeKey } from './properties.ts';
import { ASSUME_CAPACITY, FIELD_MAPPING_KEYS, isRole, ROLES, type AssumeCapacity, type FieldMapping, type MappingOptions, type Role } from './types.ts';

/** The `format` of a mapping file. */
export const MAPPING_FILE_FORMAT = 'catchmap-mapping';
/** The only `version` so far. */
export const MAPPING_FILE_VERSION = 1;

/**
 * A field mapping saved as a file, one layer's choices: which column holds each schema property,
 * what the file's type values mean, and whether missing capacities are assumed. The app's load
 * dialog saves and opens it; the CLI reads it with `--mapping FILE`.
 *
 * ```json
 * { "format": "catchmap-mapping", "version": 1, "role": "facilities",
 *   "fields": { "capacity": "OTGC2016", "type": "Level", "name": "Name" },
 *   "typeValues": { "Elementary": "primary", "High": "junior" },
 *   "assumeCapacity": "standard" }
 * ```
 */
export interface MappingFile extends MappingOptions {
  format: typeof MAPPING_FILE_FORMAT;
  version: typeof MAPPING_FILE_VERSION;
  /** The layer the mapping is for; without it, each field goes to the layer its key belongs to (see FIELD_ROLES). */
  role?: Role;
  fields: FieldMapping;
}

/**
 * The layer a field mapping key belongs to when no layer is named (`--field capacity=…` goes to
 * the facilities). `id` and `name` belong to every layer, so they need one named.
 */
export const FIELD_ROLES: Readonly<Record<Exclude<keyof FieldMapping, 'id' | 'name'>, Role>> = {
  population: 'population',
  capacity: 'facilities',
  classes: 'facilities',
  type: 'facilities',
  fixedType: 'facilities',
  migrantShare: 'villages',
  class: 'roads',
  registered: 'population',
  migrants: 'population',
  zone: 'zones',
  school: 'zones',
};

const TOP_KEYS = ['format', 'version', 'role', 'fields', 'typeValues', 'assumeCapacity'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `fields` checked: known keys, column names as non-empty text, `fixedType` a facility type. */
export function checkFieldMapping(value: unknown, file: string, where = 'fields'): FieldMapping {
  if (!isRecord(value)) throw new InputError(file, `${where} must be an object of field names, got ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}`);
  const fields: FieldMapping = {};
  for (const key of Object.keys(value)) {
    if (isUnsafeKey(key)) continue;
    const column = value[key];
    if (!(FIELD_MAPPING_KEYS as readonly string[]).includes(key)) {
      throw new InputError(file, `${where}: unknown key ${JSON.stringify(key)} (known: ${FIELD_MAPPING_KEYS.join(', ')})`);
    }
    if (key === 'fixedType') {
      if (!isFacilityType(column)) throw new InputError(file, `${where}.fixedType must be a facility type (${FACILITY_TYPES.join(', ')}), got ${JSON.stringify(column)}`);
      fields.fixedType = column;
    } else {
      if (typeof column !== 'string' || column.trim() === '') throw new InputError(file, `${where}.${key} must be a column name (text), got ${JSON.stringify(column)}`);
      fields[key as Exclude<keyof FieldMapping, 'fixedType'>] = column;
    }
  }
  return fields;
}

/** `typeValues` checked: every value a facility type. A null-prototype object, so no key is inherited. */
export function checkTypeValues(value: unknown, file: string, where = 'typeValues'): Record<string, FacilityType> {
  if (!isRecord(value)) throw new InputError(file, `${where} must be an object of type values, got ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}`);
  const out = Object.create(null) as Record<string, FacilityType>;
  for (const key of Object.keys(value)) {
    if (isUnsafeKey(key)) continue;
    const type = value[key];
    if (!isFacilityType(type)) throw new InputError(file, `${where}: ${JSON.stringify(key)} must map to a facility type (${FACILITY_TYPES.join(', ')}), got ${JSON.stringify(type)}`);
    out[key] = type;
  }
  return out;
}

export function checkAssumeCapacity(value: unknown, file: string, where = 'assumeCapacity'): AssumeCapacity {
  if (!(ASSUME_CAPACITY as readonly unknown[]).includes(value)) {
    throw new InputError(file, `${where} must be ${ASSUME_CAPACITY.map((a) => JSON.stringify(a)).join(' or ')}, got ${JSON.stringify(value)}`);
  }
  return value as AssumeCapacity;
}

/**
 * A parsed mapping file checked field by field; anything else is an InputError naming `file` and
 * what is wrong. Unknown keys are refused (a typo would otherwise be silently ignored).
 */
export function validateMappingFile(value: unknown, file: string): MappingFile {
  if (!isRecord(value)) throw new InputError(file, `a mapping file is a JSON object, got ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}`);
  if (value.format !== MAPPING_FILE_FORMAT) {
    throw new InputError(file, `not a Catchmap mapping file: "format" must be "${MAPPING_FILE_FORMAT}", got ${JSON.stringify(value.format)}`);
  }
  if (value.version !== MAPPING_FILE_VERSION) {
    throw new InputError(file, `mapping file version ${JSON.stringify(value.version)} is not supported (this version of Catchmap reads version ${MAPPING_FILE_VERSION})`);
  }
  const unknown = Object.keys(value).filter((k) => !(TOP_KEYS as readonly string[]).includes(k) && !isUnsafeKey(k));
  if (unknown.length > 0) throw new InputError(file, `unknown key ${JSON.stringify(unknown[0])} (a mapping file has: ${TOP_KEYS.join(', ')})`);
  if (value.role !== undefined && !isRole(value.role)) throw new InputError(file, `role must be one of ${ROLES.join(', ')}, got ${JSON.stringify(value.role)}`);
  if (value.fields === undefined) throw new InputError(file, 'fields is missing: give at least {}');
  const out: MappingFile = { format: MAPPING_FILE_FORMAT, version: MAPPING_FILE_VERSION, fields: checkFieldMapping(value.fields, file) };
  if (isRole(value.role)) out.role = value.role;
  if (value.typeValues !== undefined) out.typeValues = checkTypeValues(value.typeValues, file);
  if (value.assumeCapacity !== undefined) out.assumeCapacity = checkAssumeCapacity(value.assumeCapacity, file);
  if (out.role !== undefined) {
    // Keys that belong to another layer are a mistake in a file made for one layer.
    for (const key of Object.keys(out.fields) as (keyof FieldMapping)[]) {
      const owner = key === 'id' || key === 'name' ? null : FIELD_ROLES[key];
      const villagePopulation = key === 'population' && out.role === 'villages';
      if (owner !== null && owner !== out.role && !villagePopulation) {
        throw new InputError(file, `fields.${key} is for the ${owner} layer, but this mapping is for ${out.role}`);
      }
    }
    if ((out.typeValues !== undefined || out.assumeCapacity !== undefined) && out.role !== 'facilities') {
      throw new InputError(file, `${out.typeValues !== undefined ? 'typeValues' : 'assumeCapacity'} is for the facilities layer, but this mapping is for ${out.role}`);
    }
  }
  return out;
}

/** Parses a mapping file's text (prototype-safe JSON: `__proto__` and the like are dropped) and validates it. */
export function parseMappingFile(text: string, file: string): MappingFile {
  return validateMappingFile(parseJson(text, file), file);
}

/**
 * The mapping file of a layer's choices, as the app's dialog saves it: empty columns and empty
 * tables left out. `mappingFileText` gives the text to write.
 */
export function mappingFileOf(choice: { role?: Role; fields: FieldMapping } & MappingOptions): MappingFile {
  const fields: FieldMapping = {};
  for (const key of FIELD_MAPPING_KEYS) {
    const v = choice.fields[key];
    if (v !== undefined && v !== '') (fields as Record<string, string>)[key] = v;
  }
  const out: MappingFile = { format: MAPPING_FILE_FORMAT, version: MAPPING_FILE_VERSION, ...(choice.role ? { role: choice.role } : {}), fields };
  const typeValues = Object.keys(choice.typeValues ?? {}).filter((k) => !isUnsafeKey(k));
  if (typeValues.length > 0) out.typeValues = Object.fromEntries(typeValues.map((k) => [k, choice.typeValues![k]]));
  if (choice.assumeCapacity) out.assumeCapacity = choice.assumeCapacity;
  return out;
}

/** A mapping file as JSON text (two-space indented, newline at the end). */
export function mappingFileText(mapping: MappingFile): string {
  return JSON.stringify(mapping, null, 2) + '\n';
}
