/**
 * Maps contract methods (shared/api.ts) to services. Every call's arguments are validated against the
 * contract before a service sees them, and every result before it leaves; every failure becomes an
 * `Envelope` error with a readable message. Both transports (IPC and WebSocket) use this one router.
 */
import { z } from 'zod';
import {
  ErrorName,
  isMethodName,
  isSignalName,
  isTopicName,
  methods,
  signals,
  type Envelope,
  type MethodName,
  type MethodResult,
  type SignalName,
} from '../shared/api';
import { BerthError } from './engine/errors';
import { inspectImage } from './images/inspect';
import { inspectContainer } from './containers/inspect';
import { runContainer } from './containers/run';
import { systemDf } from './system/df';
import { BuildCacheService } from './system/build-cache';
import { swarmHandlers } from './router-swarm';
import { VolumeBrowser } from './volumes/browse';
import { hostOf, listEngines, probe, probeOne } from './engines/discover';
import { addedCandidate, addedEngines, addedId, addEngine, removeEngine } from './engines/added';
import type { EngineCandidate } from '../shared/engines';
import type { EngineHost } from './engine/host';
import type { MonitorTopic } from './engine/monitor';
import type { AppCommand } from '../shared/app-commands';
import type { Services } from './services';
import type { Outlet } from './flow/outlet';

/** Every contract method's handler: its validated arguments in, its result out. */
export type Handlers = { [M in MethodName]: (args: z.infer<(typeof methods)[M]['args']>) => Promise<MethodResult<M>> };
type SignalHandlers = { [S in SignalName]: (args: z.infer<(typeof signals)[S]>) => void };

/** One-way messages: nothing is answered, so a failing service (keys into an ended session) is dropped. */
function signalHandlers(s: Services): SignalHandlers {
  const quiet = (p: Promise<unknown>) => void p.catch(() => undefined);
  return {
    'sessions.keys': (a) => quiet(s.sessions.input(a)),
    'sessions.resize': (a) => quiet(s.sessions.resize(a)),
    'sessions.ack': (a) => void s.sessions.ack(a),
  };
}

/** What the router needs beyond the services: how to make services for another engine (`engines.use`). */
export interface RouterOptions {
  /** Services for the engine at `host`; without it `engines.use` answers `Unsupported`. */
  makeServices?: (host: EngineHost, shared: { tasks: Services['tasks']; sessions: Services['sessions']; settings: Services['settings'] }) => Services;
  /** Told the engine now in use (to remember it for the next start). */
  onEngineChange?: (candidate: EngineCandidate) => void;
  /** The `app.command` topic's source (the Electron menu); without it the topic stays silent. */
  commands?: { subscribe(listener: (c: AppCommand) => void): () => void };
}

