import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xterm/xterm/css/xterm.css';
import { App } from './App';
import { client } from './client/client';
import { TokenGate } from './components/TokenGate';
import { setTerminalSink } from './stores/sessions';
import { connectStores } from './stores/stores';
import { followTheme } from './stores/theme';
import { lazyTerminalSink } from './views/terminals/lazy-sink';

setTerminalSink(lazyTerminalSink());
followTheme();
connectStores(client());
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <TokenGate>
      <App />
    </TokenGate>
  </StrictMode>,
);
