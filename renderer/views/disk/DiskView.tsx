/**
 * Disk usage (`docker system df`): what images, containers, volumes and build cache occupy and what is
 * reclaimable, with the way to reclaim each (the prunes list exactly what they remove before confirming).
 */
import { useEffect, useRef, useState } from 'react';
import type { DiskUsageLine } from '../../../shared/resources';
import { client } from '../../client/client';
import { useReloadableCall } from '../../client/useCall';
import { dockerSize } from '../../format';
import { useContainers, useFollow, useImages, useVolumes } from '../../stores/stores';
import { PruneDialog } from '../images/PruneDialog';
import { BuildCachePruneDialog } from './BuildCachePruneDialog';

const KIND_NAMES: Record<DiskUsageLine['kind'], string> = { images: 'Images', containers: 'Containers', volumes: 'Local volumes', buildCache: 'Build cache' };

export function DiskView() {
  const [df, reload] = useReloadableCall('df', () => client().call('system.df', {}));
  // Follows the engine: any change to containers, images or volumes re-reads /system/df a second after the last change.
  useFollow('volumes');
  const containers = useContainers((s) => s.items);
  const images = useImages((s) => s.items);
  const volumes = useVolumes((s) => s.items);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const t = setTimeout(reload, 1000);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reload is a new function each render
  }, [containers, images, volumes]);
  const [pruning, setPruning] = useState(false);
  const [pruningCache, setPruningCache] = useState(false);
  const lines = df?.value ?? [];
  const total = lines.reduce((s, l) => s + l.size, 0);
  const reclaimable = lines.reduce((s, l) => s + l.reclaimable, 0);
  return (
    <section className="view" aria-labelledby="disk-title">
      <header className="view-head">
        <h1 id="disk-title">Disk usage</h1>
        {df?.value && (
          <span className="count">
            {dockerSize(total)} in all, {dockerSize(reclaimable)} reclaimable
          </span>
        )}
        <button type="button" onClick={() => reload()}>
          Refresh
        </button>
      </header>
      {df?.error && <p role="alert" className="error-text">{df.error.message}</p>}
      <table className="simple" aria-label="Disk usage">
        <thead>
          <tr>
            <th scope="col">Type</th>
            <th scope="col">Total</th>
            <th scope="col">Active</th>
            <th scope="col">Size</th>
            <th scope="col">Reclaimable</th>
            <th scope="col">Reclaim</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.kind}>
              <th scope="row">{KIND_NAMES[l.kind]}</th>
              <td>{l.total}</td>
              <td>{l.active}</td>
              <td>{dockerSize(l.size)}</td>
              <td>
                {dockerSize(l.reclaimable)}
                {/* As `docker system df`: a truncated percentage, none for the build cache. */}
                {l.size > 0 && l.kind !== 'buildCache' && <span className="muted"> ({Math.trunc((l.reclaimable * 100) / l.size)}%)</span>}
                <span className="bar" aria-hidden="true">
                  <span style={{ width: `${l.size ? Math.min(100, (l.reclaimable / l.size) * 100) : 0}%` }} />
                </span>
              </td>
              <td>
                {l.kind === 'images' && (
                  <button type="button" onClick={() => setPruning(true)}>
                    Prune images…
                  </button>
                )}
                {l.kind === 'volumes' && (
                  <a className="button" role="button" href="#/volumes">
                    Volumes…
                  </a>
                )}
                {l.kind === 'containers' && (
                  <a className="button" role="button" href="#/containers">
                    Containers…
                  </a>
                )}
                {l.kind === 'buildCache' && (
                  <button type="button" onClick={() => setPruningCache(true)}>
                    Prune build cache…
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {pruningCache && (
        <BuildCachePruneDialog
          onClose={() => {
            setPruningCache(false);
            reload();
          }}
        />
      )}
      {pruning && (
        <PruneDialog
          onClose={() => {
            setPruning(false);
            reload();
          }}
        />
      )}
    </section>
  );
}
