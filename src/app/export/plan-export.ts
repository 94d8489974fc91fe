import type { I18n } from '../i18n/i18n.ts';
import { en, type MessageKey } from '../i18n/messages.ts';
import { FACILITY_TYPES } from '../../core/index.ts';
import { facilitySymbolDataUrl } from '../map/facility-style.ts';
import { legendSections } from '../map/legend-model.ts';
import type { MapApi } from '../map/MapView.tsx';
import type { RootState } from '../store/root.ts';
import { selectPlanBounds } from '../store/selectors.ts';
import { composeMapImage } from './map-image.ts';

/** "New primary school sites for …" and the standard it follows: the plan's title everywhere it is shown. */
export function planTitles(s: RootState, { t, n }: I18n): { title: string; subtitle: string } {
  const { settings, result } = s.analysis;
  const userDistrict = s.data.district?.demoLayers.includes('boundary') === false;
  const presetKey = `preset.${settings.preset}`;
  return {
    title: t('present.title', { type: t(`facility.${settings.type}`), district: userDistrict ? t('app.userDistrict') : t('app.district') }),
    subtitle: t('present.subtitle', {
      preset: presetKey in en ? t(presetKey as MessageKey) : settings.preset,
      radius: n(result?.summary.standard.radiusM ?? 0),
      distance: t(`distance.${settings.distance}`),
    }),
  };
}

/**
 * The map as a PNG with title, legend, scale, north arrow and attribution, framing the district
 * and every proposed site whatever the view on screen.
 */
export async function planImage(s: RootState, map: MapApi, i18n: I18n, pixelRatio: number): Promise<Blob> {
  const { t } = i18n;
  const shot = await map.capture(pixelRatio, selectPlanBounds(s) ?? undefined);
  const symbols = Object.fromEntries(
    await Promise.all(
      FACILITY_TYPES.map(async (type) => {
        const image = new Image();
        image.src = facilitySymbolDataUrl(type);
        await image.decode();
        return [type, image] as const;
      }),
    ),
  );
  return composeMapImage(shot.layers, pixelRatio, {
    ...planTitles(s, i18n),
    legendTitle: t('legend.title'),
    legend: legendSections(s, i18n),
    symbols,
    metresPerPixel: shot.metresPerPixel,
    bearing: shot.bearing,
    attribution: s.data.district?.demoLayers.length ? `Catchmap · ${t('app.synthetic')}` : 'Catchmap',
  });
}

export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Text pieces gathered into parts of about 1 MiB: a city's export is never one string (a browser caps strings near 512 MiB). */
export function blobOfChunks(chunks: Iterable<string>, type: string): Blob {
  const parts: string[] = [];
  let part: string[] = [];
  let size = 0;
  for (const chunk of chunks) {
    part.push(chunk);
    size += chunk.length;
    if (size >= 1 << 20) {
      parts.push(part.join(''));
      part = [];
      size = 0;
    }
  }
  parts.push(part.join(''));
  return new Blob(parts, { type });
}
