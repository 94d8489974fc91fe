import { Fragment, useRef, useState } from 'react';
import {
  FACILITY_TYPES,
  ROLES,
  facilityTypeLookup,
  facilityTypeOf,
  mappingFileOf,
  mappingFileText,
  parseMappingFile,
  type FacilityType,
  type FieldMapping,
  type LoadOptions,
  type MappingOptions,
  type Role,
} from '../../core/index.ts';
import { downloadBlob } from '../export/plan-export.ts';
import type { LoadPreview } from '../../worker/loader-api.ts';
import type { MergeOptions } from '../data/merge-layer.ts';
import { useI18n } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { useModalFocus } from './use-modal-focus.ts';
import { FieldSelect } from './FieldSelect.tsx';

type MappedField = Exclude<keyof FieldMapping, 'fixedType'>;

/** The fields each role reads; the first listed is required where the role needs a number. */
const ROLE_FIELDS: Record<Role, MappedField[]> = {
  population: ['population', 'registered', 'migrants', 'id', 'name'],
  villages: ['name', 'population', 'migrantShare', 'id'],
  facilities: ['type', 'capacity', 'classes', 'name', 'id'],
  candidates: ['id', 'name'],
  exclusions: ['id', 'name'],
  roads: ['class', 'name', 'id'],
  boundary: ['name'],
  zones: ['zone', 'school', 'name', 'id'],
};

const SHOWN_WARNINGS = 20;

/** A file read and waiting for the user's confirmation (what the loading state holds). */
export interface PendingLoad {
  options: LoadOptions;
  preview: LoadPreview;
  /** Why the last role and field choice could not be used. */
  error?: string;
}

/**
 * Confirms a loaded file: what it is (format, encoding, coordinates), what it is for (role,
 * suggested from its geometry and fields) and which field holds what. Values are shown as text.
 * A modal dialog: it takes the focus and keeps Tab inside; Esc discards, like Discard.
 */
