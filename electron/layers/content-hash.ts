/**
 * The content hash of layer files, for change detection only (is this file's content the one below?):
 * xxHash64 (seed 0) as 16 hex digits, as dive compares files (wagoodman/dive, filetree/file_info.go uses
 * cespare/xxhash). Not cryptographic: it says "same or different", never "authentic"; blob keys stay
 * SHA-256 diff IDs (blob-cache.ts). The implementation is xxhash-wasm (a WebAssembly build of the
 * reference C code, embedded in the package: nothing is downloaded or compiled on install); each update
 * hashes one chunk in microseconds, so the event loop is never held for long.
 */
import xxhash, { type XXHashAPI } from 'xxhash-wasm';

let api: Promise<XXHashAPI> | undefined;

/** An incremental hasher: feed chunks, then read the hex digest once. */
export interface ContentHasher {
  update(chunk: Uint8Array): void;
  /** 16 lowercase hex digits. */
  hex(): string;
}

/** A factory of hashers, once the WebAssembly module is instantiated (first call only waits). */
export async function contentHashers(): Promise<() => ContentHasher> {
  const { create64 } = await (api ??= xxhash());
  return () => {
    const h = create64();
    return {
      update: (chunk) => void h.update(chunk),
      hex: () => h.digest().toString(16).padStart(16, '0'),
    };
  };
}

/** The content hash of a whole buffer. */
export async function contentHash(data: Uint8Array): Promise<string> {
  const h = (await contentHashers())();
  h.update(data);
  return h.hex();
}
