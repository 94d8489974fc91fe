import {
  ASSUME_CAPACITY,
  FIELD_MAPPING_KEYS,
  FIELD_ROLES,
  isRole,
  parseMappingFile,
  ROLES,
  type AssumeCapacity,
  type FieldMapping,
  type LoadResult,
  type MappingOptions,
  type Role,
} from '../core/io/index.ts';
import { FACILITY_TYPES, isFacilityType, type FacilityType } from '../core/schema.ts';
import { readText } from './read-file.ts';

/** The field-mapping options every command that reads layers accepts. */
export const MAPPING_OPTIONS = {
  field: { type: 'string', multiple: true },
  'type-value': { type: 'string', multiple: true },
  mapping: { type: 'string', multiple: true },
  'assume-capacity': { type: 'string' },
} as const;

/** Keys `--field` takes (fixedType is `--type`). */
const FIELD_KEYS = FIELD_MAPPING_KEYS.filter((k) => k !== 'fixedType');
type FieldKey = (typeof FIELD_KEYS)[number];

/** Layer names `--field LAYER.KEY=COLUMN` accepts: the roles, and solve's names for two of them. */
const LAYER_ALIASES: Record<string, Role> = { demand: 'population', existing: 'facilities' };

/**
 * The usage text of the mapping options: `layers` names the layers the command reads, for the
 * LAYER.KEY form; without it (load) every key is for the one file.
 */
export function mappingOptionsUsage(layers?: string): string {
  const single = layers === undefined;
  const where = single
    ? `                      Every key is for FILE (with a layer in front, LAYER.KEY, it must be
                      the file's role). An empty COLUMN (--field capacity=) unmaps a suggestion.`
    : `                      Each key goes to its layer: population → the population; capacity,
                      classes, type → the facilities; migrantShare → the villages; class → the
                      roads. id and name, or a key for another layer, take the layer in front:
                      --field facilities.name=Name, --field villages.population=pop
                      (layers: ${layers}).
                      An empty COLUMN (--field capacity=) unmaps a suggestion.`;
  return `  --field KEY=COLUMN  the file's COLUMN holds KEY (repeatable), e.g. --field capacity=OTGC2016
                      --field type=Level. KEY: ${FIELD_KEYS.slice(0, 5).join(', ')},
                      ${FIELD_KEYS.slice(5).join(', ')}.
${where}
  --type-value VALUE=TYPE  the facilities' type column VALUE means TYPE (repeatable), e.g.
                      --type-value Elementary=primary --type-value High=junior; values neither
                      mapped nor known (小学, primary school, …) are skipped with a warning
  --mapping FILE      a mapping file (JSON, as the app's load dialog saves it; repeatable):
                      {"format":"catchmap-mapping","version":1,"role":"facilities",
                       "fields":{"capacity":"OTGC2016"},"typeValues":{"Elementary":"primary"},
                       "assumeCapacity":"standard"}; ${
                        single ? 'its "role" is the default --role' : 'without "role" each key goes to its\n                      layer as with --field'
                      }.
                      --field, --type-value and --assume-capacity override it.
  --assume-capacity standard  facilities without a capacity and without classes (which give
                      classes × class size) get the preset's standard size, marked as assumed in
                      every output; without it they are skipped, or, when no facility has a
                      capacity, kept for coverage only (allocation needs capacities)`;
}

type MappingValues = { field?: string[]; 'type-value'?: string[]; mapping?: string[]; 'assume-capacity'?: string };

/** One layer's mapping choices from the command line and mapping files. */
export interface LayerChoice {
  fields: FieldMapping;
  /** Where each field was given, for messages: `--field capacity=OTGC2016`, `m.json: fields.capacity`. */
  from: Partial<Record<keyof FieldMapping, string>>;
  options: MappingOptions;
  /** Where type values or the capacity rule were given (they are for facilities only). */
  optionsFrom: string[];
}

/**
 * The choices per layer. With `single` (load, one file) everything is in `byRole.any`-like
 * `single`, and `named` lists the layers the choices named, to check against the file's role.
 */
