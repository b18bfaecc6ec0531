/**
 * The one contract between Berth's renderer and its Node side: every method with its argument and result
 * schema, and every event topic with its payload schema. Transports (Electron IPC, WebSocket serve mode)
 * and the preload are derived from these tables, so adding a method is one edit here plus its service.
 */
import { z } from 'zod';
import { ContainerSummary, EngineInfo, EngineStatus, ImageSummary, listDelta } from './model';
import { ContainerRef, ImageRef } from './refs';
import { ArchiveImage, FamilyNode, FileChangeKind, FileContent, FileInfo, ImageComparison, FileRow, LayerProgress, LayerReport, TreeQuery, TreeRow } from './layers';
import { AppCommand } from './app-commands';
import { AppNotification } from './notifications';
import { KubeYaml, PlayResult, PodRef, PodSummary } from './pods';
import { AbsolutePath, BuildOptions, FromHint, ImageDetails, PruneMode, PrunePreview, PruneResult } from './images';
import type { MethodName, SignalName, TopicName } from './names';
import { ImageReferenceText } from './reference';
import { RegistryCatalog, RegistryHost, RegistryLogin, RegistryRepositoryTags, RepositoryName } from './registry';
import { Task, TaskEvent } from './tasks';
import { SifSummary, SingularityDefinition } from './sif';
import { ComposeInfo, ComposeSpec, ProjectName } from './stacks';
import { ContainerDetails } from './containers';
import { RunSpec } from './run';
import { SessionArgs, SessionEvent, SessionInfo } from './sessions';
import { LogEvent, LogsFollowArgs, LogsSaveArgs, SavedLogResult } from './logs';
import { StatsEvent } from './stats';
import { BuildCachePreview, DiskUsageLine, NetworkSummary, ResourceArgs, VolumeListing, VolumeSummary } from './resources';
import { AddedEngine, EngineCandidate } from './engines';
import { CacheUsage, Settings, SettingsPatch } from './settings';
import { SwarmChange } from './swarm';
import { swarmMethods } from './swarm-api';

export * from './transport';
export { METHOD_NAMES, SIGNAL_NAMES, TOPIC_NAMES, isMethodName, isSignalName, isTopicName, type MethodName, type SignalName, type TopicName } from './names';

type MethodSpec = { args: z.ZodType; result: z.ZodType };

const none = z.object({}).strict();
/** A container method's argument: the container's ID or name. */
const byContainer = z.object({ id: ContainerRef }).strict();

