import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { get, set } from 'idb-keyval';
import 'maplibre-gl/dist/maplibre-gl.css';
// The interface's Chinese on machines without a CJK font: the subsets a page needs are fetched from the build, nothing else.
import '@fontsource-variable/noto-sans-sc';
import './styles.css';
import { App } from './App.tsx';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { createAppStore, StoreContext } from './store/store.ts';
import { HubContext } from './store/use-commands.ts';
import { connectWorkers } from './store/workers.ts';
import { connectPersistence } from './scenario/persistence.ts';
import { initialUi } from './state/ui-state.ts';
import { initialLocale, makeI18n } from './i18n/i18n.ts';
import { EngineClient, LoaderClient } from '../worker/client.ts';

const params = new URLSearchParams(window.location.search);
const store = createAppStore(initialUi(initialLocale(), window.matchMedia('(max-width: 700px)').matches, params.get('mode') === 'present'));
const hub = connectWorkers(store, { evaluator: new EngineClient(), optimizer: new EngineClient(), editor: new EngineClient(), loader: new LoaderClient() });
connectPersistence(
  store,
  { get, set },
  { search: window.location.search, replace: (search) => history.replaceState(history.state, '', `${window.location.pathname}${search}${window.location.hash}`) },
  () => makeI18n(store.getState().ui.locale).t('scenario.untitled'),
);
document.documentElement.lang = store.getState().ui.locale;
store.subscribe((s, prev) => {
  if (s.ui.locale !== prev.ui.locale) document.documentElement.lang = s.ui.locale;
});
hub.loadDemo();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <HubContext.Provider value={hub}>
        <ErrorBoundary name="Catchmap">
          <App />
        </ErrorBoundary>
      </HubContext.Provider>
    </StoreContext.Provider>
  </StrictMode>,
);
