/**
 * The one contract between Berth's renderer and its Node side: every method with its argument and result
 * schema, and every event topic with its payload schema. Transports (Electron IPC, WebSocket serve mode)
 * and the preload are derived from these tables, so adding a method is one edit here plus its service.
 */
import { z } from 'zod';
import { ContainerSummary, EngineInfo, EngineStatus, ImageSummary, ObjectRef, listDelta } from './model';
import { FamilyNode, FileChangeKind, FileContent, ImageComparison, FileRow, LayerProgress, LayerReport, TreeQuery, TreeRow } from './layers';
import type { MethodName, TopicName } from './names';

export { METHOD_NAMES, TOPIC_NAMES, isMethodName, isTopicName, type MethodName, type TopicName } from './names';

type MethodSpec = { args: z.ZodType; result: z.ZodType };

const none = z.object({}).strict();
const byId = z.object({ id: ObjectRef }).strict();

/** Method name → `{ args, result }` schemas. Names are `feature.verb`. */
export const methods = {
  'engine.info': { args: none, result: EngineInfo },
  'containers.list': { args: none, result: z.array(ContainerSummary) },
  'containers.start': { args: byId, result: z.null() },
  /** `timeoutSeconds`: grace period before SIGKILL, as `docker stop -t` (engine default 10 s). */
  'containers.stop': {
    args: z.object({ id: ObjectRef, timeoutSeconds: z.number().int().min(0).max(3600).optional() }).strict(),
    result: z.null(),
  },
  'containers.restart': { args: byId, result: z.null() },
  'containers.pause': { args: byId, result: z.null() },
  'containers.unpause': { args: byId, result: z.null() },
  /** `signal`: as `docker kill -s`, default SIGKILL. */
  'containers.kill': {
    args: z.object({ id: ObjectRef, signal: z.string().regex(/^(SIG)?[A-Z0-9]+$|^[0-9]+$/).optional() }).strict(),
    result: z.null(),
  },
  /** Never removes anonymous volumes (`v=false`); `force` stops a running container first. */
  'containers.remove': { args: z.object({ id: ObjectRef, force: z.boolean() }).strict(), result: z.null() },
  'images.list': { args: none, result: z.array(ImageSummary) },
  /** `force` as `docker rmi -f`: untags an image referenced by several repositories or used by stopped containers. */
  'images.remove': {
    args: z.object({ id: ObjectRef, force: z.boolean() }).strict(),
    result: z.array(z.object({ untagged: z.string().optional(), deleted: z.string().optional() })),
  },
  /** Analyse an image's layers (streams `docker save`; cached by image ID). Progress on `layers.progress`. */
  'layers.analyze': { args: z.object({ image: ObjectRef }).strict(), result: LayerReport },
  /** One layer's change set (`changes`) or the image as of that layer (`image`). */
  'layers.files': {
    args: z.object({ image: ObjectRef, layer: z.number().int().min(0).max(10_000), view: z.enum(['changes', 'image']) }).strict(),
    result: z.array(FileRow),
  },
  /** The children of directories (at most 256 at once) in one layer view: the Files tree, level by level. */
  'layers.tree': {
    args: TreeQuery.extend({ image: ObjectRef, paths: z.array(z.string().max(4096)).min(1).max(256) }).strict(),
    result: z.record(z.string(), z.array(TreeRow)),
  },
  /** Paths matching a text and change kinds, with their ancestors, depth first (`level` set), at most `limit`. */
  'layers.search': {
    args: TreeQuery.extend({
      image: ObjectRef,
      text: z.string().max(1024),
      kinds: z.array(FileChangeKind),
      limit: z.number().int().min(1).max(20_000),
    }).strict(),
    result: z.object({ rows: z.array(TreeRow), matches: z.number(), truncated: z.boolean() }),
  },
  'layers.cancel': { args: z.object({ image: ObjectRef }).strict(), result: z.null() },
  /** Every local image with its base image (by shared layers): the image family tree. */
  'layers.family': { args: none, result: z.array(FamilyNode) },
  /**
   * Open an image archive on the Node side's disk (`docker save` output, OCI layout tar) for analysis;
   * the returned subject stands in for an image reference in the other `layers.*` methods.
   */
  'layers.openArchive': {
    args: z.object({ path: z.string().min(1).max(4096).regex(/^\//, 'an absolute path') }).strict(),
    result: z.object({ subject: z.string() }),
  },
  /** Two images compared: shared base layers, layers of their own, files that differ. */
  'layers.compare': { args: z.object({ first: ObjectRef, second: ObjectRef }).strict(), result: ImageComparison },
  /** A regular file as of a layer and its previous version (≤ 1 MB each), for preview and diff. */
  'layers.fileContent': {
    args: z.object({ image: ObjectRef, layer: z.number().int().min(0).max(10_000), path: z.string().min(1).max(4096) }).strict(),
    result: FileContent,
  },
} as const satisfies Record<MethodName, MethodSpec>;

/** Event topic → payload schema. A subscriber first receives the current state (status or snapshot). */
export const topics = {
  'engine.status': EngineStatus,
  containers: listDelta(ContainerSummary),
  images: listDelta(ImageSummary),
  'layers.progress': LayerProgress,
} as const satisfies Record<TopicName, z.ZodType>;

export type MethodArgs<M extends MethodName> = z.input<(typeof methods)[M]['args']>;
export type MethodResult<M extends MethodName> = z.infer<(typeof methods)[M]['result']>;
export type TopicPayload<T extends TopicName> = z.infer<(typeof topics)[T]>;

/**
 * The outcome of a call as it crosses a transport: a result, or an error whose `name` and `message`
 * survive the trip. `name` is one of: `ValidationError` (bad arguments, nothing was sent to the engine),
 * `NotFound`, `Conflict` (e.g. removing a running container), `EngineUnreachable`, `EngineError`,
 * `UnknownMethod`, `Unauthorized`.
 */
export type Envelope<T = unknown> = { ok: true; result: T } | { ok: false; error: { name: string; message: string } };

/** Messages on the serve-mode WebSocket, client → server. */
export const ClientMessage = z.discriminatedUnion('t', [
  z.object({ t: z.literal('call'), id: z.number().int(), method: z.string(), args: z.unknown() }),
  z.object({ t: z.literal('sub'), topic: z.string() }),
  z.object({ t: z.literal('unsub'), topic: z.string() }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

/** Messages on the serve-mode WebSocket, server → client. */
export type ServerMessage =
  | { t: 'result'; id: number; envelope: Envelope }
  | { t: 'event'; topic: TopicName; payload: unknown };

/**
 * The surface the preload exposes as `window.berth` in Electron: `invoke` passes only the contract's method
 * names (anything else is answered `UnknownMethod` without reaching the main process), `subscribe` only its topics.
 */
export type BerthBridge = {
  invoke(method: MethodName, args: unknown): Promise<Envelope>;
  subscribe(topic: TopicName, listener: (payload: unknown) => void): () => void;
};