/** Method name → `{ args, result }` schemas. Names are `feature.verb`. */
export const methods = {
  'engine.info': { args: none, result: EngineInfo },
  'containers.list': { args: none, result: z.array(ContainerSummary) },
  'containers.start': { args: byContainer, result: z.null() },
  /** `timeoutSeconds`: grace period before SIGKILL, as `docker stop -t` (engine default 10 s). */
  'containers.stop': {
    args: z.object({ id: ContainerRef, timeoutSeconds: z.number().int().min(0).max(3600).optional() }).strict(),
    result: z.null(),
  },
  'containers.restart': { args: byContainer, result: z.null() },
  'containers.pause': { args: byContainer, result: z.null() },
  'containers.unpause': { args: byContainer, result: z.null() },
  /** `signal`: as `docker kill -s`, default SIGKILL. */
  'containers.kill': {
    args: z.object({ id: ContainerRef, signal: z.string().regex(/^(SIG)?[A-Z0-9]+$|^[0-9]+$/).optional() }).strict(),
    result: z.null(),
  },
  /** Never removes anonymous volumes (`v=false`); `force` stops a running container first. */
  'containers.remove': { args: z.object({ id: ContainerRef, force: z.boolean() }).strict(), result: z.null() },
  /**
   * `docker run`: create and start. With `interactive` (-it) a terminal session is attached before start and
   * returned; with `attach` (neither -it nor -d) a read-only session of its stdout and stderr is; otherwise
   * the container runs detached. Never pulls (the client does, `pull`). A container that fails to start is
   * removed again.
   */
  'containers.run': { args: RunSpec, result: z.object({ id: z.string(), name: z.string(), session: SessionInfo.optional() }) },
  /** `docker container inspect`, readable, with the raw JSON. */
  'containers.inspect': { args: byContainer, result: ContainerDetails },
  /** `docker exec -it CONTAINER bash|sh` (or `command`) in a running container: a terminal session. */
  'sessions.exec': { args: SessionArgs.exec, result: SessionInfo },
  /** `docker attach` to a running container (TTY, or stdout/stderr and stdin when -i; read-only without), its recent output replayed first; one tab per container. */
  'sessions.attach': { args: SessionArgs.attach, result: SessionInfo },
  /** The host's login shell (node-pty) with DOCKER_HOST set to this engine. */
  'sessions.host': { args: SessionArgs.host, result: SessionInfo },
  /**
   * A slice of pasted text into a session's TTY, answered once the TTY stream has taken it (a long paste
   * goes at the TTY's pace). Typed keys are the one-way `sessions.keys` (see `signals`).
   */
  'sessions.input': { args: SessionArgs.input, result: z.null() },
  /** Detach from / hang up an open session, or forget an ended one. */
  'sessions.close': { args: SessionArgs.close, result: z.null() },
  /**
   * `docker logs [-f] [--tail N] [--since T]`: lines arrive on the `logs` topic under the returned `id`
   * (subscribe first). `tty`: the container has one stream, stdout and stderr cannot be told apart.
   */
  'logs.follow': { args: LogsFollowArgs, result: z.object({ id: z.uuid(), tty: z.boolean() }) },
  /** Stop following (the view closed). */
  'logs.stop': { args: z.object({ id: z.uuid() }).strict(), result: z.null() },
  /** The whole log to a file on the Node side's disk (stderr lines marked `[stderr] `). */
  'logs.save': { args: LogsSaveArgs, result: SavedLogResult },
  /** `docker volume ls`, with sizes (`/system/df`) and the containers mounting each. */
  'volumes.list': { args: none, result: z.array(VolumeSummary) },
  /** `docker volume create`; no name: the engine picks one. */
  'volumes.create': { args: ResourceArgs.volumeCreate, result: z.object({ name: z.string() }) },
  /** `docker volume rm [-f]`; a volume in use is refused (`Conflict`). */
  'volumes.remove': { args: ResourceArgs.volumeRemove, result: z.null() },
  /** The volumes a prune would remove (used by no container), before anything goes. */
  'volumes.prunePreview': { args: none, result: z.array(VolumeSummary) },
  /** Remove exactly the previewed volumes that are still unused. */
  /** A folder of a volume, read-only through a short-lived helper container (never started). */
  'volumes.browse': { args: ResourceArgs.volumeBrowse, result: VolumeListing },
  /** Save one file of a volume to `target` (on Berth's machine); `PATH.partial` renamed when complete. */
  'volumes.saveFile': { args: ResourceArgs.volumeSaveFile, result: z.object({ bytes: z.number() }) },
  'volumes.prune': { args: ResourceArgs.volumePrune, result: z.object({ removed: z.array(z.string()), skipped: z.array(z.string()), reclaimed: z.number() }) },
  /** `docker network ls`, inspected: subnets and attached containers. */
  'networks.list': { args: none, result: z.array(NetworkSummary) },
  'networks.create': { args: ResourceArgs.networkCreate, result: z.object({ id: z.string() }) },
  /** `docker network rm`; the engine's own networks are refused. */
  'networks.remove': { args: ResourceArgs.networkRemove, result: z.null() },
  'networks.connect': { args: ResourceArgs.networkConnect, result: z.null() },
  'networks.disconnect': { args: ResourceArgs.networkDisconnect, result: z.null() },
  /** `docker system df`: images, containers, volumes, build cache — size and reclaimable bytes. */
  'system.df': { args: none, result: z.array(DiskUsageLine) },
  /** Build-cache entries a prune would remove (not in use), largest first. */
  'system.buildCachePreview': { args: none, result: BuildCachePreview },
  /** Remove exactly these build-cache entries if still unused. @throws `Unsupported` on Podman. */
  'system.buildCachePrune': { args: ResourceArgs.buildCachePrune, result: z.object({ removed: z.array(z.string()), reclaimed: z.number() }) },
  ...swarmMethods,
  /**
   * The engines this machine knows (Docker contexts, DOCKER_HOST, default socket, Podman sockets, added by
   * hand), each probed (up to 3 s each, in parallel); with `probe: false` at once, each marked `probing`.
   */
  'engines.list': { args: z.object({ probe: z.boolean().optional() }).strict(), result: z.array(EngineCandidate) },
  /** Probe one listed engine (`/version`, 3 s). @throws `NotFound` for an id no longer listed. */
  'engines.probe': { args: z.object({ id: z.string().min(1).max(4096) }).strict(), result: EngineCandidate },
  /**
   * Use another engine: the current engine's sessions, log followers and task streams are closed, every
   * view resynchronises with the new engine, and the choice is remembered for the next start.
   */
  'engines.use': { args: z.object({ id: z.string().min(1).max(4096) }).strict(), result: EngineCandidate },
  /** Add an engine by hand (kept in Berth's state folder, `engines.json`); answers it probed. @throws `Conflict` for a name in use. */
  'engines.add': { args: AddedEngine, result: EngineCandidate },
  /** Forget an engine added by hand (`added:<name>`). @throws `Conflict` for the engine in use, `NotFound`. */
  'engines.remove': { args: z.object({ id: z.string().min(1).max(4096) }).strict(), result: z.null() },
  'images.list': { args: none, result: z.array(ImageSummary) },
  /**
   * `docker rmi [-f] ID|REFERENCE`. By reference it untags that one tag (deleting the image when it was its
   * last). `allTags` with an image ID removes the image with every tag, refused (`Conflict`, nothing
   * untagged) while a container uses it unless `force` (`docker rmi -f`).
   */
  'images.remove': {
    args: z.object({ id: ImageRef, force: z.boolean(), allTags: z.boolean().optional() }).strict(),
    result: z.array(z.object({ untagged: z.string().optional(), deleted: z.string().optional() })),
  },
  /** `docker pull`: starts a task (progress on `tasks`); credentials from the stored log-in for the registry. */
  'images.pull': { args: z.object({ reference: ImageReferenceText }).strict(), result: Task },
  /** `docker push` of a tagged local image: starts a task; always sends X-Registry-Auth. */
  'images.push': { args: z.object({ reference: ImageReferenceText }).strict(), result: Task },
  /** `docker tag SOURCE TARGET`: `source` an image ID or reference, `target` a new reference (no digest). */
  'images.tag': { args: z.object({ source: ImageRef, target: ImageReferenceText }).strict(), result: z.null() },
  /** `docker image inspect` + `docker history`, readable. */
  'images.inspect': { args: z.object({ id: ImageRef }).strict(), result: ImageDetails },
  /** What a prune would remove, with the space it frees, before anything is removed. */
  'images.prunePreview': { args: z.object({ mode: PruneMode }).strict(), result: PrunePreview },
  /** Remove exactly the previewed images (`ids`) that still qualify for `mode`; nothing else. */
  'images.prune': { args: z.object({ mode: PruneMode, ids: z.array(ImageRef).min(1).max(10_000) }).strict(), result: PruneResult },
  /** `docker save -o PATH IMAGE…`: starts a task writing the archive (refuses to overwrite unless `overwrite`). */
  'images.save': {
    args: z.object({ images: z.array(ImageRef).min(1).max(1000), path: AbsolutePath, overwrite: z.boolean().optional() }).strict(),
    result: Task,
  },
  /**
   * "Export as SIF…": the image as a Singularity/Apptainer SIF file at `path` (its layers flattened into a
   * squashfs partition, with apptainer's /.singularity.d metadata and a definition file); starts a task.
   */
  'images.exportSif': { args: z.object({ image: ImageRef, path: AbsolutePath, overwrite: z.boolean().optional() }).strict(), result: Task },
  /** "Copy as Singularity definition": `Bootstrap: docker` pinned by digest (or `docker-daemon`), from the image's config. */
  'images.singularityDefinition': { args: z.object({ image: ImageRef }).strict(), result: SingularityDefinition },
  /** Read a SIF file: its descriptors, definition, labels, environment and runscript. */
  'sif.open': { args: z.object({ path: AbsolutePath }).strict(), result: SifSummary },
  /**
   * The Files tree of a SIF: its root filesystem registered for the layer views (as one layer); answers
   * the subject the `layers.*` methods take.
   */
  'sif.files': { args: z.object({ path: AbsolutePath }).strict(), result: z.object({ subject: z.string() }) },
  /** A SIF's root filesystem imported into the engine as image `reference`, ENV and CMD restored; starts a task. */
  'sif.import': { args: z.object({ path: AbsolutePath, reference: ImageReferenceText }).strict(), result: Task },
  /** Which Compose Berth found on PATH for the engine in use, or what to install. */
  'stacks.compose': { args: z.object({}).strict(), result: ComposeInfo },
  /** `compose config`: the resolved configuration of compose files, before anything starts. */
  'stacks.config': { args: ComposeSpec, result: z.object({ yaml: z.string(), compose: z.string() }) },
  /** `compose config` of an existing project (files and working directory from its labels). */
  'stacks.projectConfig': { args: z.object({ project: ProjectName }).strict(), result: z.object({ yaml: z.string(), compose: z.string() }) },
  /** A stack's whole logs as one file in time order, lines prefixed `service-N | ` (`docker compose logs > PATH`). */
  'stacks.saveLogs': { args: z.object({ project: ProjectName, path: AbsolutePath, timestamps: z.boolean(), overwrite: z.boolean().optional() }).strict(), result: z.object({ lines: z.number(), bytes: z.number() }) },
  /** `compose up -d`: starts a task with Compose's output as its log. */
  'stacks.up': { args: ComposeSpec, result: Task },
  /** `compose down` of a project (containers and networks; its volumes only with `volumes`): starts a task. */
  'stacks.down': { args: z.object({ project: ProjectName, volumes: z.boolean() }).strict(), result: Task },
  /** "Pull and recreate": `compose pull` then `compose up -d` on an existing project: starts a task. */
  'stacks.recreate': { args: z.object({ project: ProjectName }).strict(), result: Task },
  /** `compose up -d --scale SERVICE=N`: starts a task. */
  'stacks.scale': { args: z.object({ project: ProjectName, service: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]{0,62}$/, 'a service name: letters, digits, ., _ and -, starting with a letter or digit'), replicas: z.number().int().min(0).max(100) }).strict(), result: Task },
  /** `docker load -i PATH`: starts a task. */
  'images.load': { args: z.object({ path: AbsolutePath }).strict(), result: Task },
  /** `docker build`: packs the context (honouring .dockerignore) and starts a task streaming the build log. */
  'images.build': { args: BuildOptions, result: Task },
  /** Reproducibility hints for the FROM lines of a build's Dockerfile. */
  'images.buildHints': { args: z.object({ context: AbsolutePath, dockerfile: z.string().max(4096).optional() }).strict(), result: z.array(FromHint) },
  'tasks.cancel': { args: z.object({ id: z.uuid() }).strict(), result: z.null() },
  /** Forget an ended task. */
  'tasks.dismiss': { args: z.object({ id: z.uuid() }).strict(), result: z.null() },
  /** `docker login`: checked by the engine, stored where the Docker CLI keeps credentials. The password never comes back. */
  'registry.login': {
    args: z.object({ registry: RegistryHost, username: z.string().min(1).max(512), password: z.string().min(1).max(65_536) }).strict(),
    result: z.object({ registry: z.string(), username: z.string(), status: z.string() }),
  },
  /** `docker logout`. */
  'registry.logout': { args: z.object({ registry: RegistryHost }).strict(), result: z.null() },
  /** Registries with a stored log-in. */
  'registry.list': { args: none, result: z.array(RegistryLogin) },
  /** Repositories and tags of a v2 registry (`/v2/_catalog`, `/v2/<name>/tags/list`). */
  'registry.catalog': { args: z.object({ registry: RegistryHost }).strict(), result: RegistryCatalog },
  /**
   * One repository's tags with their manifest digests (`/v2/<name>/tags/list`, then `HEAD
   * /v2/<name>/manifests/<tag>`): browsing by name where the registry refuses the catalog (Hub, GHCR, GitLab).
   */
  'registry.repository': { args: z.object({ registry: RegistryHost, repository: RepositoryName }).strict(), result: RegistryRepositoryTags },
  /**
   * A native file dialog on the machine Berth runs on (Electron only): `open` a file, `save` a file or
   * choose a `folder`. `path` is null when the person cancelled. Serve mode answers `Unsupported`: paths are typed.
   */
  'host.choosePath': {
    args: z.object({ kind: z.enum(['open', 'save', 'folder']), title: z.string().max(200), defaultPath: z.string().max(4096).optional() }).strict(),
    result: z.object({ path: z.string().nullable() }),
  },
  /** Analyse an image's layers (streams `docker save`; cached by image ID). Progress on `layers.progress`. */
  'layers.analyze': { args: z.object({ image: ImageRef }).strict(), result: LayerReport },
  /** One layer's change set (`changes`) or the image as of that layer (`image`). */
  'layers.files': {
    args: z.object({ image: ImageRef, layer: z.number().int().min(0).max(10_000), view: z.enum(['changes', 'image']) }).strict(),
    result: z.array(FileRow),
  },
  /** The children of directories (at most 256 at once) in one layer view: the Files tree, level by level. */
  'layers.tree': {
    args: TreeQuery.extend({ image: ImageRef, paths: z.array(z.string().max(4096)).min(1).max(256) }).strict(),
    result: z.record(z.string(), z.array(TreeRow)),
  },
  /** Paths matching a text and change kinds, with their ancestors, depth first (`level` set), at most `limit`. */
  'layers.search': {
    args: TreeQuery.extend({
      image: ImageRef,
      text: z.string().max(1024),
      kinds: z.array(FileChangeKind),
      limit: z.number().int().min(1).max(20_000),
    }).strict(),
    result: z.object({ rows: z.array(TreeRow), matches: z.number(), truncated: z.boolean() }),
  },
  'layers.cancel': { args: z.object({ image: ImageRef }).strict(), result: z.null() },
  /** Bytes and files in the layer blob cache folder (the `layers.cacheDir` setting, else the default one). */
  'layers.cacheUsage': { args: none, result: CacheUsage },
  /** Empty the layer blob cache. @throws `Conflict` while an analysis is writing to it. */
  'layers.clearCache': { args: none, result: z.null() },
  /** Berth's settings (shared/settings.ts). */
  'settings.get': { args: none, result: Settings },
  /** Change settings: a deep-partial patch (null removes an optional field); answers the new settings, also sent on the `settings` topic. */
  'settings.set': { args: SettingsPatch, result: Settings },
  /** Every local image with its base image (by shared layers): the image family tree. */
  'layers.family': { args: none, result: z.array(FamilyNode) },
  /**
   * Open an image archive on the Node side's disk (`docker save` output, OCI layout tar) for analysis;
   * the returned subject stands in for an image reference in the other `layers.*` methods; `image` picks one
   * of several images (`docker save a b` writes one archive with both).
   */
  'layers.openArchive': {
    args: z
      .object({
        path: z.string().min(1).max(4096).regex(/^\//, 'an absolute path'),
        /** Which of the archive's images (`images[].index`); the first when absent. */
        image: z.number().int().min(0).max(10_000).optional(),
      })
      .strict(),
    /** `images`: every image the archive holds, to choose from when there are several. */
    result: z.object({ subject: z.string(), images: z.array(ArchiveImage) }),
  },
  /** Two images compared: shared base layers, layers of their own, files that differ. */
  'layers.compare': { args: z.object({ first: ImageRef, second: ImageRef }).strict(), result: ImageComparison },
  /** A path's metadata (type, mode, owner, link target) as of a layer and the version below it, with what changed. */
  'layers.fileInfo': {
    args: z.object({ image: ImageRef, layer: z.number().int().min(0).max(10_000), path: z.string().min(1).max(4096) }).strict(),
    result: FileInfo,
  },
  /** A regular file as of a layer and its previous version (≤ 1 MB each), for preview and diff. */
  'layers.fileContent': {
    args: z.object({ image: ImageRef, layer: z.number().int().min(0).max(10_000), path: z.string().min(1).max(4096) }).strict(),
    result: FileContent,
  },
  /** Podman pods (`podman pod ps`), with their containers and published ports; `Unsupported` on Docker. */
  'pods.list': { args: z.object({}).strict(), result: z.array(PodSummary) },
  /** `podman pod start|stop|restart|pause|unpause`; `timeoutSeconds`: a stop's grace period before SIGKILL (`-t`, engine default 10 s). */
  'pods.act': {
    args: z.object({ pod: PodRef, action: z.enum(['start', 'stop', 'restart', 'pause', 'unpause']), timeoutSeconds: z.number().int().min(0).max(3600).optional() }).strict(),
    result: z.null(),
  },
  /** `podman pod rm` (`force`: stop its running containers first, as `-f`, with `timeoutSeconds` of grace). */
  'pods.remove': { args: z.object({ pod: PodRef, force: z.boolean().optional(), timeoutSeconds: z.number().int().min(0).max(3600).optional() }).strict(), result: z.null() },
  /** `podman kube play` of Kubernetes YAML text (Pod, Deployment…): the pods it made. */
  'pods.play': { args: z.object({ yaml: KubeYaml }).strict(), result: PlayResult },
  /** `podman kube generate` of pods or containers (by name or ID): the Kubernetes YAML. */
  'pods.generate': { args: z.object({ names: z.array(PodRef).min(1).max(100) }).strict(), result: z.object({ yaml: z.string() }) },
  /** `podman kube generate -f PATH`: the YAML written to `path` (through a partial file; an existing file only with `overwrite`). */
  'pods.saveYaml': { args: z.object({ names: z.array(PodRef).min(1).max(100), path: AbsolutePath, overwrite: z.boolean().optional() }).strict(), result: z.object({ bytes: z.number() }) },
} as const satisfies Record<MethodName, MethodSpec>;

