import { useMemo } from 'react';
import { facilitySymbolDataUrl } from '../map/facility-style.ts';
import { legendSections, type LegendMark } from '../map/legend-model.ts';
import { useI18n } from '../i18n/i18n.ts';
import { useAppState, useAppStore } from '../store/store.ts';

const rgba = (c: readonly number[], a = (c[3] ?? 255) / 255) => `rgba(${c[0]},${c[1]},${c[2]},${a})`;

function Mark({ mark }: { mark: LegendMark }) {
  switch (mark.kind) {
    case 'fill':
      return <span className="swatch" style={{ background: rgba(mark.colour, 1) }} />;
    case 'outline':
      return <span className="swatch village" style={{ borderColor: rgba(mark.colour, 1), background: rgba(mark.fill) }} />;
    case 'ring':
      return <span className="swatch ring" style={{ borderColor: rgba(mark.colour, 1) }} />;
    case 'dot': {
      const d = 2 * (mark.radiusPx ?? 6);
      return (
        <span className="swatch dot-box">
          <span className="dot" style={{ background: rgba(mark.colour, 1), width: d, height: d }} />
        </span>
      );
    }
    case 'halo':
      return <span className="swatch halo" style={{ borderColor: rgba(mark.colour, 1), borderWidth: mark.widthPx }} />;
    case 'symbol':
      return <img src={facilitySymbolDataUrl(mark.type)} alt="" width={16} height={16} />;
    case 'line':
      return <span className="swatch line" style={{ borderTopColor: rgba(mark.colour, 1), borderTopStyle: mark.dashed ? 'dashed' : 'solid' }} />;
  }
}

/** Every visible layer's key, from the one legend model the presentation and the PNG use too. */
export function Legend() {
  const i18n = useI18n();
  const { t } = i18n;
  const district = useAppState((s) => s.data.district);
  const layers = useAppState((s) => s.layers);
  const analysis = useAppState((s) => s.analysis);
  const recommend = useAppState((s) => s.recommend);
  const whatIf = useAppState((s) => s.whatIf);
  const store = useAppStore();
  // The model depends on exactly these parts of the state.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const sections = useMemo(() => legendSections(store.getState(), i18n), [store, district, layers, analysis, recommend, whatIf, i18n]);
  return (
    <section className="legend" aria-labelledby="legend-heading" data-testid="legend">
      <h2 id="legend-heading">{t('legend.title')}</h2>
      {sections.map((section) => (
        <div key={section.id} data-testid={`legend-${section.id}`}>
          <h3>{section.title}</h3>
          <ul className={section.items.every((i) => i.mark.kind === 'fill') ? 'ramp' : 'symbols'}>
            {section.items.map((item, k) => (
              <li key={k}>
                <Mark mark={item.mark} />
                {item.label}
              </li>
            ))}
          </ul>
        </div>
      ))}
      {sections.some((s) => s.id === 'features') && <p className="note">{t('legend.symbolSize')}</p>}
    </section>
  );
}
