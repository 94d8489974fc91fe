import { FACILITY_TYPES } from '../../core/schema.ts';
import { DENSITY_BREAKS_PER_KM2, DENSITY_COLOURS } from '../map/colour-ramp.ts';
import { facilitySymbolDataUrl } from '../map/facility-style.ts';
import { VILLAGE_OUTLINE } from '../map/layers/villages-layer.ts';
import { SHORTFALL_BREAKS, SHORTFALL_COLOURS } from '../map/layers/shortfall-layer.ts';
import { UTILISATION_COLOURS } from '../map/layers/utilisation-layer.ts';
import { useI18n } from '../i18n/i18n.ts';

const rgba = (c: readonly number[], a = 1) => `rgba(${c[0]},${c[1]},${c[2]},${a})`;

function Ramp({ colours, breaks }: { colours: readonly (readonly number[])[]; breaks: readonly number[] }) {
  const { n } = useI18n();
  return (
    <ul className="ramp">
      {colours.map((c, k) => {
        const lo = breaks[k];
        const hi = breaks[k + 1];
        return (
          <li key={k}>
            <span className="swatch" style={{ background: rgba(c) }} />
            {hi === undefined ? `≥ ${n(lo)}` : `${n(lo)} – ${n(hi)}`}
          </li>
        );
      })}
    </ul>
  );
}

/** `analysed`: also explain the analysis layers (shortfall, utilisation, proposals). */
export function Legend({ analysed }: { analysed: boolean }) {
  const { t } = useI18n();
  return (
    <section className="legend" aria-labelledby="legend-heading" data-testid="legend">
      <h2 id="legend-heading">{t('legend.title')}</h2>
      <h3>{t('legend.density')}</h3>
      <Ramp colours={DENSITY_COLOURS} breaks={DENSITY_BREAKS_PER_KM2} />
      <ul className="symbols">
        <li>
          <span className="swatch village" style={{ borderColor: rgba(VILLAGE_OUTLINE), background: rgba(VILLAGE_OUTLINE, 0.18) }} />
          {t('legend.village')}
        </li>
        {FACILITY_TYPES.map((type) => (
          <li key={type}>
            <img src={facilitySymbolDataUrl(type)} alt="" width={16} height={16} />
            {t(`facility.${type}`)}
          </li>
        ))}
        <li>
          <span className="swatch catchment" />
          {t('legend.catchment')}
        </li>
        <li className="note">{t('legend.symbolSize')}</li>
      </ul>
      {analysed && (
        <>
          <h3>{t('legend.unserved')}</h3>
          <Ramp colours={SHORTFALL_COLOURS} breaks={SHORTFALL_BREAKS} />
          <h3>{t('legend.utilisation')}</h3>
          <ul className="symbols">
            {(Object.keys(UTILISATION_COLOURS) as (keyof typeof UTILISATION_COLOURS)[]).map((s) => (
              <li key={s}>
                <span className="swatch dot" style={{ background: rgba(UTILISATION_COLOURS[s]) }} />
                {t(`util.${s}`)}
              </li>
            ))}
            <li>
              <span className="swatch proposal" />
              {t('legend.proposal')}
            </li>
          </ul>
        </>
      )}
    </section>
  );
}