export interface MappingChoices {
  byRole: Partial<Record<Role, LayerChoice>>;
  /** load only: every choice, for the one file. */
  single?: LayerChoice;
  /** load only: the layers choices named (`--field facilities.name=…`, a mapping file's role). */
  named: { role: Role; from: string }[];
}

const emptyChoice = (): LayerChoice => ({ fields: {}, from: {}, options: {}, optionsFrom: [] });

function layerOf(name: string): Role | undefined {
  return isRole(name) ? name : LAYER_ALIASES[name];
}

/**
 * Reads `--mapping FILE …`, `--field …`, `--type-value …` and `--assume-capacity` into choices
 * per layer (later files override earlier ones, flags override files). With `single` (load) every
 * choice applies to the one file; otherwise a key goes to the layer it belongs to (FIELD_ROLES),
 * `id`/`name` must name their layer, and type values and assumed capacities go to the
 * facilities. Wrong syntax, unknown keys, layers or types are usage errors.
 */
export function readMappingChoices(values: MappingValues, usage: (message: string) => Error, single = false): MappingChoices {
  const choices: MappingChoices = { byRole: {}, named: [] };
  const choiceFor = (role: Role | undefined, from: string): LayerChoice => {
    if (single) {
      if (role !== undefined) choices.named.push({ role, from });
      return (choices.single ??= emptyChoice());
    }
    return (choices.byRole[role ?? 'facilities'] ??= emptyChoice());
  };
  const setField = (role: Role | undefined, key: keyof FieldMapping, column: string, from: string) => {
    const choice = choiceFor(role, from);
    (choice.fields as Record<string, string>)[key] = column;
    choice.from[key] = from;
  };
  const facilityOptions = (role: Role | undefined, from: string): LayerChoice => {
    const choice = choiceFor(role ?? (single ? undefined : 'facilities'), from);
    choice.optionsFrom.push(from);
    return choice;
  };
  const addTypeValues = (choice: LayerChoice, more: Readonly<Record<string, FacilityType>>) => {
    const typeValues = Object.create(null) as Record<string, FacilityType>;
    for (const table of [choice.options.typeValues ?? {}, more]) for (const k of Object.keys(table)) typeValues[k] = table[k];
    choice.options.typeValues = typeValues;
  };

  for (const file of values.mapping ?? []) {
    const m = parseMappingFile(readText(file), file);
    for (const key of Object.keys(m.fields) as (keyof FieldMapping)[]) {
      const from = `${file}: fields.${key}`;
      const role = m.role ?? (key === 'id' || key === 'name' ? undefined : FIELD_ROLES[key]);
      if (role === undefined && !single) throw usage(`${from}: the mapping file has no "role", so it does not say which layer ${key} is for`);
      setField(single ? m.role : role, key, m.fields[key]!, from);
    }
    if (m.typeValues) addTypeValues(facilityOptions(m.role, `${file}: typeValues`), m.typeValues);
    if (m.assumeCapacity) facilityOptions(m.role, `${file}: assumeCapacity`).options.assumeCapacity = m.assumeCapacity;
  }

  for (const text of values.field ?? []) {
    const eq = text.indexOf('=');
    if (eq <= 0) throw usage(`--field must be KEY=COLUMN (e.g. capacity=OTGC2016), got '${text}'`);
    const left = text.slice(0, eq).trim();
    const column = text.slice(eq + 1).trim();
    const dot = left.lastIndexOf('.');
    const layerName = dot > 0 ? left.slice(0, dot) : undefined;
    const key = dot > 0 ? left.slice(dot + 1) : left;
    if (key === 'fixedType') throw usage(`--field ${text}: one type for every facility is --type TYPE`);
    if (!(FIELD_KEYS as readonly string[]).includes(key)) throw usage(`--field ${text}: unknown key '${key}' (keys: ${FIELD_KEYS.join(', ')})`);
    const named = layerName === undefined ? undefined : layerOf(layerName);
    if (layerName !== undefined && named === undefined) {
      throw usage(`--field ${text}: unknown layer '${layerName}' (layers: ${[...ROLES, ...Object.keys(LAYER_ALIASES)].join(', ')})`);
    }
    const fieldKey = key as FieldKey;
    const role = named ?? (single || fieldKey === 'id' || fieldKey === 'name' ? undefined : FIELD_ROLES[fieldKey]);
    if (role === undefined && !single) throw usage(`--field ${text}: say which layer ${key} is for, e.g. --field facilities.${key}=${column || 'COLUMN'}`);
    setField(role, fieldKey, column, `--field ${text}`);
  }

  for (const text of values['type-value'] ?? []) {
    const eq = text.lastIndexOf('=');
    const value = eq > 0 ? text.slice(0, eq) : '';
    const type = eq > 0 ? text.slice(eq + 1).trim() : '';
    if (value.trim() === '' || type === '') throw usage(`--type-value must be VALUE=TYPE (e.g. Elementary=primary), got '${text}'`);
    if (!isFacilityType(type)) throw usage(`--type-value ${text}: TYPE must be one of ${FACILITY_TYPES.join(', ')}, got '${type}'`);
    addTypeValues(facilityOptions(undefined, `--type-value ${text}`), { [value]: type });
  }

  const assume = values['assume-capacity'];
  if (assume !== undefined) {
    if (!(ASSUME_CAPACITY as readonly string[]).includes(assume)) throw usage(`--assume-capacity must be ${ASSUME_CAPACITY.join(' or ')}, got '${assume}'`);
    facilityOptions(undefined, `--assume-capacity ${assume}`).options.assumeCapacity = assume as AssumeCapacity;
  }
  return choices;
}