/**
 * One-way messages, renderer → Node side: signal name → argument schema. Nothing is answered, so they cost
 * no round trip, no result and no timer on either side (Hyper and VS Code send keystrokes the same way).
 * They are validated like a call's arguments before any service sees them; one the contract refuses is
 * dropped (and closes a serve-mode WebSocket, as any malformed message does), never answered, never run.
 * A signal whose service fails (keys into a session that just ended) is dropped: the terminal says so
 * through the `sessions` topic.
 */
export const signals = {
  /** Typed keys (or a paste up to INPUT_CHUNK) into a session's TTY, in order with `sessions.input`. */
  'sessions.keys': SessionArgs.input,
  /** Resize a session's TTY (`POST /containers/{id}/resize`, `/exec/{id}/resize`, or the pty). */
  'sessions.resize': SessionArgs.resize,
  /** Flow control: output up to `rendered` is on screen (shared/sessions.ts). */
  'sessions.ack': SessionArgs.ack,
} as const satisfies Record<SignalName, z.ZodType>;

/** Event topic → payload schema. A subscriber first receives the current state (status or snapshot). */
export const topics = {
  'engine.status': EngineStatus,
  containers: listDelta(ContainerSummary),
  images: listDelta(ImageSummary),
  /** Volumes keyed by name, following `volume` events (and container create/destroy, for `usedBy`). */
  volumes: listDelta(VolumeSummary),
  /** Networks keyed by ID, following `network` events (and container changes, for attached containers). */
  networks: listDelta(NetworkSummary),
  'layers.progress': LayerProgress,
  tasks: TaskEvent,
  sessions: SessionEvent,
  logs: LogEvent,
  stats: StatsEvent,
  /** The desktop shell's menu commands for the page (Electron only; serve mode sends none). */
  'app.command': AppCommand,
  /** Tasks that ended and containers that died unexpectedly (shared/notifications.ts); nothing is replayed. */
  notifications: AppNotification,
  /** Berth's settings: the current ones on subscribe, then after every change (from any window). */
  settings: Settings,
  /**
   * The swarm's services, nodes, secrets and configs changed (the engine's events, shared/swarm.ts): fetch the
   * lists again. Nothing on subscribe; silent on Podman and on engines in no swarm.
   */
  'swarm.changes': SwarmChange,
} as const satisfies Record<TopicName, z.ZodType>;

export type MethodArgs<M extends MethodName> = z.input<(typeof methods)[M]['args']>;
export type SignalArgs<S extends SignalName> = z.input<(typeof signals)[S]>;
export type MethodResult<M extends MethodName> = z.infer<(typeof methods)[M]['result']>;
export type TopicPayload<T extends TopicName> = z.infer<(typeof topics)[T]>;
