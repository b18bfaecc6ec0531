/** Berth's window: navigation, the current view, notices and the engine status bar. */
import { startTransition, Suspense, useEffect, useState } from 'react';
import { EngineBanner } from './components/EngineBanner';
import { Notices } from './components/Notices';
import { StatusBar } from './components/StatusBar';
import { ViewErrorBoundary } from './components/ViewErrorBoundary';
import {
  CompareView,
  ContainerView,
  ContainersView,
  DiskView,
  EnginesView,
  FamilyView,
  ImageDetailsView,
  ImagesView,
  LayersView,
  NetworksView,
  PodsView,
  RegistriesView,
  SettingsView,
  StackLogsView,
  StackView,
  StacksView,
  StatsView,
  SwarmView,
  TasksView,
  TerminalsView,
  VolumesView,
} from './views/lazy';
import { STACK_TABS, type StackTab } from './views/stacks/tabs';
import { CONTAINER_TABS, type ContainerTab } from './views/container/tabs';
import { CommandLayer, PaletteButton } from './views/palette/CommandLayer';
import type { Shown } from './views/palette/commands';
import { useOpenSessionCount } from './stores/sessions';
import { useRunningCount } from './stores/tasks';
import { followAppCommands } from './stores/app-commands';
import { followNotifications } from './stores/notifications';
import { desktopNotificationsOn, notificationsOn } from './stores/settings';

/**
 * The views and their navigation links. Link names must not contain one another ("Images" would also
 * match a link named "Compare images"): people and tests find links by name.
 */
const VIEWS = {
  containers: { title: 'Containers', nav: 'Containers', View: ContainersView },
  stacks: { title: 'Stacks', nav: 'Stacks', View: StacksView },
  pods: { title: 'Pods', nav: 'Pods', View: PodsView },
  swarm: { title: 'Swarm', nav: 'Swarm', View: SwarmView },
  terminals: { title: 'Terminals', nav: 'Terminals', View: TerminalsView },
  stats: { title: 'Stats', nav: 'Stats', View: StatsView },
  images: { title: 'Images', nav: 'Images', View: ImagesView },
  family: { title: 'Image family', nav: 'Image family', View: FamilyView },
  compare: { title: 'Compare images', nav: 'Compare', View: CompareView },
  volumes: { title: 'Volumes', nav: 'Volumes', View: VolumesView },
  networks: { title: 'Networks', nav: 'Networks', View: NetworksView },
  disk: { title: 'Disk usage', nav: 'Disk usage', View: DiskView },
  registries: { title: 'Registries', nav: 'Registries', View: RegistriesView },
  engines: { title: 'Engines', nav: 'Engines', View: EnginesView },
  tasks: { title: 'Tasks', nav: 'Tasks', View: TasksView },
  settings: { title: 'Settings', nav: 'Settings', View: SettingsView },
} as const;
type ViewId = keyof typeof VIEWS;
/** The views' IDs and titles, for the command palette and the shortcuts. */
const VIEW_LIST = (Object.keys(VIEWS) as ViewId[]).map((id) => ({ id, title: VIEWS[id].title }));

interface Route {
  view: ViewId;
  /** For `#/layers/<image>`: the image whose layers are shown (a sub-view of Images). */
  layersOf?: string;
  /** For `#/image/<image>`: the image whose details are shown (a sub-view of Images). */
  detailsOf?: string;
  /** For `#/container/<id>/<tab>`: one container's logs, stats or inspect (a sub-view of Containers). */
  container?: { id: string; tab: ContainerTab };
  /** For `#/stack-logs/<project>`: the logs of a whole Compose stack (a sub-view of Stacks). */
  stackLogs?: string;
  /** For `#/stack/<project>/<tab>`: one stack's services, configuration or commands (a sub-view of Stacks). */
  stack?: { project: string; tab: StackTab };
  /** For `#/swarm/<tab>[?service=…&node=…]`: what follows `#/swarm/` (views/swarm/route.ts). */
  swarm?: string;
  /** For `#/tasks/<id>`: the task shown first and focused in Tasks (a notification's link). */
  task?: string;
}

