import { useRef, useState } from 'react';
import { encodeScenario, missingFiles, parseScenario, type Scenario } from '../scenario/scenario.ts';
import { useScenarioList } from '../scenario/scenario-list.ts';
import { useI18n } from '../i18n/i18n.ts';
import { useAppState, useAppStore } from '../store/store.ts';
import { selectScenario } from '../store/selectors.ts';
import { useHub } from '../store/use-commands.ts';
import { CommandButton } from './CommandButton.tsx';

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A share link holds the parameters, sites and view, not the data. */
export function shareLink(scenario: Scenario, present: boolean): string {
  const url = new URL(window.location.href);
  url.search = '';
  url.hash = '';
  url.searchParams.set('scenario', encodeScenario({ ...scenario, data: { demoLayers: [], files: [] } }));
  if (present) url.searchParams.set('mode', 'present');
  return url.href;
}

export function ScenarioPanel() {
  const { t } = useI18n();
  const store = useAppStore();
  const hub = useHub();
  const current = useAppState(selectScenario);
  const scenario: Scenario = { ...current, name: t('scenario.untitled'), savedAt: new Date().toISOString() };
  const onError = (file: string, reason: string) =>
    store.dispatch({ type: 'ui', action: { type: 'notify', notice: { key: 'data.refused', vars: { file, reason } } } });
  const onOpen = (opened: Scenario) =>
    store.dispatch({ type: 'scenario-restore', scenario: opened, source: 'file', missing: missingFiles(opened, store.getState().data.loaded.map((f) => f.name)) });
  const saved = useScenarioList((message) => onError('scenario', message));
  const input = useRef<HTMLInputElement>(null);
  const [link, setLink] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  return (
    <section className="panel-section" aria-labelledby="scenario-heading" data-testid="scenario-panel">
      <h2 id="scenario-heading">{t('scenario.title')}</h2>
      <p className="hint">{t('scenario.autosaved')}</p>
      <div className="button-row wrap">
        <button type="button" data-testid="scenario-save" onClick={() => download('scenario.catchmap.json', JSON.stringify(scenario, null, 2))}>
          {t('scenario.save')}
        </button>
        <button type="button" data-testid="scenario-open" onClick={() => input.current?.click()}>
          {t('scenario.open')}
        </button>
        <input
          ref={input}
          type="file"
          hidden
          accept=".json,.catchmap.json"
          data-testid="scenario-file-input"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (!file) return;
            try {
              onOpen(parseScenario(await file.text(), file.name));
            } catch (err) {
              const message = err instanceof Error ? err.message : String(err);
              onError(file.name, message.startsWith(`${file.name}: `) ? message.slice(file.name.length + 2) : message);
            }
          }}
        />
        <button type="button" data-testid="scenario-share" onClick={() => setLink(shareLink(scenario, false))}>
          {t('scenario.share')}
        </button>
        <CommandButton id="present" testId="present-start" />
      </div>
      <form
        className="basemap-form"
        onSubmit={(e) => {
          e.preventDefault();
          saved.save({ ...scenario, name: name.trim() || scenario.name, savedAt: new Date().toISOString() });
          setName('');
        }}
      >
        <input value={name} placeholder={t('scenario.untitled')} aria-label={t('scenario.name')} data-testid="scenario-name" onChange={(e) => setName(e.target.value)} />
        <button type="submit" data-testid="scenario-keep">
          {t('scenario.keep')}
        </button>
      </form>
      {saved.list.length > 0 && (
        <ul className="scenario-list" data-testid="scenario-list">
          {saved.list.map((entry) => {
            const { id, scenario: s } = entry;
            return (
            <li key={id}>
              {renaming?.id === id ? (
                <form
                  onSubmit={(e) => {
                    e.preventDefault();
                    if (renaming.name.trim()) saved.rename(id, renaming.name.trim());
                    setRenaming(null);
                  }}
                >
                  <input autoFocus value={renaming.name} aria-label={t('scenario.name')} data-testid="scenario-rename-input" onChange={(e) => setRenaming({ id, name: e.target.value })} />
                </form>
              ) : (
                <span className="scenario-name">{s.name}</span>
              )}
              <span className="button-row">
                <button type="button" onClick={() => onOpen(s)} data-testid="scenario-list-open">
                  {t('scenario.openSaved')}
                </button>
                <button type="button" onClick={() => setRenaming({ id, name: s.name })} data-testid="scenario-list-rename">
                  {t('scenario.rename')}
                </button>
                <button type="button" onClick={() => saved.duplicate(id, (n) => t('scenario.copyOf', { name: n }))} data-testid="scenario-list-duplicate">
                  {t('scenario.duplicate')}
                </button>
                <button type="button" onClick={() => saved.remove(id)} data-testid="scenario-list-delete">
                  {t('scenario.delete')}
                </button>
                <button type="button" onClick={() => hub.compare(entry)} data-testid="scenario-list-compare">
                  {t('scenario.compare')}
                </button>
              </span>
            </li>
            );
          })}
        </ul>
      )}
      {link && (
        <div className="share-link">
          <input readOnly value={link} aria-label={t('scenario.share')} data-testid="scenario-link" onFocus={(e) => e.target.select()} />
          <small className="hint">{t('scenario.shareHint')}</small>
        </div>
      )}
    </section>
  );
}
