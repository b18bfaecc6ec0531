/**
 * What one layer tar holds, entry by entry, as Berth's analysis needs it: no file content is kept, only
 * each file's size, xxHash64 content hash (content-hash.ts) and where its bytes sit in the uncompressed layer tar. Paths are normalised to absolute form (`/etc/passwd`).
 * Whiteouts follow the OCI image spec ("Whiteouts" in image-spec layer.md): `.wh.<name>` removes
 * `<name>` from lower layers; `.wh..wh..opq` makes its directory opaque (hides everything below it
 * that lower layers put there).
 */

/** Kinds of layer entry. `whiteout` and `opaque` are markers, not files. */
export type EntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'char' | 'block' | 'fifo' | 'whiteout' | 'opaque';

export interface LayerEntry {
  /** Absolute path. For `whiteout`, the path it removes; for `opaque`, the directory made opaque. */
  path: string;
  type: EntryType;
  /** Content bytes (regular files; 0 for everything else, as in the tar header). */
  size: number;
  /** Permission bits and set-id/sticky bits (`mode & 0o7777`). */
  mode: number;
  uid: number;
  gid: number;
  /** Target of a symlink or hardlink (hardlink targets normalised to absolute paths). */
  linkname?: string;
  /** xxHash64 of a regular file's content, 16 hex digits (content-hash.ts): for change detection only. */
  hash?: string;
  /** Regular files: byte offset of the content in the uncompressed layer tar (tar-stream's `byteOffset`), to read it from a kept blob (blob-cache.ts). */
  offset?: number;
}

/** One layer as read from its tar. */
export interface LayerContent {
  entries: LayerEntry[];
  /** Bytes of the uncompressed layer tar. */
  tarBytes: number;
  /** `gzip`, `zstd` or `none`: how the layer was stored in the archive. */
  compression: 'gzip' | 'zstd' | 'none';
}

const WHITEOUT = '.wh.';
const OPAQUE = '.wh..wh..opq';

/**
 * Normalise a tar entry name to an absolute path: strips `./`, leading and trailing slashes, resolves `.`
 * and `..` segments (never above the root). The root itself is `/`.
 */
export function normalizePath(name: string): string {
  const out: string[] = [];
  for (const seg of name.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return `/${out.join('/')}`;
}

/** The parent directory of an absolute path (`/` for top-level names). */
export function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** The last segment of a path. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Map a tar header type (tar-stream's names) to an EntryType; whiteout names are recognised here. */
export function classify(name: string, tarType: string | null | undefined): { path: string; type: EntryType } {
  const path = normalizePath(name);
  const base = baseName(path);
  if (base === OPAQUE) return { path: parentOf(path), type: 'opaque' };
  if (base.startsWith(WHITEOUT)) {
    const dir = parentOf(path);
    return { path: `${dir === '/' ? '' : dir}/${base.slice(WHITEOUT.length)}`, type: 'whiteout' };
  }
  switch (tarType) {
    case 'directory':
      return { path, type: 'dir' };
    case 'symlink':
      return { path, type: 'symlink' };
    case 'link':
      return { path, type: 'hardlink' };
    case 'character-device':
      return { path, type: 'char' };
    case 'block-device':
      return { path, type: 'block' };
    case 'fifo':
      return { path, type: 'fifo' };
    default:
      return { path, type: 'file' };
  }
}
