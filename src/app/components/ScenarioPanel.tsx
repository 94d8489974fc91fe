import { useRef, useState } from 'react';
import { encodeScenario, parseScenario, type Scenario } from '../scenario/scenario.ts';
import { useI18n } from '../i18n/i18n.ts';

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

export function ScenarioPanel({
  scenario,
  onOpen,
  onError,
  onPresent,
}: {
  scenario: Scenario;
  onOpen: (scenario: Scenario) => void;
  onError: (file: string, reason: string) => void;
  onPresent: () => void;
}) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [link, setLink] = useState<string | null>(null);
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
        <button type="button" data-testid="present-start" onClick={onPresent}>
          {t('present.start')}
        </button>
      </div>
      {link && (
        <div className="share-link">
          <input readOnly value={link} aria-label={t('scenario.share')} data-testid="scenario-link" onFocus={(e) => e.target.select()} />
          <small className="hint">{t('scenario.shareHint')}</small>
        </div>
      )}
    </section>
  );
}