export function LoadDialog({
  pending,
  onConfirm,
  onReload,
  onDiscard,
}: {
  pending: PendingLoad;
  /** Settles when the layer is added (or refused); until then the dialog says it is adding. */
  onConfirm: (role: Role, mapping: FieldMapping, options: MergeOptions, mappingOptions: MappingOptions) => Promise<void>;
  onReload: (options: LoadOptions) => void;
  onDiscard: () => void;
}) {
  const { t, n } = useI18n();
  // Mapping a city's cells takes seconds: the dialog says so, and is not discarded meanwhile.
  const [adding, setAdding] = useState(false);
  const addingRef = useRef(false);
  const discard = () => {
    if (!addingRef.current) onDiscard();
  };
  const modal = useModalFocus(discard);
  const p = pending.preview;
  const [role, setRole] = useState<Role>(p.suggestedRole);
  const [mapping, setMapping] = useState<FieldMapping>(p.suggestedMapping);
  const [replaceFacilities, setReplaceFacilities] = useState(true);
  const [typeValues, setTypeValues] = useState<Record<string, FacilityType>>({});
  const [assumeCapacity, setAssumeCapacity] = useState(false);
  const [zoneWhere, setZoneWhere] = useState<{ field: string; value: string }[]>([]);
  const [mappingError, setMappingError] = useState<string | null>(null);
  const mappingInput = useRef<HTMLInputElement>(null);
  const mappingOptions = (): MappingOptions => ({
    typeValues,
    ...(assumeCapacity ? { assumeCapacity: 'standard' as const } : {}),
    ...(role === 'zones' && zoneWhere.some((w) => w.field && w.value) ? { zoneWhere: zoneWhere.filter((w) => w.field && w.value) } : {}),
  });
  // The type column's words that neither the user nor the built-in words (小学, primary school, …) give a type.
  const lookup = facilityTypeLookup(typeValues);
  const typeWords = role === 'facilities' && mapping.type && !mapping.fixedType ? (p.values[mapping.type] ?? []) : [];
  const unknownWords = typeWords.filter((w) => facilityTypeOf(w) === null);
  const setField = (key: MappedField, value: string) => setMapping((m) => ({ ...m, [key]: value === '' ? undefined : value }));
  const crs = [
    p.crs.detected,
    p.crs.converted ? t('load.converted') : '',
    p.crs.swapped ? t('load.swapped') : '',
    p.crs.shift ?? '',
  ].filter(Boolean).join(', ');
  const columns = p.geometryColumns
    ? 'wkt' in p.geometryColumns
      ? p.geometryColumns.wkt
      : 'location' in p.geometryColumns
        ? p.geometryColumns.location
        : `${p.geometryColumns.lon}, ${p.geometryColumns.lat}`
    : null;

  return (
    <div className="dialog-backdrop">
      <section className="dialog" role="dialog" aria-modal="true" aria-labelledby="load-title" data-testid="load-dialog" tabIndex={-1} ref={modal.ref} onKeyDown={modal.onKeyDown}>
        <h2 id="load-title">{t('load.title', { file: p.file })}</h2>
        <p className="hint">
          {t('load.format', { format: p.format })}
          {p.encoding ? ` · ${t('load.encoding', { encoding: p.encoding })}` : ''}
          <br />
          {t('load.crs', { crs })}
          {columns && (
            <>
              <br />
              {t('load.geometryColumns', { columns })}
            </>
          )}
        </p>
        {p.crs.suspect && !pending.options.coordinateSystem && (
          <div className="warning" role="alert" data-testid="crs-prompt">
            <p>{t('load.suspect', { system: t(`crs.${p.crs.suspect.system}`) })}</p>
            <div className="button-row">
              <button type="button" data-testid="crs-convert" onClick={() => onReload({ coordinateSystem: p.crs.suspect!.system })}>
                {t('load.convert', { system: p.crs.suspect.system.toUpperCase() })}
              </button>
              <button type="button" onClick={() => onReload({ coordinateSystem: 'wgs84' })}>
                {t('load.keep')}
              </button>
            </div>
          </div>
        )}
        <div className="form-grid">
          <label htmlFor="load-role">{t('load.role')}</label>
          <select id="load-role" value={role} data-testid="load-role" onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
          {ROLE_FIELDS[role].map((key) => (
            <FieldSelect key={key} label={t(`mapfield.${key}` as MessageKey)} fields={p.fields} value={mapping[key]} onChange={(v) => setField(key, v)} testId={`map-${key}`} />
          ))}
          {role === 'facilities' && (
            <>
              <label htmlFor="map-fixed-type">{t('load.fixedType')}</label>
              <select
                id="map-fixed-type"
                data-testid="map-fixedType"
                value={mapping.fixedType ?? ''}
                onChange={(e) => setMapping((m) => ({ ...m, fixedType: (e.target.value || undefined) as FacilityType | undefined }))}
              >
                <option value="">{t('load.fromColumn')}</option>
                {FACILITY_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {t(`facility.${type}`)}
                  </option>
                ))}
              </select>
              {unknownWords.map((word) => (
                <Fragment key={word}>
                  <label htmlFor={`type-value-${word}`}>{t('load.typeValue', { value: word })}</label>
                  <select
                    id={`type-value-${word}`}
                    data-testid={`type-value-${word}`}
                    value={typeValues[word] ?? ''}
                    onChange={(e) =>
                      setTypeValues(({ [word]: _old, ...rest }) => (e.target.value ? { ...rest, [word]: e.target.value as FacilityType } : rest))
                    }
                  >
                    <option value="">{t('load.typeValueSkip')}</option>
                    {FACILITY_TYPES.map((type) => (
                      <option key={type} value={type}>
                        {t(`facility.${type}`)}
                      </option>
                    ))}
                  </select>
                </Fragment>
              ))}
              {unknownWords.some((w) => lookup(w) === null) && <small className="span2 hint">{t('load.typeValueHint')}</small>}
              <label className="span2 checkbox">
                <input type="checkbox" checked={assumeCapacity} data-testid="load-assume-capacity" onChange={(e) => setAssumeCapacity(e.target.checked)} />
                {t('load.assumeCapacity')}
              </label>
              <label className="span2 checkbox">
                <input type="checkbox" checked={replaceFacilities} data-testid="load-replace" onChange={(e) => setReplaceFacilities(e.target.checked)} />
                {t('load.replace')}
              </label>
            </>
          )}
          {role === 'zones' && (
            <>
              {zoneWhere.map((w, i) => (
                <Fragment key={i}>
                  <select
                    aria-label={t('load.whereField')}
                    data-testid={`zone-where-field-${i}`}
                    value={w.field}
                    onChange={(e) => setZoneWhere((all) => all.map((x, j) => (j === i ? { field: e.target.value, value: '' } : x)))}
                  >
                    <option value="">{t('load.none')}</option>
                    {p.fields.map((f) => (
                      <option key={f} value={f}>
                        {f}
                      </option>
                    ))}
                  </select>
                  <span>
                    ={' '}
                    <select
                      aria-label={t('load.whereValue')}
                      data-testid={`zone-where-value-${i}`}
                      value={w.value}
                      onChange={(e) => setZoneWhere((all) => all.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))}
                    >
                      <option value="">{t('load.none')}</option>
                      {(p.values[w.field] ?? []).map((v) => (
                        <option key={v} value={v}>
                          {v}
                        </option>
                      ))}
                    </select>{' '}
                    <button type="button" aria-label={t('load.whereRemove')} onClick={() => setZoneWhere((all) => all.filter((_, j) => j !== i))}>
                      ×
                    </button>
                  </span>
                </Fragment>
              ))}
              <button type="button" className="span2" data-testid="zone-where-add" onClick={() => setZoneWhere((all) => [...all, { field: '', value: '' }])}>
                {t('load.whereAdd')}
              </button>
              <small className="span2 hint">{t('load.whereHint')}</small>
            </>
          )}
        </div>
        <p data-testid="load-report">{t('load.report', { read: n(p.report.read), used: n(p.report.used), skipped: n(p.report.skipped) })}</p>
        {p.sample.length > 0 && (
          <details>
            <summary>{t('load.sample')}</summary>
            <table className="sample">
              <tbody>
                {p.sample.map((row, i) => (
                  <tr key={i}>
                    <td>{Object.entries(row).map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join(' · ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        )}
        {p.warningCount > 0 && (
          <details open data-testid="load-warnings">
            <summary>{t('load.warnings', { n: n(p.warningCount) })}</summary>
            <ul className="warnings">
              {p.warnings.slice(0, SHOWN_WARNINGS).map((w, i) => (
                <li key={i}>
                  {w.feature}: {w.reason}
                </li>
              ))}
              {p.warningCount > SHOWN_WARNINGS && <li>{t('load.more', { n: n(p.warningCount - SHOWN_WARNINGS) })}</li>}
            </ul>
          </details>
        )}
        {pending.error && (
          <p className="error" role="alert" data-testid="load-error">
            {pending.error}
          </p>
        )}
        {adding && (
          <p className="progress-row" data-testid="load-adding" aria-live="polite">
            <progress aria-label={t('load.adding')} />
            <span>{t('load.addingFeatures', { n: n(p.report.used) })}</span>
          </p>
        )}
        <div className="button-row">
          <button
            type="button"
            className="primary"
            data-testid="load-add"
            disabled={adding}
            onClick={() => {
              addingRef.current = true;
              setAdding(true);
              void onConfirm(role, mapping, { replaceFacilities }, mappingOptions()).finally(() => {
                addingRef.current = false;
                setAdding(false);
              });
            }}
          >
            {adding ? t('load.adding') : t('load.add')}
          </button>
          <button type="button" onClick={discard} disabled={adding} data-testid="load-discard">
            {t('load.discard')}
          </button>
          <button
            type="button"
            data-testid="load-save-mapping"
            onClick={() => {
              const text = mappingFileText(mappingFileOf({ role, fields: mapping, ...mappingOptions() }));
              downloadBlob(`${p.file.replace(/\.[^.]*$/, '')}.mapping.json`, new Blob([text], { type: 'application/json' }));
            }}
          >
            {t('load.saveMapping')}
          </button>
          <button type="button" data-testid="load-open-mapping" onClick={() => mappingInput.current?.click()}>
            {t('load.openMapping')}
          </button>
          <input
            ref={mappingInput}
            type="file"
            hidden
            accept=".json"
            data-testid="load-mapping-input"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (!file) return;
              try {
                const opened = parseMappingFile(await file.text(), file.name);
                if (opened.role) setRole(opened.role);
                setMapping(opened.fields);
                setTypeValues({ ...opened.typeValues });
                setAssumeCapacity(opened.assumeCapacity === 'standard');
                setMappingError(null);
              } catch (err) {
                setMappingError(err instanceof Error ? err.message : String(err));
              }
            }}
          />
        </div>
        {mappingError && (
          <p className="error" role="alert" data-testid="load-mapping-error">
            {mappingError}
          </p>
        )}
      </section>
    </div>
  );
}
