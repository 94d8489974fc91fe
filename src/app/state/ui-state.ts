import type { Evaluation, FacilityType } from '../../core/index.ts';
import type { FeatureCollection } from 'geojson';
import type { Locale } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/messages.ts';
import type { MapViewState } from '../scenario/scenario.ts';
import type { SavedScenario } from '../scenario/scenario-list.ts';
import type { TooltipState } from '../components/Tooltip.tsx';
import type { RootAction } from '../store/root.ts';
import type { DistrictLayer } from '../data/district-data.ts';
import type { TableId, TableView } from '../tables/table-model.ts';
import { LOCAL_BASEMAP, type BasemapChoice } from '../map/basemap/choice.ts';
import type { DrawMode, DrawState } from '../draw/draw-state.ts';

/** Kept as a message key, so it follows a change of language; `undo` is the root action that takes back what it reports. */
export interface Notice {
  id: number;
  key: MessageKey;
  vars?: Record<string, string | number>;
  /** Values that are themselves messages, translated when shown. */
  keyVars?: Record<string, MessageKey>;
  /** The root action that takes back what the notice reports (an "Undo" button). */
  undo?: RootAction;
}

/** A view to go to: a given view (an opened scenario, a site), or bounds to frame. */
export type ViewTarget = { kind: 'view'; view: MapViewState } | { kind: 'fit'; bounds: [number, number, number, number] };
/** `nonce`: asking twice for the same view moves the map back to it. */
export type ViewRequest = ViewTarget & { nonce: number };

export interface UiState {
  locale: Locale;
  notices: Notice[];
  /** The basemap: the local offline style, a PMTiles file, Tianditu or a style/tile URL. */
  basemap: BasemapChoice;
  present: boolean;
  /** Proposed site shown in the presentation, -1 for the overview. */
  presentIndex: number;
  view: MapViewState | null;
  viewRequest: ViewRequest | null;
  compare: { saved: SavedScenario; evaluation: Evaluation | null } | null;
  dividerFraction: number;
  /** Walking-distance catchments of the analysed type, drawn in place of circles. */
  isochrones: { type: FacilityType; shapes: FeatureCollection } | null;
  tooltip: TooltipState | null;
  /** Side panels folded away (small screens start folded). */
  collapsed: { left: boolean; right: boolean };
  /** A question the user must answer before a destructive command runs. */
  confirm: { command: 'stop-editing'; sites: number } | null;
  reoptimizing: boolean;
  /** The map image of the report being printed (an object URL). */
  reportImage: string | null;
  /** The tables drawer: open or not, the tab, each tab's sort and filter, the layer the features tab lists. */
  tables: { open: boolean; tab: TableId; views: Record<TableId, TableView>; layer: DistrictLayer };
  /** A row chosen in a table or a thing clicked on the map: highlighted on both. */
  selection: { table: TableId; id: string } | null;
  /** A coordinate found by search, pinned on the map until the search is cleared. */
  searchPin: [number, number] | null;
  /** A line or shape being drawn on the map (measuring, or a zone for the analysis). */
  draw: DrawState | null;
}

export type UiAction =
  | { type: 'set-locale'; locale: Locale }
  | { type: 'notify'; notice: Omit<Notice, 'id'> }
  | { type: 'dismiss'; id: number }
  | { type: 'set-basemap'; basemap: BasemapChoice }
  | { type: 'present'; on: boolean }
  | { type: 'view-changed'; view: MapViewState }
  | { type: 'request-view'; request: ViewTarget }
  | { type: 'compare'; saved: SavedScenario | null }
  | { type: 'compared'; id: string; evaluation: Evaluation }
  | { type: 'set-divider'; fraction: number }
  | { type: 'isochrones'; isochrones: UiState['isochrones'] }
  | { type: 'tooltip'; tooltip: TooltipState | null }
  | { type: 'toggle-panel'; side: 'left' | 'right' }
  | { type: 'ask'; confirm: NonNullable<UiState['confirm']> }
  | { type: 'answered' }
  | { type: 'reoptimizing'; on: boolean }
  | { type: 'report-image'; url: string }
  | { type: 'tables-open'; open: boolean }
  | { type: 'tables-tab'; tab: TableId }
  | { type: 'tables-view'; tab: TableId; view: Partial<TableView> }
  | { type: 'tables-layer'; layer: DistrictLayer }
  /** `layer`: for the features table, the layer the row is in. */
  | { type: 'select'; selection: UiState['selection']; layer?: DistrictLayer }
  | { type: 'search-pin'; lngLat: [number, number] | null }
  | { type: 'draw-start'; mode: DrawMode }
  | { type: 'draw-point'; lngLat: [number, number] }
  | { type: 'draw-undo' }
  | { type: 'draw-end' };