function handlers(s: Services, switchTo: (id: string) => Promise<EngineCandidate>): Handlers {
  return {
    'engine.info': () => s.engine.identify(),
    'containers.list': () => s.containers.list(),
    'containers.start': (a) => s.containers.start(a),
    'containers.stop': (a) => s.containers.stop(a),
    'containers.restart': (a) => s.containers.restart(a),
    'containers.pause': (a) => s.containers.pause(a),
    'containers.unpause': (a) => s.containers.unpause(a),
    'containers.kill': (a) => s.containers.kill(a),
    'containers.remove': (a) => s.containers.remove(a),
    'containers.run': (a) => runContainer(s.engine, s.sessions, a),
    'containers.inspect': (a) => inspectContainer(s.engine, a.id),
    'sessions.exec': (a) => s.sessions.exec(a),
    'sessions.attach': (a) => s.sessions.attach(a),
    'sessions.host': (a) => s.sessions.host(a),
    'sessions.input': (a) => s.sessions.input(a),
    'sessions.close': async (a) => s.sessions.close(a),
    'logs.follow': (a) => s.logs.follow(a),
    'logs.stop': async (a) => s.logs.stop(a.id),
    'logs.save': (a) => s.logs.save(a),
    'volumes.list': () => s.volumes.list(),
    'volumes.create': (a) => s.volumes.create(a).finally(() => s.monitor.refresh('volumes')),
    'volumes.remove': (a) => s.volumes.remove(a).finally(() => s.monitor.refresh('volumes')),
    'volumes.prunePreview': () => s.volumes.prunePreview(),
    'volumes.prune': (a) => s.volumes.prune(a).finally(() => s.monitor.refresh('volumes')),
    'volumes.browse': (a) => new VolumeBrowser(s.engine).list(a.name, a.path),
    'volumes.saveFile': (a) => new VolumeBrowser(s.engine).saveFile(a.name, a.path, a.target, a.overwrite),
    'networks.list': () => s.networks.list(),
    // Berth's own changes show at once, also on Podman 4.3, whose compat /events has no network events.
    'networks.create': (a) => s.networks.create(a).finally(() => s.monitor.refresh('networks')),
    'networks.remove': (a) => s.networks.remove(a).finally(() => s.monitor.refresh('networks')),
    // No engine event tells of a container that is not running being (dis)connected: refresh the live list.
    'networks.connect': (a) => s.networks.connect(a).finally(() => s.monitor.refresh('networks')),
    'networks.disconnect': (a) => s.networks.disconnect(a).finally(() => s.monitor.refresh('networks')),
    'system.df': () => systemDf(s.engine),
    'system.buildCachePreview': () => new BuildCacheService(s.engine).preview(),
    'system.buildCachePrune': (a) => new BuildCacheService(s.engine).prune(a.ids),
    ...swarmHandlers(s),
    'engines.list': (a) => listEngines(s.engine.host, process.env, a.probe ?? true),
    'engines.probe': (a) => probeOne(a.id, s.engine.host),
    'engines.use': (a) => switchTo(a.id),
    'engines.add': (a) => probe(addedCandidate(addEngine(a)), s.engine.host),
    'engines.remove': async (a) => {
      const e = addedEngines().find((x) => addedId(x.name) === a.id);
      if (e && a.id === s.engine.host.candidateId) throw new BerthError('Conflict', `${e.name} is in use: switch to another engine first`);
      removeEngine(a.id);
      return null;
    },
    'images.list': () => s.images.list(),
    'images.remove': (a) => s.images.remove(a),
    'images.pull': async (a) => s.transfer.pull(a.reference),
    'images.push': async (a) => s.transfer.push(a.reference),
    'images.tag': (a) => s.transfer.tag(a.source, a.target),
    'images.inspect': (a) => inspectImage(s.engine, a.id),
    'images.prunePreview': (a) => s.prune.preview(a.mode),
    'images.prune': (a) => s.prune.prune(a.mode, a.ids),
    'images.save': (a) => s.saveLoad.save(a.images, a.path, a.overwrite),
    'images.load': async (a) => s.saveLoad.load(a.path),
    'images.exportSif': (a) => s.sif.exporter.start(a.image, a.path, a.overwrite),
    'images.singularityDefinition': (a) => s.sif.exporter.definition(a.image),
    'sif.open': (a) => s.sif.reader.open(a.path),
    'sif.files': (a) => s.sif.reader.files(a.path),
    'sif.import': (a) => s.sif.reader.import(a.path, a.reference),
    'stacks.compose': () => s.stacks.compose(),
    'stacks.config': (a) => s.stacks.config(a),
    'stacks.projectConfig': (a) => s.stacks.projectConfig(a.project),
    'stacks.saveLogs': (a) => s.stacks.saveLogs(a.project, a.path, a),
    'stacks.up': (a) => s.stacks.up(a),
    'stacks.down': (a) => s.stacks.down(a.project, a.volumes),
    'stacks.recreate': (a) => s.stacks.recreate(a.project),
    'stacks.scale': (a) => s.stacks.scale(a.project, a.service, a.replicas),
    'pods.list': () => s.pods.list(),
    'pods.act': (a) => s.pods.act(a),
    'pods.remove': (a) => s.pods.remove(a),
    'pods.play': (a) => s.pods.play(a),
    'pods.generate': (a) => s.pods.generate(a),
    'pods.saveYaml': (a) => s.pods.saveYaml(a),
    'images.build': async (a) => s.build.build(a),
    'images.buildHints': (a) => s.build.hints(a.context, a.dockerfile),
    'tasks.cancel': async (a) => (s.tasks.cancel(a.id), null),
    'tasks.dismiss': async (a) => (s.tasks.dismiss(a.id), null),
    'registry.login': (a) => s.registry.login(a),
    'registry.logout': (a) => s.registry.logout(a),
    'registry.list': () => s.registry.list(),
    'registry.catalog': (a) => s.registry.catalog(a),
    'registry.repository': (a) => s.registry.repository(a),
    'host.choosePath': async (a) => {
      if (!s.pathChooser) throw new BerthError('Unsupported', 'no file dialogs here (serve mode): type the path as it is on the server');
      return { path: await s.pathChooser(a) };
    },
    'layers.analyze': (a) => s.layers.analyze(a.image),
    'layers.files': (a) => s.layers.files(a.image, a.layer, a.view),
    'layers.tree': (a) => s.layers.tree(a.image, a).then((t) => t.children(a.paths, a)),
    'layers.search': (a) => s.layers.tree(a.image, a).then((t) => t.search(a.text, a.kinds, a.limit, a)),
    'layers.cancel': (a) => s.layers.cancel(a.image),
    'layers.family': () => s.layers.family(),
    'layers.compare': (a) => s.layers.compare(a.first, a.second),
    'layers.openArchive': (a) => s.layers.openArchive(a.path, a.image),
    'layers.fileContent': (a) => s.layers.fileContent(a.image, a.layer, a.path),
    'layers.fileInfo': (a) => s.layers.fileInfo(a.image, a.layer, a.path),
    'layers.cacheUsage': () => s.layers.cacheUsage(),
    'layers.clearCache': () => s.layers.clearCache(),
    'settings.get': async () => s.settings.get(),
    'settings.set': async (a) => s.settings.set(a),
  };
}

