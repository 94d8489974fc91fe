import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.ts';
import { mappingFileOf, mappingFileText, parseMappingFile } from '../../../src/core/io/index.ts';

const DIR = join(import.meta.dirname, '../../fixtures/io/mapping');

function refusal(text: string): string {
  try {
    parseMappingFile(text, 'm.json');
  } catch (err) {
    if (err instanceof InputError) {
      expect(err.source).toBe('m.json');
      return err.reason;
    }
    throw err;
  }
  throw new Error('expected an InputError');
}

const base = { format: 'catchmap-mapping', version: 1 };
const json = (value: unknown) => JSON.stringify(value);

describe('mapping files', () => {
  it('reads the fixture as written', () => {
    expect(parseMappingFile(readFileSync(join(DIR, 'schools.mapping.json'), 'utf8'), 'schools.mapping.json')).toEqual({
      format: 'catchmap-mapping',
      version: 1,
      role: 'facilities',
      fields: { capacity: 'OTGC2016', type: 'Level', name: 'Name', id: 'SchoolID' },
      typeValues: { Elementary: 'primary', High: 'junior' },
    });
  });

  it('round-trips what the dialog saves: mappingFileOf → text → parseMappingFile', () => {
    const saved = mappingFileOf({
      role: 'facilities',
      fields: { capacity: 'OTGC2016', type: 'Level', name: '', id: undefined },
      typeValues: { Elementary: 'primary', High: 'junior' },
      assumeCapacity: 'standard',
    });
    expect(saved).toEqual({
      format: 'catchmap-mapping',
      version: 1,
      role: 'facilities',
      fields: { capacity: 'OTGC2016', type: 'Level' },
      typeValues: { Elementary: 'primary', High: 'junior' },
      assumeCapacity: 'standard',
    });
    const text = mappingFileText(saved);
    expect(text.endsWith('}\n')).toBe(true);
    expect(parseMappingFile(text, 'm.json')).toEqual(saved);
    // Without a role, type values or assumption, only what was chosen is written.
    expect(mappingFileOf({ fields: { population: 'pop2016' } })).toEqual({ format: 'catchmap-mapping', version: 1, fields: { population: 'pop2016' } });
  });

  it('refuses what is not a mapping file, saying what is wrong', () => {
    expect(refusal('[]')).toBe('a mapping file is a JSON object, got an array');
    expect(refusal('{"format":"catchmap-scenario","version":1,"fields":{}}')).toBe('not a Catchmap mapping file: "format" must be "catchmap-mapping", got "catchmap-scenario"');
    expect(refusal(json({ ...base, version: 2, fields: {} }))).toBe('mapping file version 2 is not supported (this version of Catchmap reads version 1)');
    expect(refusal(json({ ...base }))).toBe('fields is missing: give at least {}');
    expect(refusal(json({ ...base, fields: {}, assume: 'standard' }))).toBe('unknown key "assume" (a mapping file has: format, version, role, fields, typeValues, assumeCapacity)');
    expect(refusal(json({ ...base, role: 'schools', fields: {} }))).toBe('role must be one of population, villages, facilities, candidates, exclusions, roads, boundary, zones, got "schools"');
    expect(refusal(json({ ...base, fields: ['capacity'] }))).toBe('fields must be an object of field names, got an array');
    expect(refusal(json({ ...base, fields: { seats: 'OTGC2016' } }))).toBe(
      'fields: unknown key "seats" (known: population, capacity, classes, type, fixedType, name, id, migrantShare, class, registered, migrants, zone, school)',
    );
    expect(refusal(json({ ...base, fields: { capacity: 12 } }))).toBe('fields.capacity must be a column name (text), got 12');
    expect(refusal(json({ ...base, fields: { capacity: ' ' } }))).toBe('fields.capacity must be a column name (text), got " "');
    expect(refusal(json({ ...base, fields: { fixedType: 'school' } }))).toBe(
      'fields.fixedType must be a facility type (kindergarten, primary, junior, health_station, health_centre), got "school"',
    );
    expect(refusal(json({ ...base, fields: {}, typeValues: { High: 'secondary' } }))).toBe(
      'typeValues: "High" must map to a facility type (kindergarten, primary, junior, health_station, health_centre), got "secondary"',
    );
    expect(refusal(json({ ...base, fields: {}, assumeCapacity: 'yes' }))).toBe('assumeCapacity must be "standard", got "yes"');
    expect(refusal(json({ ...base, role: 'population', fields: { capacity: 'OTGC2016' } }))).toBe('fields.capacity is for the facilities layer, but this mapping is for population');
    expect(refusal(json({ ...base, role: 'population', fields: {}, assumeCapacity: 'standard' }))).toBe('assumeCapacity is for the facilities layer, but this mapping is for population');
    expect(refusal('{"format":')).toMatch(/^invalid JSON at position 10: /);
    // A village layer may have its own population column.
    expect(parseMappingFile(json({ ...base, role: 'villages', fields: { population: 'pop', name: 'NAME' } }), 'v.json').fields).toEqual({ population: 'pop', name: 'NAME' });
  });

  it('cannot pollute prototypes: __proto__, constructor and prototype keys (also \\u-escaped) are dropped', () => {
    const text = readFileSync(join(DIR, 'polluting.mapping.json'), 'utf8');
    expect(text).toContain('\\u0063onstructor');
    const m = parseMappingFile(text, 'polluting.mapping.json');
    expect(m).toEqual({ format: 'catchmap-mapping', version: 1, fields: { capacity: 'OTGC2016' }, typeValues: { Elementary: 'primary' } });
    expect(Object.keys(m.typeValues!)).toEqual(['Elementary']);
    expect(Object.getPrototypeOf(m.typeValues)).toBe(null);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    // What the page would build by hand is checked the same way.
    expect(mappingFileOf({ fields: {}, typeValues: JSON.parse('{"__proto__":"primary","High":"junior"}') }).typeValues).toEqual({ High: 'junior' });
  });
});
