/**
 * Serve mode without a valid token (none in the URL or this tab, or the server refused it): a screen
 * saying how to get in, instead of an app that cannot reach anything.
 */
import type { ReactNode } from 'react';
import { useEngine } from '../stores/stores';

export function TokenGate({ children }: { children: ReactNode }) {
  const link = useEngine((s) => s.link);
  if (link !== 'unauthorized') return children;
  return (
    <main className="token-gate" aria-labelledby="token-gate-title">
      <h1 id="token-gate-title">⚓ Berth needs its token</h1>
      <p>
        Open the URL with <code>#token=…</code> that <code>npm run serve</code> printed.
      </p>
      <p>This tab has no token, or the server refused it (it changes every time serve mode starts unless BERTH_TOKEN sets it).</p>
    </main>
  );
}
