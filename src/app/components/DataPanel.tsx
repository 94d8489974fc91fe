import { useRef } from 'react';
import { ACCEPTED_EXTENSIONS } from '../../core/index.ts';
import { loadPhaseText, useI18n } from '../i18n/i18n.ts';
import { WorkspaceLayers } from './WorkspaceLayers.tsx';
import { useAppState } from '../store/store.ts';
import { useHub } from '../store/use-commands.ts';

/** Loading files: the picker, progress with Cancel, and what each loaded file gave. */
export function DataPanel() {
  const hub = useHub();
  const progress = useAppState((s) => s.data.progress);
  const queued = useAppState((s) => s.data.queue.length);
  const loaded = useAppState((s) => s.data.loaded);
  const i18n = useI18n();
  const { t, n } = i18n;
  const input = useRef<HTMLInputElement>(null);
  return (
    <section className="panel-section" aria-labelledby="data-heading" data-testid="data-panel">
      <h2 id="data-heading">{t('data.title')}</h2>
      <div className="button-row">
        <button type="button" onClick={() => input.current?.click()} data-testid="data-load">
          {t('data.load')}
        </button>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          accept={[...ACCEPTED_EXTENSIONS, '.zip', '.gz', '.xlsx', '.pmtiles'].join(',')}
          data-testid="data-file-input"
          onChange={(e) => {
            if (e.target.files) hub.addFiles(e.target.files);
            e.target.value = '';
          }}
        />
      </div>
      <p className="hint">{t('data.dropHint')}</p>
      {progress && (
        <div className="progress-row" aria-live="polite" data-testid="data-progress">
          <progress max={1} value={progress.fraction} aria-label={progress.name} />
          <span>
            {t('data.loading', { name: progress.name, phase: loadPhaseText(i18n, progress.phase), pct: `${Math.round(progress.fraction * 100)}%` })}
            {progress.rows > 0 ? ` · ${t('data.rows', { rows: n(progress.rows) })}` : ''}
          </span>
          <button type="button" onClick={hub.cancelLoad} data-testid="data-cancel">
            {t('data.cancel')}
          </button>
        </div>
      )}
      {queued > 0 && <p className="hint">{t('data.queued', { n: queued })}</p>}
      <WorkspaceLayers />
      {loaded.length > 0 && (
        <ul className="loaded-files" data-testid="data-loaded">
          {loaded.map((f, i) => (
            <li key={i}>
              <strong>{f.name}</strong>
              <br />
              {t('data.report', { role: t(`role.${f.role}`), read: n(f.report.read), used: n(f.report.used), skipped: n(f.report.skipped) })}
              {f.warnings.length > 0 && (
                <details>
                  <summary>{t('data.warnings', { n: n(f.warnings.length) })}</summary>
                  <ul className="warnings">
                    {f.warnings.slice(0, 50).map((w, k) => (
                      <li key={k}>
                        {w.feature}: {w.reason}
                      </li>
                    ))}
                  </ul>
                </details>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
