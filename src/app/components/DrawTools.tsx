import { DRAW_MODES, areaText, isArea, lengthText, lineLengthM, minPoints, polygonAreaM2, type DrawMode } from '../draw/draw-state.ts';
import { useI18n } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { useAppState, useDispatch } from '../store/store.ts';
import { CommandButton } from './CommandButton.tsx';
import { drawnZones } from '../draw/drawn-zones.ts';
import { downloadBlob } from '../export/plan-export.ts';

/**
 * Measure a distance or an area on the map, or draw a zone the analysis uses: an exclusion zone
 * (no proposal inside) or a candidate parcel. Click to add points; Enter (or Finish) closes a zone,
 * Backspace takes the last point back, Esc stops.
 */
export function DrawTools() {
  const { t, locale } = useI18n();
  const dispatch = useDispatch();
  const draw = useAppState((s) => s.ui.draw);
  const editing = useAppState((s) => s.whatIf.active);
  const district = useAppState((s) => s.data.district);
  const zones = district ? drawnZones(district) : null;
  const start = (mode: DrawMode) => dispatch({ type: 'ui', action: { type: 'draw-start', mode } });
  const area = draw !== null && isArea(draw.mode);
  const lengthShown = draw && !area ? lengthText(lineLengthM(draw.points), locale) : null;
  const areaShown = draw && area ? { area: areaText(polygonAreaM2(draw.points), locale), perimeter: lengthText(lineLengthM(draw.points.length >= 3 ? [...draw.points, draw.points[0]] : draw.points), locale) } : null;
  return (
    <section className="draw-tools panel-section" aria-labelledby="draw-heading" data-testid="draw-tools">
      <h2 id="draw-heading">{t('draw.title')}</h2>
      <div className="button-row wrap">
        {DRAW_MODES.map((mode) => (
          <button key={mode} type="button" data-testid={`draw-${mode}`} aria-pressed={draw?.mode === mode} disabled={editing} title={editing ? t('draw.notWhileEditing') : undefined} onClick={() => start(mode)}>
            {t(`draw.mode.${mode}` as MessageKey)}
          </button>
        ))}
      </div>
      {zones && zones.features.length > 0 && (
        <button
          type="button"
          data-testid="draw-download"
          onClick={() => downloadBlob('catchmap-drawn-zones.geojson', new Blob([JSON.stringify(zones)], { type: 'application/geo+json' }))}
        >
          {t('draw.download', { n: zones.features.length })}
        </button>
      )}
      {draw && (
        <div className="draw-status" role="status" data-testid="draw-status" data-points={draw.points.length}>
          <p className="hint">{t(draw.points.length < minPoints(draw.mode) ? 'draw.clickMore' : isArea(draw.mode) && !draw.mode.startsWith('measure') ? 'draw.canFinish' : 'draw.clickOn')}</p>
          {lengthShown !== null && <p data-testid="draw-length">{t('draw.length', { length: lengthShown })}</p>}
          {areaShown && <p data-testid="draw-area">{t('draw.area', areaShown)}</p>}
          <div className="button-row">
            {!draw.mode.startsWith('measure') && <CommandButton id="draw-finish" testId="draw-finish" />}
            <CommandButton id="draw-undo" testId="draw-undo" />
            <CommandButton id="draw-cancel" testId="draw-cancel" />
          </div>
        </div>
      )}
    </section>
  );
}
