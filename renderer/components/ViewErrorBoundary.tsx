/**
 * The renderer's last line of defence: an error thrown while rendering one view shows what broke in that
 * view, with a way back, instead of a blank window (React unmounts the whole tree on an uncaught render
 * error). Navigation, notices and the status bar keep working; the boundary resets when the route changes.
 */
import type { ReactNode } from 'react';
import { ErrorBoundary, type FallbackProps } from 'react-error-boundary';

function Fallback({ error, resetErrorBoundary }: FallbackProps) {
  const message = error instanceof Error ? error.message : String(error);
  return (
    <section className="view" aria-labelledby="view-error-title">
      <h1 id="view-error-title">This view stopped working</h1>
      <p role="alert" className="notice error">
        {message}
      </p>
      <p className="muted">Nothing was changed on the engine. Other views still work; this one can be tried again.</p>
      <p>
        <button type="button" onClick={resetErrorBoundary}>
          Try again
        </button>
      </p>
    </section>
  );
}

/** Wraps one view; `routeKey` (the address) resets it when the person navigates elsewhere. */
export function ViewErrorBoundary({ routeKey, children }: { routeKey: string; children: ReactNode }) {
  return (
    <ErrorBoundary FallbackComponent={Fallback} resetKeys={[routeKey]} onError={(error) => console.error('berth: a view failed to render', error)}>
      {children}
    </ErrorBoundary>
  );
}
