import { terminalSafe } from '../core/errors.ts';
import type { ZoneFilter, ZoneFigures, ZoneLayerOptions } from '../core/zones/index.ts';
import { worstZonesFirst } from '../core/zones/index.ts';

/** The options that read an attendance-zone file (`evaluate --zones`). */
export const ZONE_OPTIONS = {
  zones: { type: 'string' },
  'zone-field': { type: 'string' },
  'zone-school-field': { type: 'string' },
  'zone-where': { type: 'string', multiple: true },
} as const;

export const ZONE_OPTIONS_USAGE = `  --zones FILE        attendance zones (学区): polygons with a zone id (zone, 学区编号, 学区, CID,
                      id) and optionally the school's facility id (school, school_id, 学校);
                      without a school column a zone's school is the one facility of the type
                      inside it. Residents of a cell straddling zones are shared by area.
  --zone-field F      the zones' id column
  --zone-school-field F  the zones' school column (matched against the facilities' ids;
                      e.g. --field facilities.id=CID2016 --zone-school-field CID)
  --zone-where F=V    keep only the zones whose column F holds V (repeatable: all must hold),
                      e.g. --zone-where Year=2016 --zone-where Level=Elementary`;

type ZoneValues = { 'zone-field'?: string; 'zone-school-field'?: string; 'zone-where'?: string[] };

/** The zone layer's reading options from the command line; `--zone-where` must be FIELD=VALUE. */
export function zoneLayerOptions(values: ZoneValues, usage: (message: string) => Error): Omit<ZoneLayerOptions, 'source'> {
  const where: ZoneFilter[] = (values['zone-where'] ?? []).map((text) => {
    const eq = text.indexOf('=');
    if (eq <= 0) throw usage(`--zone-where must be FIELD=VALUE (e.g. Year=2016), got '${text}'`);
    return { field: text.slice(0, eq).trim(), value: text.slice(eq + 1).trim() };
  });
  return {
    ...(values['zone-field'] !== undefined ? { idField: values['zone-field'] } : {}),
    ...(values['zone-school-field'] !== undefined ? { schoolField: values['zone-school-field'] } : {}),
    ...(where.length > 0 ? { where } : {}),
  };
}

/** How many zones the text table lists before "… N more". */
export const ZONE_ROWS_SHOWN = 15;

const fmt = (n: number | null, digits = 0) =>
  n === null ? 'n/a' : n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (share: number | null) => (share === null ? 'n/a' : `${fmt(share * 100, 1)} %`);

/** A table of zones, worst first (`worstZonesFirst`), at most `shown` rows then "… N more". Text from files is escaped. */
export function zoneTable(zones: readonly ZoneFigures[], shown = ZONE_ROWS_SHOWN): string[] {
  const header = ['zone', 'school', 'pupils', 'seats', 'used', 'beyond radius', 'village'];
  const rows = [...zones]
    .sort(worstZonesFirst)
    .slice(0, shown)
    .map((z) => [terminalSafe(z.id), z.school === null ? '—' : terminalSafe(z.school), fmt(z.pupils), fmt(z.seats), pct(z.utilisation), fmt(z.beyondRadiusPupils), pct(z.villageShare)]);
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k].length)));
  const line = (cells: string[]) => cells.map((c, k) => (k < 2 ? c.padEnd(widths[k]) : c.padStart(widths[k]))).join('  ').trimEnd();
  const out = [line(header), ...rows.map(line)];
  if (zones.length > shown) out.push(`… ${fmt(zones.length - shown)} more`);
  return out;
}
