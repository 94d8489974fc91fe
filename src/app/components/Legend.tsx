import { FACILITY_TYPES } from '../../core/schema.ts';
import { DENSITY_BREAKS_PER_KM2, DENSITY_COLOURS } from '../map/colour-ramp.ts';
import { facilitySymbolDataUrl } from '../map/facility-style.ts';
import { VILLAGE_OUTLINE } from '../map/layers/villages-layer.ts';
import { SHORTFALL_BREAKS, SHORTFALL_COLOURS } from '../map/layers/shortfall-layer.ts';
import { UTILISATION_COLOURS } from '../map/layers/utilisation-layer.ts';
import { useI18n } from '../i18n/i18n.ts';
import { useAppState } from '../store/store.ts';
import { selectAccessLayer } from '../map/plan-layers.ts';
import { accessClassColour, NO_ACCESS_COLOUR } from '../map/layers/access-layer.ts';
import { accessUnitText, accessValueText } from '../analysis/access-text.ts';

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

/** The accessibility classes while the map shows them: best first, then "none in reach". */
function AccessLegend() {
  const i18n = useI18n();
  const { t } = i18n;
  const data = useAppState((s) => (s.layers.layers.access.visible ? selectAccessLayer(s) : null));
  if (!data) return null;
  const { breaks } = data.classes;
  const classes = breaks.map((lo, k) => ({ k, lo, hi: breaks[k + 1] as number | undefined }));
  const best = data.classes.higherIsBetter ? [...classes].reverse() : classes;
  const range = (lo: number, hi: number | undefined) => (hi === undefined ? `≥ ${accessValueText(i18n, lo)}` : `${accessValueText(i18n, lo)} – ${accessValueText(i18n, hi)}`);
  return (
    <div data-testid="legend-access">
      <h3>{t('access.legend', { method: t(`access.method.${data.access.settings.method}`), unit: accessUnitText(i18n, data.access) })}</h3>
      <ul className="ramp">
        {best.map(({ k, lo, hi }) => (
          <li key={k}>
            <span className="swatch" style={{ background: rgba(accessClassColour(k, data.classes)) }} />
            {range(lo, hi)}
          </li>
        ))}
        <li>
          <span className="swatch" style={{ background: rgba(NO_ACCESS_COLOUR) }} />
          {t('access.legendNone')}
        </li>
      </ul>
    </div>
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
      {analysed && <AccessLegend />}
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
