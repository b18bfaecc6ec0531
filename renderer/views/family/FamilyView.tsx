/**
 * Image family: every local image under its base image (the image whose layers are a prefix of its
 * own), so chains like debian → python → my-app and shared base layers are visible at a glance.
 * Refreshed whenever the image list changes.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { FamilyNode } from '../../../shared/layers';
import { client } from '../../client/client';
import { formatBytes, shortId } from '../../format';
import { useImages } from '../../stores/stores';

interface Item {
  node: FamilyNode;
  level: number;
  pos: number;
  setSize: number;
  hasChildren: boolean;
}

/** Depth-first order of the family, roots sorted by name, children by name. */
export function familyOrder(nodes: FamilyNode[]): Item[] {
  const ids = new Set(nodes.map((n) => n.id));
  const kids = new Map<string, FamilyNode[]>();
  const roots: FamilyNode[] = [];
  const name = (n: FamilyNode) => n.repoTags[0] ?? `~${n.id}`;
  for (const n of nodes) {
    if (n.parent && ids.has(n.parent)) kids.set(n.parent, [...(kids.get(n.parent) ?? []), n]);
    else roots.push(n);
  }
  const out: Item[] = [];
  const walk = (list: FamilyNode[], level: number) => {
    const sorted = list.slice().sort((a, b) => name(a).localeCompare(name(b)));
    sorted.forEach((n, i) => {
      const children = kids.get(n.id) ?? [];
      out.push({ node: n, level, pos: i + 1, setSize: sorted.length, hasChildren: children.length > 0 });
      walk(children, level + 1);
    });
  };
  walk(roots, 1);
  return out;
}

function label(n: FamilyNode): string {
  return n.repoTags.length ? n.repoTags.join(', ') : `<none> ${shortId(n.id)}`;
}

export function FamilyView() {
  const images = useImages((s) => s.items);
  const [state, setState] = useState<{ nodes?: FamilyNode[]; error?: string }>({});
  const [focus, setFocus] = useState(0);
  const refs = useRef(new Map<number, HTMLLIElement>());

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      client()
        .call('layers.family', {})
        .then((nodes) => live && setState({ nodes }))
        .catch((err: Error) => live && setState({ error: err.message }));
    }, 100);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [images]);

  const items = useMemo(() => (state.nodes ? familyOrder(state.nodes) : []), [state.nodes]);
  const byId = useMemo(() => new Map(items.map((i) => [i.node.id, i.node])), [items]);
  const onKey = (e: KeyboardEvent, i: number) => {
    const to = e.key === 'ArrowDown' ? i + 1 : e.key === 'ArrowUp' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? items.length - 1 : -1;
    if (to < 0 || to >= items.length) return;
    e.preventDefault();
    setFocus(to);
    refs.current.get(to)?.focus();
  };

  return (
    <section className="view" aria-labelledby="family-title">
      <header className="view-head">
        <h1 id="family-title">Image family</h1>
        <span className="count">{state.nodes ? `${state.nodes.length} images, ${items.filter((i) => i.level === 1).length} roots` : 'Loading…'}</span>
      </header>
      {state.error && (
        <p className="notice error" role="alert">
          Could not arrange the images: {state.error}
        </p>
      )}
      <div className="family-scroll">
        <ul role="tree" aria-label="Image family" className="family">
          {items.map((it, i) => {
            const n = it.node;
            const parent = n.parent ? byId.get(n.parent) : undefined;
            const own = n.layerCount - n.sharedLayers;
            const text = `${label(n)}: ${n.layerCount} layers${parent ? `, ${n.sharedLayers} shared with ${label(parent)}, ${own} of its own` : ''}${
              n.sameLayersAs.length ? `, same layers as ${n.sameLayersAs.length} other image${n.sameLayersAs.length > 1 ? 's' : ''}` : ''
            }, ${formatBytes(n.size)}${n.sharedSize ? ` (${formatBytes(n.sharedSize)} shared)` : ''}`;
            return (
              <li
                key={n.id}
                ref={(el) => {
                  if (el) refs.current.set(i, el);
                  else refs.current.delete(i);
                }}
                role="treeitem"
                aria-label={text}
                aria-level={it.level}
                aria-posinset={it.pos}
                aria-setsize={it.setSize}
                aria-expanded={it.hasChildren ? true : undefined}
                aria-selected={i === focus}
                tabIndex={i === focus ? 0 : -1}
                onKeyDown={(e) => onKey(e, i)}
                onFocus={() => setFocus(i)}
                className="family-item"
                style={{ paddingLeft: 10 + (it.level - 1) * 22 }}
              >
                <span className="family-name">{label(n)}</span>
                {/* Drawn as CSS content (shown-text): the item's visible text is its image's name, the start of its accessible name (WCAG 2.5.3). */}
                <span
                  className="muted shown-text"
                  aria-hidden="true"
                  data-text={`${n.layerCount} layers${parent ? ` · +${own} on ${parent.repoTags[0] ?? shortId(parent.id)}` : ''}${n.sameLayersAs.length ? ' · same layers as another image' : ''}`}
                />
                <span className="muted shown-text" aria-hidden="true" data-text={`${formatBytes(n.size)}${n.sharedSize ? ` · ${formatBytes(n.sharedSize)} shared` : ''}`} />
                <a className="button shown-text" href={`#/layers/${encodeURIComponent(n.id)}`} tabIndex={-1} aria-label="Layers" data-text="Layers" />
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}