/**
 * Turn any thrown value into an envelope error, keeping BerthError names that are in the contract's
 * `ErrorName`; anything else (a bug, a name outside the contract) is `Internal`.
 */
export function errorEnvelope(err: unknown): Envelope<never> {
  const message = err instanceof Error ? err.message : String(err);
  const name = err instanceof BerthError ? ErrorName.safeParse(err.name) : null;
  return { ok: false, error: { name: name?.success ? name.data : 'Internal', message } };
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'arguments'}: ${i.message}`).join('; ');
}

export interface Router {
  /** Validate and run one call. Never throws: failures come back as `{ ok: false }`. */
  call(method: unknown, args: unknown): Promise<Envelope>;
  /**
   * Subscribe to a topic; the listener first receives the current state. `outlet` is the subscriber's link
   * (flow/outlet.ts): the streaming topics (`sessions`, `logs`) hold or drop for it while it is full.
   * @throws BerthError `UnknownTopic` for a name that is not in the contract.
   */
  subscribe(topic: unknown, listener: (payload: unknown) => void, outlet?: Outlet): () => void;
  /**
   * One one-way message (shared/api.ts `signals`): validated with the signal's schema, then run; nothing
   * is answered. Never throws. Returns false when refused (an unknown name, arguments the contract
   * refuses): nothing ran, and the transport may close the sender's link.
   */
  signal(name: unknown, args: unknown): boolean;
}

/** A router whose services can be swapped for another engine's (`engines.use`), moving every subscription. */
export interface SwitchableRouter extends Router {
  /** The services in use now. */
  services(): Services;
}

export function createRouter(initial: Services, options: RouterOptions = {}): SwitchableRouter {
  let current = initial;
  // Built once per services (an acknowledgement per 32 KiB of terminal output is a signal): rebuilt only when the engine changes.
  let table: Handlers;
  let signalTable: SignalHandlers;
  const subs = new Set<{ topic: string; listener: (payload: unknown) => void; outlet?: Outlet; off: () => void }>();

  const subscribeOn = (services: Services, topic: string, listener: (payload: unknown) => void, outlet?: Outlet): (() => void) => {
    if (topic === 'layers.progress') return services.layers.subscribe(listener);
    if (topic === 'tasks') return services.tasks.subscribe(listener);
    if (topic === 'sessions') return services.sessions.subscribe(listener, outlet);
    if (topic === 'logs') return services.logs.subscribe(listener, outlet);
    if (topic === 'stats') return services.stats.subscribe(listener);
    if (topic === 'notifications') return services.notifications.subscribe(listener);
    if (topic === 'settings') return services.settings.subscribe(listener);
    if (topic === 'swarm.changes') return services.swarmChanges.subscribe(listener);
    if (topic === 'app.command') return options.commands?.subscribe(listener) ?? (() => undefined);
    return services.monitor.subscribe(topic as MonitorTopic, listener);
  };

  /**
   * Switch to another engine: the old services are closed first (their engine sessions, followers and streams
   * end, and say so to the subscribers; running tasks and host shells carry on, the task and session managers
   * are handed on), then every
   * subscription moves to the new services, which send their current state first: each view resynchronises.
   */
  const switchNow = async (id: string): Promise<EngineCandidate> => {
    if (!options.makeServices) throw new BerthError('Unsupported', 'this Berth cannot switch engines');
    // Only the chosen engine is probed (probing every known one made a slow ssh:// engine time out).
    const found = await probeOne(id, current.engine.host);
    if (!found.reachable) throw new BerthError('EngineUnreachable', `${found.name} does not answer: ${found.error ?? 'unreachable'}`);
    const next = options.makeServices(hostOf(found), { tasks: current.tasks, sessions: current.sessions, settings: current.settings });
    const old = current;
    await old.close({ keepHost: true });
    current = next;
    table = handlers(current, switchTo);
    signalTable = signalHandlers(current);
    for (const sub of subs) {
      // Tasks, sessions and settings are handed on: their subscriptions stay (a new one would replay every session's output).
      if ((sub.topic === 'tasks' && next.tasks === old.tasks) || (sub.topic === 'sessions' && next.sessions === old.sessions) || (sub.topic === 'settings' && next.settings === old.settings)) continue;
      sub.off();
      sub.off = subscribeOn(next, sub.topic, sub.listener, sub.outlet);
    }
    const now = { ...found, inUse: true };
    options.onEngineChange?.(now);
    return now;
  };
  // One switch at a time: two at once would both close the same old services and leave one new set running.
  let switching: Promise<unknown> = Promise.resolve();
  const switchTo = (id: string): Promise<EngineCandidate> => {
    const next = switching.then(() => switchNow(id));
    switching = next.catch(() => undefined);
    return next;
  };

  table = handlers(current, switchTo);
  signalTable = signalHandlers(current);
  return {
    services: () => current,
    async call(method, args) {
      if (!isMethodName(method)) {
        return { ok: false, error: { name: 'UnknownMethod', message: `no such method: ${String(method)}` } };
      }
      const spec = methods[method];
      const parsed = spec.args.safeParse(args ?? {});
      if (!parsed.success) {
        return { ok: false, error: { name: 'ValidationError', message: `${method}: ${describeIssues(parsed.error)}` } };
      }
      try {
        const run = table[method] as (a: unknown) => Promise<unknown>;
        const result = spec.result.parse(await run(parsed.data));
        return { ok: true, result };
      } catch (err) {
        return errorEnvelope(err);
      }
    },
    signal(name, args) {
      if (!isSignalName(name)) return false;
      const parsed = signals[name].safeParse(args);
      if (!parsed.success) return false;
      try {
        (signalTable[name] as (a: unknown) => void)(parsed.data);
      } catch (err) {
        console.error(`berth: signal ${name} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
      return true;
    },
    subscribe(topic, listener, outlet) {
      if (!isTopicName(topic)) throw new BerthError('UnknownTopic', `no such topic: ${String(topic)}`);
      const sub = { topic, listener, outlet, off: subscribeOn(current, topic, listener, outlet) };
      subs.add(sub);
      return () => {
        sub.off();
        subs.delete(sub);
      };
    },
  };
}
