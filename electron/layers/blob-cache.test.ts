import { describe, expect, it } from 'vitest';
import { blobCacheBound, DEFAULT_BLOB_CACHE_BYTES } from './blob-cache';
import { contentHash } from './content-hash';

describe('blob cache bound', () => {
  it('reads BERTH_LAYER_BLOB_CACHE_BYTES as bytes, 0 turning the cache off; anything else means the default', () => {
    expect(blobCacheBound({})).toBe(DEFAULT_BLOB_CACHE_BYTES);
    expect(DEFAULT_BLOB_CACHE_BYTES).toBe(2 * 2 ** 30);
    expect(blobCacheBound({ BERTH_LAYER_BLOB_CACHE_BYTES: '1048576' })).toBe(1048576);
    expect(blobCacheBound({ BERTH_LAYER_BLOB_CACHE_BYTES: '0' })).toBe(0);
    for (const bad of ['', '-1', 'lots', 'Infinity']) expect(blobCacheBound({ BERTH_LAYER_BLOB_CACHE_BYTES: bad })).toBe(DEFAULT_BLOB_CACHE_BYTES);
  });
});

describe('content hash', () => {
  it('is xxHash64 with seed 0 as 16 hex digits (reference vectors of the xxHash project)', async () => {
    expect(await contentHash(new Uint8Array(0))).toBe('ef46db3751d8e999');
    expect(await contentHash(Buffer.from('a'))).toBe('d24ec4f1a98c6e5b');
    expect(await contentHash(Buffer.from('abc'))).toBe('44bc2cf5ad770999');
  });
});
