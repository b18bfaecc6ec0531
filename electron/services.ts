/**
 * The Node side's services for one engine, wired together. Plain Node: never imports `electron`, so the
 * same services run in Electron's main process and in serve mode.
 */
import { ContainersService } from './containers/service';
import { Engine } from './engine/engine';
import type { EngineHost } from './engine/host';
import { EngineMonitor } from './engine/monitor';
import { BuildService } from './images/build/service';
import { PruneService } from './images/prune';
import { SaveLoadService } from './images/save-load';
import { ImagesService } from './images/service';
import { TransferService } from './images/transfer';
import { LayersService } from './layers/service';
import { RegistryService } from './registry/service';
import { SessionManager } from './sessions/manager';
import { LogsService } from './logs/service';
import { StatsService } from './stats/service';
import { NetworksService } from './networks/service';
import { VolumesService } from './volumes/service';
import { TaskManager } from './tasks/manager';
import { SifService } from './sif/service';
import { StacksService } from './stacks/service';
import { NotificationCenter } from './notifications/center';
import { PodsService } from './pods/service';
import { SettingsService } from './settings/service';
import { SwarmChanges } from './swarm/changes';

/** Asks the person for a path with the host's own dialog. Resolves null when cancelled. */
export type PathChooser = (o: { kind: 'open' | 'save' | 'folder'; title: string; defaultPath?: string }) => Promise<string | null>;

export interface Services {
  engine: Engine;
  containers: ContainersService;
  images: ImagesService;
  monitor: EngineMonitor;
  layers: LayersService;
  tasks: TaskManager;
  sif: SifService;
  stacks: StacksService;
  registry: RegistryService;
  transfer: TransferService;
  saveLoad: SaveLoadService;
  prune: PruneService;
  build: BuildService;
  sessions: SessionManager;
  logs: LogsService;
  stats: StatsService;
  volumes: VolumesService;
  networks: NetworksService;
  /** Podman pods and Kubernetes YAML (Unsupported on Docker). */
  pods: PodsService;
  /** Tasks that ended and containers that died unexpectedly, for the `notifications` topic. */
  notifications: NotificationCenter;
  /** The swarm's changes (service, node, secret, config events) for the `swarm.changes` topic. */
  swarmChanges: SwarmChanges;
  /** Berth's settings: one per process, handed on at an engine switch. */
  settings: SettingsService;
  /** Native file dialogs, where the host has them (Electron); absent in serve mode. */
  pathChooser?: PathChooser;
  /**
   * Stop following the engine: its sessions, log followers, stats and layer analyses end. With `keepHost`
   * (an engine switch) host shells stay open: the session manager is handed on to the next services.
   */
  close(o?: { keepHost?: boolean }): Promise<void>;
}

/** Create and start the services for the engine at `host` (default: from the environment, as the CLI). */
/**
 * @param shared what outlives an engine switch: the task manager, the session manager (host shells stay
 *   open; it is told the new engine) and the settings (default: read from Berth's state folder).
 */
export function createServices(host?: EngineHost, pathChooser?: PathChooser, shared: { tasks?: TaskManager; sessions?: SessionManager; settings?: SettingsService } = {}): Services {
  const engine = new Engine(host);
  const containers = new ContainersService(engine);
  const images = new ImagesService(engine);
  const volumes = new VolumesService(engine);
  const networks = new NetworksService(engine);
  const monitor = new EngineMonitor(engine, {
    listContainers: () => containers.list(),
    inspectContainer: (id) => containers.summary(id),
    listImages: () => images.list(),
    listVolumes: () => volumes.list(),
    listNetworks: () => networks.list(),
  });
  // A volume listing does not wait for a slow /system/df (volumes/service.ts DF_WAIT_MS); its late sizes list again.
  volumes.onLateSizes(() => monitor.refresh('volumes'));
  monitor.start();
  const layers = new LayersService(engine);
  const settings = shared.settings ?? new SettingsService();
  // The blob cache folder follows the `layers.cacheDir` setting (the first call comes at once).
  const unfollow = settings.subscribe((v) => layers.useBlobDir(v.layers.cacheDir));
  // Tasks outlive an engine switch (a pull on the old engine finishes and reports): the router passes them on.
  const tasks = shared.tasks ?? new TaskManager();
  const registry = new RegistryService(engine);
  const sessions = shared.sessions ?? new SessionManager(engine);
  sessions.useEngine(engine);
  const logs = new LogsService(engine);
  const stats = new StatsService(engine);
  const notifications = new NotificationCenter({
    tasks,
    engineEvents: (l) => monitor.onEngineEvent(l),
    engineKind: () => engine.kind(),
    interactive: (id) =>
      engine.call((d) => d.getContainer(id).inspect()).then(
        // `docker run -it` (and Berth's Run with -it) attaches stdin; `-dit` and Compose's tty + stdin_open do not.
        (c) => Boolean(c.Config?.Tty && c.Config?.OpenStdin && c.Config?.AttachStdin),
        () => null,
      ),
  });
  const swarmChanges = new SwarmChanges(engine);
  return {
    engine,
    containers,
    images,
    monitor,
    layers,
    tasks,
    registry,
    transfer: new TransferService(engine, tasks, registry),
    saveLoad: new SaveLoadService(engine, tasks),
    sif: new SifService(engine, layers, tasks),
    stacks: new StacksService(engine, tasks, logs),
    prune: new PruneService(engine),
    build: new BuildService(engine, tasks, registry),
    sessions,
    logs,
    stats,
    volumes,
    networks,
    pods: new PodsService(engine),
    notifications,
    swarmChanges,
    settings,
    ...(pathChooser ? { pathChooser } : {}),
    close: async (o = {}) => {
      unfollow();
      sessions.closeAll(o);
      logs.closeAll();
      stats.closeAll();
      layers.cancelAll();
      notifications.close();
      swarmChanges.close();
      await monitor.stop();
    },
  };
}
