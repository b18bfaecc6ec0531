/**
 * The contract's layer-inspection model: what an image holds, layer by layer. Sizes are bytes; times are
 * ISO 8601 strings as image configs carry them. Efficiency and wasted space follow dive's definitions
 * (wagoodman/dive, filetree/efficiency.go) so the numbers can be compared with dive's.
 */
import { z } from 'zod';

/** What a layer did to a path. `unchanged`: listed again with the same content and metadata. */
export const FileChangeKind = z.enum(['added', 'modified', 'removed', 'unchanged']);
export type FileChangeKind = z.infer<typeof FileChangeKind>;

export const FileType = z.enum(['file', 'dir', 'symlink', 'hardlink', 'char', 'block', 'fifo']);
export type FileType = z.infer<typeof FileType>;

/** One path in a layer's change set, or in the image as of a layer. */
export const FileRow = z.object({
  path: z.string(),
  kind: FileChangeKind,
  type: FileType,
  /** Bytes: the file's size; for a removed directory, everything that was below it. */
  size: z.number(),
  mode: z.number().optional(),
  uid: z.number().optional(),
  gid: z.number().optional(),
  linkname: z.string().optional(),
  /** Layer index that wrote this version (merged view). */
  layer: z.number().optional(),
  /** For `modified`: what differs from the version below (`content`, `mode`, `owner`, `type`, `target`). */
  changed: z.array(z.string()).optional(),
});
export type FileRow = z.infer<typeof FileRow>;

export const LayerSummary = z.object({
  index: z.number(),
  /** `sha256:` of the uncompressed layer tar, from the image config. */
  diffId: z.string().optional(),
  /** Digest of the stored blob (compressed, in OCI archives), when the manifest gives it. */
  digest: z.string().optional(),
  /** Content bytes: the sum of the regular files' sizes (dive's layer size). */
  size: z.number(),
  /** Bytes of the uncompressed layer tar. */
  tarBytes: z.number(),
  compression: z.enum(['gzip', 'zstd', 'none']),
  /** The build step that made the layer (`created_by` in the config's history). */
  createdBy: z.string(),
  created: z.string().optional(),
  comment: z.string().optional(),
  /** Paths in the layer's own tree (entries and the directories above them), as dive counts. */
  nodeCount: z.number(),
  added: z.number(),
  modified: z.number(),
  removed: z.number(),
  /** Bytes this layer ships that later layers remove or replace: still downloaded, never seen. */
  hiddenBytes: z.number(),
  /** Bytes of lower layers' files that this layer removes or replaces. */
  supersededBytes: z.number(),
});
export type LayerSummary = z.infer<typeof LayerSummary>;

/** A step of the image's history; empty layers (ENV, CMD, …) have no `layer`. */
export const HistoryStep = z.object({
  createdBy: z.string(),
  created: z.string().optional(),
  comment: z.string().optional(),
  emptyLayer: z.boolean(),
  layer: z.number().optional(),
});
export type HistoryStep = z.infer<typeof HistoryStep>;

/** A path present in more than one layer: all but its smallest version is wasted (dive's rule). */
export const InefficientFile = z.object({
  path: z.string(),
  count: z.number(),
  cumulativeBytes: z.number(),
  /** Layers that wrote or removed it. */
  layers: z.array(z.number()),
});
export type InefficientFile = z.infer<typeof InefficientFile>;

export const LayerReport = z.object({
  /** Image ID (`sha256:…`) when known. */
  imageId: z.string().optional(),
  repoTags: z.array(z.string()),
  os: z.string().optional(),
  architecture: z.string().optional(),
  layers: z.array(LayerSummary),
  history: z.array(HistoryStep),
  /** Σ layer sizes. */
  sizeBytes: z.number(),
  /** Σ sizes of every layer but the first (what the Dockerfile added on its base). */
  userSizeBytes: z.number(),
  /** Σ smallest size per path / Σ all sizes per path; 1 when there is nothing. */
  efficiency: z.number(),
  /** Σ cumulative bytes of paths present in more than one layer. */
  wastedBytes: z.number(),
  /** wastedBytes / userSizeBytes; null when there are no user bytes (dive: NaN). */
  wastedUserPercent: z.number().nullable(),
  /** Largest first, at most 100. */
  inefficientFiles: z.array(InefficientFile),
  /** Paths in the final image. */
  fileCount: z.number(),
  /** Archive bytes read. */
  archiveBytes: z.number(),
});
export type LayerReport = z.infer<typeof LayerReport>;

/** Progress of one analysis (topic `layers.progress`). */
export const LayerProgress = z.object({
  image: z.string(),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  /** Archive bytes read so far. */
  bytesRead: z.number(),
  /** Expected archive bytes (≈ image size), when known. */
  bytesTotal: z.number().optional(),
  error: z.string().optional(),
});
export type LayerProgress = z.infer<typeof LayerProgress>;

/** A node of the Files tree as the Node side serves it, one directory level at a time. */
export const TreeRow = FileRow.extend({
  name: z.string(),
  /** Bytes of this node and everything below it. */
  bytes: z.number(),
  /** Children in this view (0 for files). */
  childCount: z.number(),
  /** This node or one below it was added, modified or removed. */
  hasChanges: z.boolean(),
  /** Depth below the root (1 for top-level entries); set in search results. */
  level: z.number().optional(),
});
export type TreeRow = z.infer<typeof TreeRow>;

