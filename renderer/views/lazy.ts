/**
 * Every view of the window, each a chunk of its own: the page's first script holds the shell (navigation,
 * stores, client), and `#/swarm/services` does not wait for xterm.js, uPlot or the layer browser.
 * main.tsx loads the first view's chunk before the first render and the others once the page is idle
 * (`preloadViews`), so a view normally renders at once. One not loaded yet renders through React.lazy
 * inside App.tsx's Suspense boundary; a chunk that fails to load is caught by the view's error boundary.
 * (A suspended render is more than a round trip late: React 19 reveals a Suspense boundary's content at
 * most every 300 ms, FALLBACK_THROTTLE_MS in react-reconciler; the first view came ~250 ms late here.)
 */
import { createElement, lazy, useState, type ComponentProps, type ComponentType, type ReactElement } from 'react';
import { prefetchSwarm } from './swarm/early';

/** A view component (props those of C) that can be loaded ahead of its first render. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a view's props are whatever it declares
export type LazyView<C extends ComponentType<any>> = ((props: ComponentProps<C>) => ReactElement) & {
  /** Fetch and evaluate the view's chunk (once; later calls share the first). Rejects as import() does. */
  preload(): Promise<unknown>;
  /**
   * `preload`, and at once the view's `prefetch` if it has one (its first data read, started while its chunk
   * loads, before the view renders). Only for the view the window opens on (main.tsx). Rejects as import() does.
   */
  first(): Promise<unknown>;
};

/** A view's module: the view component under its name. */
type ViewModule<K extends string, C> = Record<K, C>;

const all: { preload(): Promise<unknown> }[] = [];

/**
 * A module's named export (a view, or another component kept out of the first script), loaded on demand.
 * `prefetch`, in the first script, starts the view's first data read for `first` (e.g. views/swarm/early.ts).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a view's props are whatever it declares
export function view<K extends string, C extends ComponentType<any>>(load: () => Promise<ViewModule<K, C>>, name: K, prefetch?: () => void): LazyView<C> {
  let loaded: C | undefined;
  let loading: Promise<ViewModule<K, C>> | undefined;
  const preload = () =>
    (loading ??= load().then(
      (m) => {
        loaded = m[name];
        return m;
      },
      (err: unknown) => {
        loading = undefined; // tried again at the next render or preload
        throw err;
      },
    ));
  const Lazy = lazy(async () => ({ default: (await preload())[name] })) as unknown as ComponentType<ComponentProps<C>>;
  const View = (props: ComponentProps<C>) => {
    // Fixed for the life of this instance: switching from Lazy to the loaded component would remount it.
    const [Shown] = useState((): ComponentType<ComponentProps<C>> => loaded ?? Lazy);
    return createElement(Shown, props);
  };
  const first = () => {
    prefetch?.();
    return preload();
  };
  const v = Object.assign(View, { preload, first });
  all.push(v);
  return v;
}

/** Load every view's chunk (after the first view is shown, so that views open at once later). Never rejects. */
export function preloadViews(): Promise<void> {
  return Promise.allSettled(all.map((v) => v.preload())).then(() => undefined);
}

export const ContainersView = view(() => import('./containers/ContainersView'), 'ContainersView');
export const StacksView = view(() => import('./stacks/StacksView'), 'StacksView');
export const PodsView = view(() => import('./pods/PodsView'), 'PodsView');
export const SwarmView = view(() => import('./swarm/SwarmView'), 'SwarmView', prefetchSwarm);
export const StackLogsView = view(() => import('./stacks/StackLogsView'), 'StackLogsView');
export const StackView = view(() => import('./stacks/StackView'), 'StackView');
export const CompareView = view(() => import('./compare/CompareView'), 'CompareView');
export const FamilyView = view(() => import('./family/FamilyView'), 'FamilyView');
export const ImageDetailsView = view(() => import('./images/ImageDetailsView'), 'ImageDetailsView');
export const ImagesView = view(() => import('./images/ImagesView'), 'ImagesView');
export const LayersView = view(() => import('./layers/LayersView'), 'LayersView');
export const RegistriesView = view(() => import('./registries/RegistriesView'), 'RegistriesView');
export const TasksView = view(() => import('./tasks/TasksView'), 'TasksView');
export const TerminalsView = view(() => import('./terminals/TerminalsView'), 'TerminalsView');
export const ContainerView = view(() => import('./container/ContainerView'), 'ContainerView');
export const StatsView = view(() => import('./stats/StatsView'), 'StatsView');
export const VolumesView = view(() => import('./volumes/VolumesView'), 'VolumesView');
export const NetworksView = view(() => import('./networks/NetworksView'), 'NetworksView');
export const DiskView = view(() => import('./disk/DiskView'), 'DiskView');
export const EnginesView = view(() => import('./engines/EnginesView'), 'EnginesView');
export const SettingsView = view(() => import('./settings/SettingsView'), 'SettingsView');