export const initialUi = (locale: Locale, smallScreen: boolean, present: boolean): UiState => ({
  locale,
  notices: [],
  basemap: LOCAL_BASEMAP,
  present,
  presentIndex: -1,
  view: null,
  viewRequest: null,
  compare: null,
  dividerFraction: 0.5,
  isochrones: null,
  tooltip: null,
  collapsed: { left: smallScreen, right: smallScreen },
  confirm: null,
  reoptimizing: false,
  reportImage: null,
  tables: {
    open: false,
    tab: 'facilities',
    views: {
      // A planner's first questions: the fullest schools, the least-served villages.
      facilities: { sortKey: 'utilisation', descending: true, filter: '' },
      villages: { sortKey: 'servedPct', descending: false, filter: '' },
      proposals: { sortKey: 'rank', descending: false, filter: '' },
      features: { sortKey: null, descending: false, filter: '' },
    },
    layer: 'population',
  },
  selection: null,
  searchPin: null,
  draw: null,
});

let lastNoticeId = 0;
let lastNonce = 0;

export function uiReducer(state: UiState, action: UiAction): UiState {
  switch (action.type) {
    case 'set-locale':
      return { ...state, locale: action.locale };
    case 'notify':
      return { ...state, notices: [...state.notices, { ...action.notice, id: ++lastNoticeId }] };
    case 'dismiss':
      return { ...state, notices: state.notices.filter((n) => n.id !== action.id) };
    case 'set-basemap':
      return { ...state, basemap: action.basemap };
    case 'present':
      return { ...state, present: action.on, presentIndex: -1 };
    case 'view-changed':
      return { ...state, view: action.view };
    case 'request-view':
      return { ...state, viewRequest: { ...action.request, nonce: ++lastNonce } };
    case 'compare':
      return { ...state, compare: action.saved ? { saved: action.saved, evaluation: null } : null };
    case 'compared':
      return state.compare?.saved.id === action.id ? { ...state, compare: { ...state.compare, evaluation: action.evaluation } } : state;
    case 'set-divider':
      return { ...state, dividerFraction: Math.min(0.95, Math.max(0.05, action.fraction)) };
    case 'isochrones':
      return { ...state, isochrones: action.isochrones };
    case 'tooltip':
      return { ...state, tooltip: action.tooltip };
    case 'toggle-panel':
      return { ...state, collapsed: { ...state.collapsed, [action.side]: !state.collapsed[action.side] } };
    case 'ask':
      return { ...state, confirm: action.confirm };
    case 'answered':
      return { ...state, confirm: null };
    case 'reoptimizing':
      return { ...state, reoptimizing: action.on };
    case 'report-image':
      return { ...state, reportImage: action.url };
    case 'tables-open':
      return { ...state, tables: { ...state.tables, open: action.open } };
    case 'tables-tab':
      return { ...state, tables: { ...state.tables, tab: action.tab } };
    case 'tables-view':
      return { ...state, tables: { ...state.tables, views: { ...state.tables.views, [action.tab]: { ...state.tables.views[action.tab], ...action.view } } } };
    case 'tables-layer':
      return { ...state, tables: { ...state.tables, layer: action.layer }, selection: state.selection?.table === 'features' ? null : state.selection };
    case 'draw-start':
      return { ...state, draw: { mode: action.mode, points: [] }, tooltip: null };
    case 'draw-point':
      return state.draw ? { ...state, draw: { ...state.draw, points: [...state.draw.points, action.lngLat] } } : state;
    case 'draw-undo':
      return state.draw ? { ...state, draw: { ...state.draw, points: state.draw.points.slice(0, -1) } } : state;
    case 'draw-end':
      return { ...state, draw: null };
    case 'search-pin':
      return { ...state, searchPin: action.lngLat };
    case 'select': {
      // The tables follow what was chosen: its tab (and layer) come to the front.
      const sel = action.selection;
      const tables = sel ? { ...state.tables, tab: sel.table, layer: action.layer ?? state.tables.layer } : state.tables;
      return { ...state, selection: sel, tables };
    }
  }
}