/** Which files of a layer, and how ordered. */
export const TreeQuery = z.object({
  layer: z.number().int().min(0).max(10_000),
  /** `changes`: what the layer changed; `image`: the whole image as of the layer. */
  view: z.enum(['changes', 'image']),
  sort: z.enum(['name', 'size']),
  /** Leave out subtrees in which nothing changed. */
  hideUnchanged: z.boolean(),
});
export type TreeQuery = z.infer<typeof TreeQuery>;

/** One image in the family tree (images arranged by shared layers). */
export const FamilyNode = z.object({
  id: z.string(),
  repoTags: z.array(z.string()),
  layerCount: z.number(),
  /** Bytes (the engine's image size). */
  size: z.number(),
  /** Bytes this image shares with other local images, as the engine counts them (`docker system df -v`). */
  sharedSize: z.number().optional(),
  /** The base image: the image whose layers are the longest proper prefix of this one's. */
  parent: z.string().optional(),
  /** Layers shared with the parent (= the parent's layer count); 0 without a parent. */
  sharedLayers: z.number(),
  /** Other images with exactly the same layers (e.g. differing only in configuration). */
  sameLayersAs: z.array(z.string()),
});
export type FamilyNode = z.infer<typeof FamilyNode>;

/** One version of a file, for preview: text when it is UTF-8 text, at most `PREVIEW_LIMIT` bytes. */
export const FileVersion = z.object({
  /** The layer that wrote this version. */
  layer: z.number(),
  /** Bytes of the whole file. */
  size: z.number(),
  /** Not UTF-8 text (or contains NUL bytes): no text is sent. */
  binary: z.boolean(),
  /** Only the first PREVIEW_LIMIT bytes are in `text`. */
  truncated: z.boolean(),
  text: z.string().optional(),
});
export type FileVersion = z.infer<typeof FileVersion>;

/** A file as of a layer, and the version below it, for preview and diff. */
export const FileContent = z.object({
  path: z.string(),
  /** Absent when the path is not a regular file as of that layer (removed, a directory, …). */
  current: FileVersion.optional(),
  previous: FileVersion.optional(),
});
export type FileContent = z.infer<typeof FileContent>;

/** One version of a path: its metadata as the layer that wrote it lists it (no content). */
export const FileMeta = z.object({
  /** The layer that wrote this version. */
  layer: z.number(),
  type: FileType,
  /** Bytes (0 for anything but a regular file). */
  size: z.number(),
  /** Permission, set-ID and sticky bits (`mode & 0o7777`). */
  mode: z.number(),
  uid: z.number(),
  gid: z.number(),
  /** Symlink target as written, or the absolute path a hard link points to. */
  linkname: z.string().optional(),
});
export type FileMeta = z.infer<typeof FileMeta>;

/** A path's metadata as of a layer and the version below it, with what differs (read from the analysis, not the archive). */
export const FileInfo = z.object({
  path: z.string(),
  /** Absent when nothing is at the path as of that layer (removed, or a directory only implied by its children). */
  current: FileMeta.optional(),
  previous: FileMeta.optional(),
  /** When both exist: `type`, `content`, `mode`, `owner`, `target` (empty: listed again, unchanged). */
  changed: z.array(z.string()).optional(),
});
export type FileInfo = z.infer<typeof FileInfo>;

/** One image of an image archive (`docker save a b c` holds several), as listed before analysis. */
export const ArchiveImage = z.object({
  /** Position in the archive's manifest.json (or index.json): what `layers.openArchive` takes as `image`. */
  index: z.number(),
  repoTags: z.array(z.string()),
  /** Image ID (`sha256:` of the config), when the archive tells. */
  id: z.string().optional(),
  layers: z.number(),
  /** Bytes of the image's layer members as stored in the archive (compressed where they are). */
  size: z.number(),
});
export type ArchiveImage = z.infer<typeof ArchiveImage>;

/** Largest preview, bytes (1 MB). */
export const PREVIEW_LIMIT = 1_000_000;

/** One path that differs between two images' final file systems. */
export const FileDifference = z.object({
  path: z.string(),
  /** `onlyFirst`/`onlySecond`: present in one image only; `differs`: content, type, mode, owner or target differ. */
  kind: z.enum(['onlyFirst', 'onlySecond', 'differs']),
  type: FileType,
  sizeFirst: z.number().optional(),
  sizeSecond: z.number().optional(),
  /** For `differs`: what (`content`, `type`, `mode`, `owner`, `target`). */
  changed: z.array(z.string()).optional(),
});
export type FileDifference = z.infer<typeof FileDifference>;

/** Two images compared by layers (diff IDs) and by their final files. */
export const ImageComparison = z.object({
  first: z.object({ image: z.string(), layers: z.number(), size: z.number() }),
  second: z.object({ image: z.string(), layers: z.number(), size: z.number() }),
  /** Layers both images start with (a shared base), and their content bytes. */
  commonLayers: z.number(),
  commonBytes: z.number(),
  /** Layers after the shared base, per image: index, diff ID, size, command. */
  onlyFirst: z.array(z.object({ index: z.number(), diffId: z.string().optional(), size: z.number(), createdBy: z.string() })),
  onlySecond: z.array(z.object({ index: z.number(), diffId: z.string().optional(), size: z.number(), createdBy: z.string() })),
  /** Differing paths (files, links, …; directories only when their own metadata differs), at most 5,000. */
  files: z.array(FileDifference),
  filesTotal: z.number(),
});
export type ImageComparison = z.infer<typeof ImageComparison>;
