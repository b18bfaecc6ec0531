import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xterm/xterm/css/xterm.css';
import { App, preloadCurrentView } from './App';
import { client } from './client/client';
import { TokenGate } from './components/TokenGate';
import { setTerminalSink } from './stores/sessions';
import { connectStores } from './stores/stores';
import { followTheme } from './stores/theme';
import { preloadViews } from './views/lazy';
import { lazyTerminalSink } from './views/terminals/lazy-sink';

setTerminalSink(lazyTerminalSink());
followTheme();
connectStores(client());
/** When the other views' chunks are fetched, after the start (ms). */
const PRELOAD_AFTER_MS = 3000;

// The first view's chunk is fetched while the link connects and rendered with the first frame (no Suspense
// fallback, views/lazy.ts); if it fails, the view's error boundary says so. The other views follow at idle.
void preloadCurrentView()
  .catch(() => undefined)
  .finally(() => {
    createRoot(document.getElementById('root')!).render(
      <StrictMode>
        <TokenGate>
          <App />
        </TokenGate>
      </StrictMode>,
    );
    // Not at once: at the first idle moment the first view is usually still waiting for its data, and
    // 1 MB of other views' script would then compete with it (measured: the view came later).
    setTimeout(() => requestIdleCallback(() => void preloadViews()), PRELOAD_AFTER_MS);
  });
