/**
 * Every view of the window, each loaded on demand (React.lazy): the page's first script holds the shell
 * (navigation, stores, client) and each view is a chunk of its own, fetched when it is first shown. So
 * `#/swarm/services` does not wait for xterm.js, uPlot or the layer browser. Rendered inside a Suspense
 * boundary (App.tsx); a chunk that fails to load is caught by the view's error boundary.
 */
import { lazy, type ComponentType } from 'react';

/** React.lazy for a module's named export (the views export named functions). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a view's props are whatever it declares
function view<K extends string, C extends ComponentType<any>>(load: () => Promise<Record<K, C>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

export const ContainersView = view(() => import('./containers/ContainersView'), 'ContainersView');
export const StacksView = view(() => import('./stacks/StacksView'), 'StacksView');
export const PodsView = view(() => import('./pods/PodsView'), 'PodsView');
export const SwarmView = view(() => import('./swarm/SwarmView'), 'SwarmView');
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