/** load: the choice for its one file, once its role is known; a choice naming another layer is a usage error. */
export function choiceForFile(choices: MappingChoices, role: Role, file: string, usage: (message: string) => Error): LayerChoice | undefined {
  const other = choices.named.find((n) => n.role !== role);
  if (other) throw usage(`${other.from}: is for the ${other.role} layer, but ${file} is read as ${role} (--role ${other.role} reads it as that)`);
  return choices.single;
}

/**
 * Every layer a choice went to must be one the command reads and is given: `layers` maps each
 * role the command reads to its option and file (`{ villages: ['--villages', file] }`).
 */
export function checkChoiceLayers(choices: MappingChoices, layers: Partial<Record<Role, [flag: string, file: string | undefined]>>, usage: (message: string) => Error): void {
  for (const [role, choice] of Object.entries(choices.byRole) as [Role, LayerChoice][]) {
    const first = Object.values(choice.from)[0] ?? choice.optionsFrom[0];
    const layer = layers[role];
    if (!layer) throw usage(`${first}: is for the ${role} layer, which this command does not read`);
    if (layer[1] === undefined) throw usage(`${first}: is for the ${role} layer, but no ${layer[0]} FILE is given`);
  }
}

/**
 * The mapping a layer is read with: the loader's suggestions, then the user's choices (an empty
 * column unmaps a suggestion). A chosen column the file does not have is a usage error naming the
 * file's columns; type values and assumed capacities are for facilities only.
 */
export function mappingFor(
  loaded: LoadResult,
  role: Role,
  choice: LayerChoice | undefined,
  usage: (message: string) => Error,
): { mapping: FieldMapping; options: MappingOptions } {
  const mapping: FieldMapping = { ...loaded.suggestedMapping };
  if (!choice) return { mapping, options: {} };
  for (const key of Object.keys(choice.fields) as (keyof FieldMapping)[]) {
    const column = choice.fields[key];
    if (column === undefined || column === '') {
      delete mapping[key];
      continue;
    }
    if (key !== 'fixedType' && !loaded.fields.includes(column)) {
      throw usage(`${choice.from[key]}: ${loaded.file} has no column '${column}'; its columns are: ${loaded.fields.join(', ') || '(none)'}`);
    }
    (mapping as Record<string, string>)[key] = column;
  }
  if (choice.optionsFrom.length > 0 && role !== 'facilities') {
    throw usage(`${choice.optionsFrom[0]}: is for facilities, but ${loaded.file} is read as ${role}`);
  }
  return { mapping, options: choice.options };
}
