/**
 * The Layers table: one row per history step, empty steps (ENV, CMD, …) marked; a bar shows each layer's
 * share of the image size. A row is selected by click or Enter/Space; ↑/↓ move between layers.
 */
import { useEffect, type KeyboardEvent } from 'react';
import type { LayerReport } from '../../../shared/layers';
import { formatBytes } from '../../format';

/** The command of a build step without the shell prefix legacy builders add. */
export function shortCommand(createdBy: string): string {
  return createdBy.replace(/^\/bin\/sh -c (#\(nop\) )?/, '').trim() || '(no command recorded)';
}

/** A table cell with a build step's command, shortened, the full text on hover. */
export function CommandCell({ createdBy }: { createdBy: string }) {
  return (
    <td className="cmd" title={createdBy}>
      {shortCommand(createdBy)}
    </td>
  );
}

export function LayerTable({ report, selected, onSelect }: { report: LayerReport; selected: number; onSelect(layer: number): void }) {
  const total = report.sizeBytes || 1;
  // The selected layer stays in view (the last one is selected first, often below the fold).
  useEffect(() => {
    document.getElementById(`layer-row-${selected}`)?.scrollIntoView({ block: 'nearest' });
  }, [selected, report]);
  const onKey = (e: KeyboardEvent, layer: number) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect(layer);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = Math.max(0, Math.min(report.layers.length - 1, layer + (e.key === 'ArrowDown' ? 1 : -1)));
      onSelect(next);
      document.getElementById(`layer-row-${next}`)?.focus();
    }
  };
  return (
    <div className="layer-table-wrap">
      <table className="layer-table" aria-label="Layers">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Size</th>
            <th scope="col">Changes</th>
            <th scope="col">Command</th>
          </tr>
        </thead>
        <tbody>
          {report.history.map((step, i) => {
            if (step.layer === undefined) {
              return (
                <tr key={`h${i}`} className="empty-layer">
                  <td>–</td>
                  <td>empty layer</td>
                  <td />
                  <CommandCell createdBy={step.createdBy} />
                </tr>
              );
            }
            const l = report.layers[step.layer];
            const share = l.size / total;
            return (
              <tr
                key={`l${l.index}`}
                id={`layer-row-${l.index}`}
                aria-selected={l.index === selected}
                tabIndex={l.index === selected ? 0 : -1}
                className={l.index === selected ? 'selected' : undefined}
                onClick={() => onSelect(l.index)}
                onKeyDown={(e) => onKey(e, l.index)}
              >
                <td>{l.index}</td>
                <td className="size-cell">
                  <span className="bar" aria-hidden="true" style={{ width: `${Math.max(share * 100, l.size ? 1 : 0)}%` }} />
                  <span>
                    {formatBytes(l.size)} <span className="muted">({(share * 100).toFixed(1)} %)</span>
                  </span>
                </td>
                <td className="counts">
                  <span className="added" title="added">+{l.added}</span> <span className="modified" title="modified">~{l.modified}</span>{' '}
                  <span className="removed" title="removed">−{l.removed}</span>
                </td>
                <CommandCell createdBy={l.createdBy} />
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
