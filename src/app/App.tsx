import { useCallback, useEffect, useMemo, useReducer, useState } from 'react';
import type { PickingInfo } from '@deck.gl/core';
import type { Feature, Point } from 'geojson';
import { FACILITY_TYPES, type FacilityProperties, type FacilityType } from '../core/schema.ts';
import { DEFAULT_PRESET_ID, findPreset } from '../core/standards/presets.ts';
import { loadDemoDistrict, type DistrictData } from './data/district-data.ts';
import { MapView } from './map/MapView.tsx';
import { describePick } from './map/describe-pick.ts';
import { populationLayer, toCellData } from './map/layers/population-layer.ts';
import { villagesLayer } from './map/layers/villages-layer.ts';
import { facilitiesLayer } from './map/layers/facilities-layer.ts';
import { catchmentsLayer } from './map/layers/catchments-layer.ts';
import { initialMapLayers, mapLayersReducer } from './state/map-layers.ts';
import { LayerPanel } from './components/LayerPanel.tsx';
import { Legend } from './components/Legend.tsx';
import { Tooltip, type TooltipState } from './components/Tooltip.tsx';
import { BasemapSettings } from './components/BasemapSettings.tsx';
import { Notices, type Notice } from './components/Notices.tsx';

const DEFAULT_RADIUS_M = Object.fromEntries(
  FACILITY_TYPES.map((t) => [t, findPreset(DEFAULT_PRESET_ID).standards[t].radiusM]),
) as Record<FacilityType, number>;

export function App() {
  const [data, setData] = useState<DistrictData | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [layers, dispatch] = useReducer(mapLayersReducer, initialMapLayers);
  const [tooltip, setTooltip] = useState<TooltipState | null>(null);
  const [styleUrl, setStyleUrl] = useState<string | null>(null);
  const [notices, setNotices] = useState<Notice[]>([]);

  useEffect(() => {
    loadDemoDistrict().then(setData, (err: unknown) =>
      setLoadError(err instanceof Error ? err.message : String(err)),
    );
  }, []);

  const cells = useMemo(() => (data ? toCellData(data.population.features) : []), [data]);
  const facilities = useMemo(() => (data?.facilities.features ?? []) as Feature<Point, FacilityProperties>[], [data]);

  const deckLayers = useMemo(() => {
    if (!data) return [];
    return [
      populationLayer(cells, layers.layers.population),
      villagesLayer(data.villages.features, layers.layers.villages),
      catchmentsLayer(facilities, layers.catchmentTypes, DEFAULT_RADIUS_M, layers.layers.catchments),
      facilitiesLayer(facilities, layers.facilityTypes, layers.layers.facilities),
    ];
  }, [data, cells, facilities, layers]);

  const onHover = useCallback((info: PickingInfo) => {
    const lines = describePick(info.layer?.id, info.object);
    setTooltip(lines ? { x: info.x, y: info.y, lines } : null);
  }, []);

  const onBasemapError = useCallback((message: string) => {
    setStyleUrl(null);
    setNotices((list) => [
      ...list,
      { id: Date.now(), text: `The online basemap failed (${message}). Showing the local offline style instead.` },
    ]);
  }, []);

  if (loadError) {
    return (
      <div className="fatal" role="alert">
        Could not load the demo data: {loadError}
      </div>
    );
  }
  if (!data) return <div className="loading">Loading the demo district…</div>;

  return (
    <div className="app">
      <MapView
        data={data}
        deckLayers={deckLayers}
        roads={layers.layers.roads}
        boundary={layers.layers.boundary}
        styleUrl={styleUrl}
        onHover={onHover}
        onBasemapError={onBasemapError}
      />
      {data.synthetic && (
        <div className="synthetic-notice" role="note" data-testid="synthetic-notice">
          Synthetic demo data: invented geometry placed at Erqi District, Zhengzhou. Not real residents, villages or facilities.
        </div>
      )}
      <aside className="panel" aria-label="Map controls">
        <header>
          <h1>Catchmap</h1>
          <p className="district">{data.name}</p>
        </header>
        <LayerPanel state={layers} dispatch={dispatch} radiusM={DEFAULT_RADIUS_M} />
        <BasemapSettings styleUrl={styleUrl} onChange={setStyleUrl} />
      </aside>
      <Legend />
      <Tooltip tooltip={tooltip} />
      <Notices notices={notices} onDismiss={(id) => setNotices((list) => list.filter((n) => n.id !== id))} />
    </div>
  );
}
