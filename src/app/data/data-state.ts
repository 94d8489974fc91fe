import type { LoadOptions, MappedLayer, Role, SparseCostMatrix } from '../../core/index.ts';
import type { LoadPreview, MatrixPreview, TablePreview } from '../../worker/loader-api.ts';
import type { Polygon } from 'geojson';
import type { DistrictData, DistrictLayer } from './district-data.ts';
import { emptyDistrict, removeLayer } from './workspace.ts';
import { mergeLayer, withDrawnZone, type MergeOptions } from './merge-layer.ts';

/** A file read into the worker, waiting for the user to confirm its role and fields. */
export interface PendingFile {
  file: File;
  options: LoadOptions;
  /** A layer of places, a travel-cost table (a matrix is not a layer of the district), or a statistics table to join to boundaries. */
  preview: LoadPreview | MatrixPreview | TablePreview;
  /** The layer it is to replace, when the user chose "Replace…". */
  role?: Role;
  /** Why the last role and field choice could not be used; the user can change it and retry. */
  error?: string;
}

export interface LoadedFile {
  name: string;
  role: Role;
  report: MappedLayer['report'];
  warnings: MappedLayer['warnings'];
}

/** Travel times between residential features and facilities, from another tool (r5r, OSRM, …), by their ids. */
export interface TravelTimes {
  file: string;
  matrix: SparseCostMatrix;
}

export interface LoadingProgress {
  name: string;
  fraction: number;
  phase: string;
  rows: number;
}

export interface DataState {
  district: DistrictData | null;
  /** The demo district could not be loaded at all. */
  loadError: string | null;
  /** Increments with every change of the district; the workers report the one they hold. */
  version: number;
  /** The district version every engine worker holds (0: none yet); analyses wait for it. */
  readyVersion: number;
  /** Files waiting to be read, one at a time. */
  /** `role`: the file is to replace that layer (the dialog starts with it). */
  queue: { file: File; options: LoadOptions; role?: Role }[];
  progress: LoadingProgress | null;
  pending: PendingFile | null;
  loaded: LoadedFile[];
  /** Kept across districts: the ids decide whether it fits the data, and the measure says so. */
  travelTimes: TravelTimes | null;
}

export type DataAction =
  | { type: 'district-loaded'; district: DistrictData }
  | { type: 'district-failed'; error: string }
  | { type: 'district-ready'; version: number }
  | { type: 'files-added'; files: { file: File; options: LoadOptions; role?: Role }[] }
  | { type: 'file-reading'; progress: LoadingProgress; dequeue: boolean }
  | { type: 'file-read'; pending: PendingFile }
  | { type: 'file-done' }
  | { type: 'file-cancelled' }
  | { type: 'file-reload'; options: LoadOptions }
  | { type: 'file-error'; error: string }
  | { type: 'file-discarded' }
  /** The travel-cost table read again with other columns. */
  | { type: 'matrix-preview'; preview: MatrixPreview }
  /** The statistics table's join step moved on (a sheet, the boundaries, a join). */
  | { type: 'table-preview'; preview: TablePreview }
  | { type: 'matrix-confirmed'; travelTimes: TravelTimes }
  | { type: 'matrix-removed' }
  /** A zone drawn on the map: an exclusion zone (kept from proposals), or a candidate parcel. */
  | { type: 'zone-drawn'; kind: 'exclusion' | 'candidate'; polygon: Polygon }
  | { type: 'layer-confirmed'; layer: MappedLayer; options: MergeOptions }
  /** The workspace: a layer taken out, or every layer (an empty district to start a city from). */
  | { type: 'layer-removed'; layer: DistrictLayer }
  | { type: 'district-emptied' };

export const initialData: DataState = {
  district: null,
  loadError: null,
  version: 0,
  readyVersion: 0,
  queue: [],
  progress: null,
  pending: null,
  loaded: [],
  travelTimes: null,
};

export function dataReducer(state: DataState, action: DataAction): DataState {
  switch (action.type) {
    case 'district-loaded':
      return { ...state, district: action.district, version: state.version + 1, loaded: [] };
    case 'district-failed':
      return { ...state, loadError: action.error };
    case 'district-ready':
      return action.version === state.version ? { ...state, readyVersion: action.version } : state;
    case 'files-added':
      return { ...state, queue: [...state.queue, ...action.files] };
    case 'file-reading':
      return { ...state, progress: action.progress, queue: action.dequeue ? state.queue.slice(1) : state.queue };
    case 'file-read':
      return { ...state, progress: null, pending: action.pending };
    case 'file-done':
    case 'file-cancelled':
      return { ...state, progress: null };
    case 'file-reload': {
      if (!state.pending) return state;
      const { file, options, role } = state.pending;
      return { ...state, pending: null, queue: [{ file, options: { ...options, ...action.options }, role }, ...state.queue] };
    }
    case 'file-error':
      return state.pending ? { ...state, pending: { ...state.pending, error: action.error } } : state;
    case 'file-discarded':
      return { ...state, pending: null };
    case 'matrix-preview':
    case 'table-preview':
      return state.pending?.preview.id === action.preview.id ? { ...state, pending: { ...state.pending, preview: action.preview, error: undefined } } : state;
    case 'matrix-confirmed':
      return { ...state, pending: null, travelTimes: action.travelTimes };
    case 'matrix-removed':
      return { ...state, travelTimes: null };
    case 'zone-drawn':
      return state.district ? { ...state, district: withDrawnZone(state.district, action.kind, action.polygon), version: state.version + 1 } : state;
    case 'layer-removed':
      return state.district ? { ...state, district: removeLayer(state.district, action.layer), version: state.version + 1 } : state;
    case 'district-emptied':
      return { ...state, district: emptyDistrict(), version: state.version + 1, loaded: [] };
    case 'layer-confirmed': {
      if (!state.district || !state.pending) return state;
      const { layer } = action;
      return {
        ...state,
        district: mergeLayer(state.district, layer, action.options),
        version: state.version + 1,
        pending: null,
        loaded: [...state.loaded, { name: state.pending.file.name, role: layer.role, report: layer.report, warnings: layer.warnings }],
      };
    }
  }
}
