import { FACILITY_TYPES } from '../../core/schema.ts';
import { DENSITY_BREAKS_PER_KM2, DENSITY_COLOURS } from '../map/colour-ramp.ts';
import { FACILITY_STYLE, facilitySymbolDataUrl } from '../map/facility-style.ts';
import { VILLAGE_OUTLINE } from '../map/layers/villages-layer.ts';
import { SHORTFALL_BREAKS, SHORTFALL_COLOURS } from '../map/layers/shortfall-layer.ts';
import { UTILISATION_COLOURS, UTILISATION_LABELS } from '../map/layers/utilisation-layer.ts';

const fmt = (n: number) => n.toLocaleString('en');
const rgba = (c: readonly number[], a = 1) => `rgba(${c[0]},${c[1]},${c[2]},${a})`;

/** `analysed`: also explain the analysis layers (shortfall, utilisation). */
export function Legend({ analysed }: { analysed: boolean }) {
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
      {analysed && (
        <>
          <h3>Unserved per cell (pupils or visits a day)</h3>
          <ul className="ramp">
            {SHORTFALL_COLOURS.map((c, k) => {
              const lo = SHORTFALL_BREAKS[k];
              const hi = SHORTFALL_BREAKS[k + 1];
              return (
                <li key={k}>
                  <span className="swatch" style={{ background: rgba(c) }} />
                  {hi === undefined ? `≥ ${fmt(lo)}` : `${fmt(lo)} – ${fmt(hi)}`}
                </li>
              );
            })}
          </ul>
          <h3>Utilisation (halo)</h3>
          <ul className="symbols">
            {(Object.keys(UTILISATION_COLOURS) as (keyof typeof UTILISATION_COLOURS)[]).map((s) => (
              <li key={s}>
                <span className="swatch dot" style={{ background: rgba(UTILISATION_COLOURS[s]) }} />
                {UTILISATION_LABELS[s]}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
