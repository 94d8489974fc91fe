import { FACILITY_TYPES } from '../../core/schema.ts';
import { DENSITY_BREAKS_PER_KM2, DENSITY_COLOURS } from '../map/colour-ramp.ts';
import { FACILITY_STYLE, facilitySymbolDataUrl } from '../map/facility-style.ts';
import { VILLAGE_OUTLINE } from '../map/layers/villages-layer.ts';

const fmt = (n: number) => n.toLocaleString('en');
const rgba = (c: readonly number[], a = 1) => `rgba(${c[0]},${c[1]},${c[2]},${a})`;

export function Legend() {
  return (
    <section className="legend" aria-labelledby="legend-heading" data-testid="legend">
      <h2 id="legend-heading">Legend</h2>
      <h3>Residents per km²</h3>
      <ul className="ramp">
        {DENSITY_COLOURS.map((c, k) => {
          const lo = DENSITY_BREAKS_PER_KM2[k];
          const hi = DENSITY_BREAKS_PER_KM2[k + 1];
          return (
            <li key={k}>
              <span className="swatch" style={{ background: rgba(c) }} />
              {hi === undefined ? `≥ ${fmt(lo)}` : `${fmt(lo)} – ${fmt(hi)}`}
            </li>
          );
        })}
      </ul>
      <ul className="symbols">
        <li>
          <span className="swatch village" style={{ borderColor: rgba(VILLAGE_OUTLINE), background: rgba(VILLAGE_OUTLINE, 0.18) }} />
          Urban village
        </li>
        {FACILITY_TYPES.map((t) => (
          <li key={t}>
            <img src={facilitySymbolDataUrl(t)} alt="" width={16} height={16} />
            {FACILITY_STYLE[t].label}
          </li>
        ))}
        <li>
          <span className="swatch catchment" />
          Catchment (service radius)
        </li>
        <li className="note">Symbol size: capacity (seats, or patient visits a day)</li>
      </ul>
    </section>
  );
}