function currentRoute(): Route {
  const [id, ...rest] = window.location.hash.replace(/^#\/?/, '').split('/');
  if (id === 'layers' && rest.length) return { view: 'images', layersOf: decodeURIComponent(rest.join('/')) };
  if (id === 'stack-logs' && rest.length) return { view: 'stacks', stackLogs: decodeURIComponent(rest.join('/')) };
  if (id === 'stack' && rest.length) {
    const tab = (STACK_TABS as readonly string[]).includes(rest[1] ?? '') ? (rest[1] as StackTab) : 'services';
    return { view: 'stacks', stack: { project: decodeURIComponent(rest[0]!), tab } };
  }
  if (id === 'swarm') return { view: 'swarm', swarm: rest.join('/') };
  if (id === 'tasks' && rest[0]) return { view: 'tasks', task: decodeURIComponent(rest[0]) };
  if (id === 'image' && rest.length) return { view: 'images', detailsOf: decodeURIComponent(rest.join('/')) };
  if (id === 'container' && rest.length) {
    const tab = (CONTAINER_TABS as readonly string[]).includes(rest[1]) ? (rest[1] as ContainerTab) : 'logs';
    return { view: 'containers', container: { id: decodeURIComponent(rest[0]), tab } };
  }
  return { view: id in VIEWS ? (id as ViewId) : 'containers' };
}

/** The view component `route` shows (the same choice as App's render), to load its chunk ahead. */
function viewOf(route: Route): { preload(): Promise<unknown>; first(): Promise<unknown> } {
  if (route.layersOf) return LayersView;
  if (route.detailsOf) return ImageDetailsView;
  if (route.stackLogs) return StackLogsView;
  if (route.stack) return StackView;
  if (route.container) return ContainerView;
  if (route.view === 'swarm') return SwarmView;
  if (route.task) return TasksView;
  return VIEWS[route.view].View;
}

/** Load the chunk of the view the address shows and start its first data read (main.tsx, before the first render). Rejects as import() does. */
export function preloadCurrentView(): Promise<unknown> {
  return viewOf(currentRoute()).first();
}

/** The object a sub-view shows: what the palette's and the shortcuts' object actions apply to. */
function shownBy(route: Route): Shown | undefined {
  if (route.container) return { kind: 'container', id: route.container.id };
  const image = route.detailsOf ?? route.layersOf;
  if (image) return { kind: 'image', ref: image };
  const project = route.stack?.project ?? route.stackLogs;
  return project ? { kind: 'stack', project } : undefined;
}

/** Shown for the moment a view's chunk is fetched (the first time it is opened; views/lazy.ts). */
function ViewLoading() {
  return (
    <p className="muted" aria-busy="true">
      Loading…
    </p>
  );
}

export function App() {
  const [route, setRoute] = useState<Route>(currentRoute);
  const view = route.view;
  useEffect(followAppCommands, []);
  useEffect(() => followNotifications({ enabled: notificationsOn, desktop: desktopNotificationsOn }), []);
  useEffect(() => {
    // A transition: a view whose chunk is not loaded yet keeps the current one on screen until it is,
    // instead of a fallback (views/lazy.ts).
    const onHash = () => startTransition(() => setRoute(currentRoute()));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    const sub = route.layersOf
      ? `Layers of ${route.layersOf}`
      : route.detailsOf
        ? `Image ${route.detailsOf}`
        : route.container
          ? `Container ${route.container.id}`
          : route.stackLogs
            ? `Logs of stack ${route.stackLogs}`
            : route.stack
              ? `Stack ${route.stack.project}`
              : VIEWS[view].title;
    document.title = `${sub} — Berth`;
  }, [view, route.layersOf, route.detailsOf, route.container, route.stackLogs, route.stack]);
  const running = useRunningCount();
  const sessions = useOpenSessionCount();
  const { View } = VIEWS[view];
  return (
    <div className="app">
      <nav className="sidebar" aria-label="Views">
        <div className="brand" aria-hidden="true">⚓ Berth</div>
        <ul>
          {(Object.keys(VIEWS) as ViewId[]).map((id) => (
            <li key={id}>
              <a
                href={`#/${id}`}
                aria-current={id === view ? 'page' : undefined}
                onPointerEnter={() => void VIEWS[id].View.preload().catch(() => undefined)}
                onFocus={() => void VIEWS[id].View.preload().catch(() => undefined)}
              >
                {VIEWS[id].nav}
                {id === 'terminals' && sessions > 0 && (
                  <span className="nav-badge" title={`${sessions} open`}>
                    {sessions}
                  </span>
                )}
                {id === 'tasks' && running > 0 && (
                  <span className="nav-badge" title={`${running} running`}>
                    {running}
                  </span>
                )}
              </a>
            </li>
          ))}
        </ul>
        <PaletteButton />
      </nav>
      <main className="content">
        <EngineBanner />
        <ViewErrorBoundary routeKey={JSON.stringify(route)}>
          <Suspense fallback={<ViewLoading />}>
            {route.layersOf ? (
              <LayersView image={route.layersOf} />
            ) : route.detailsOf ? (
              <ImageDetailsView image={route.detailsOf} />
            ) : route.stackLogs ? (
              <StackLogsView key={route.stackLogs} project={route.stackLogs} />
            ) : route.stack ? (
              <StackView key={route.stack.project} project={route.stack.project} tab={route.stack.tab} />
            ) : route.container ? (
              <ContainerView key={route.container.id} id={route.container.id} tab={route.container.tab} />
            ) : route.view === 'swarm' ? (
              <SwarmView sub={route.swarm ?? ''} />
            ) : route.task ? (
              <TasksView focus={route.task} />
            ) : (
              <View />
            )}
          </Suspense>
        </ViewErrorBoundary>
      </main>
      <CommandLayer views={VIEW_LIST} view={view} shown={shownBy(route)} />
      <Notices />
      <StatusBar />
    </div>
  );
}
