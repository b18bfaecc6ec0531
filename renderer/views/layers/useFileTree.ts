/**
 * The Files tree's data for one layer view, fetched from the Node side one directory level at a time
 * (`layers.tree`), or as a search (`layers.search`) while a filter is set. On a new view it opens the
 * directories holding changes, level by level, within a budget of rows.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { FileChangeKind, TreeQuery, TreeRow } from '../../../shared/layers';
import { client } from '../../client/client';
import { flattenLoaded, flattenSearch, type VisibleRow } from './file-tree';

/** Rows opened automatically at most, and matches a search returns at most. */
const AUTO_OPEN_BUDGET = 2_000;
export const SEARCH_LIMIT = 5_000;

interface Loaded {
  key: string;
  children: Map<string, TreeRow[]>;
  expanded: Set<string>;
  error?: string;
}
interface Searched {
  key: string;
  rows: TreeRow[];
  truncated: boolean;
  matches: number;
}

export interface FileTreeState {
  visible: VisibleRow[] | null;
  error?: string;
  /** Set while a filter is active: how many matched, and whether the list was cut at SEARCH_LIMIT. */
  search?: { matches: number; truncated: boolean };
  toggle(path: string, open?: boolean): void;
}

/** `enabled`: false until the analysis exists, so nothing is fetched for a layer that is not chosen yet. */
export function useFileTree(image: string, q: TreeQuery, text: string, kinds: FileChangeKind[], enabled: boolean): FileTreeState {
  const key = `${image}|${q.layer}|${q.view}|${q.sort}|${q.hideUnchanged}`;
  const filtering = text.trim() !== '' || kinds.length > 0;
  const searchKey = `${key}|${text.trim()}|${kinds.join(',')}`;
  const [loaded, setLoaded] = useState<Loaded>({ key: '', children: new Map(), expanded: new Set() });
  const [searched, setSearched] = useState<Searched | null>(null);
  const query = useMemo(() => ({ image, layer: q.layer, view: q.view, sort: q.sort, hideUnchanged: q.hideUnchanged }), [image, q.layer, q.view, q.sort, q.hideUnchanged]);

  // A new view: load the root, then open changed directories level by level.
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const children = new Map<string, TreeRow[]>();
    const expanded = new Set<string>();
    (async () => {
      let level = ['/'];
      let rows = 0;
      for (let depth = 0; level.length && rows < AUTO_OPEN_BUDGET; depth++) {
        const got = await client().call('layers.tree', { ...query, paths: level });
        if (!live) return;
        for (const [p, kids] of Object.entries(got)) {
          children.set(p, kids);
          rows += kids.length;
          if (p !== '/') expanded.add(p);
        }
        setLoaded({ key, children: new Map(children), expanded: new Set(expanded) });
        const deeper = q.view === 'changes' || depth < 1;
        const candidates = deeper ? level.flatMap((p) => (got[p] ?? []).filter((r) => r.hasChanges && r.childCount > 0)) : [];
        // Open only as many directories as the row budget allows (their child counts are known).
        level = [];
        let planned = rows;
        for (const r of candidates.slice(0, 256)) {
          if (planned + r.childCount > AUTO_OPEN_BUDGET) break;
          planned += r.childCount;
          level.push(r.path);
        }
      }
    })().catch((err: Error) => live && setLoaded({ key, children, expanded, error: err.message }));
    return () => {
      live = false;
    };
  }, [enabled, key, query, q.view]);

  // A filter: ask the Node side for the matches (debounced while typing).
  useEffect(() => {
    if (!filtering || !enabled) return;
    let live = true;
    const timer = setTimeout(() => {
      client()
        .call('layers.search', { ...query, text, kinds, limit: SEARCH_LIMIT })
        .then((r) => live && setSearched({ key: searchKey, ...r }))
        .catch(() => live && setSearched({ key: searchKey, rows: [], matches: 0, truncated: false }));
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [enabled, filtering, searchKey, query, text, kinds]);

  const toggle = useCallback(
    (path: string, open?: boolean) => {
      if (filtering) return;
      setLoaded((s) => {
        if (s.key !== key) return s;
        const expanded = new Set(s.expanded);
        const opening = open ?? !expanded.has(path);
        if (opening) expanded.add(path);
        else expanded.delete(path);
        if (opening && !s.children.has(path)) {
          void client()
            .call('layers.tree', { ...query, paths: [path] })
            .then((got) => setLoaded((cur) => (cur.key === key ? { ...cur, children: new Map(cur.children).set(path, got[path] ?? []) } : cur)));
        }
        return { ...s, expanded };
      });
    },
    [filtering, key, query],
  );

  const visible = useMemo(() => {
    if (filtering) return searched?.key === searchKey ? flattenSearch(searched.rows) : null;
    return loaded.key === key && loaded.children.has('/') ? flattenLoaded(loaded.children, loaded.expanded) : null;
  }, [filtering, searched, searchKey, loaded, key]);

  return {
    visible,
    ...(loaded.key === key && loaded.error ? { error: loaded.error } : {}),
    ...(filtering && searched?.key === searchKey ? { search: { matches: searched.matches, truncated: searched.truncated } } : {}),
    toggle,
  };
}
