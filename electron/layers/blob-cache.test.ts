import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BlobCache, blobCacheBound, DEFAULT_BLOB_CACHE_BYTES } from './blob-cache';
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

describe('blob cache folder (the layers.cacheDir setting)', () => {
  it('counts and clears only its own files, and evicts none of a chosen folder’s other files', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-blobs-'));
    try {
      const cache = new BlobCache(undefined, 1, dir);
      fs.writeFileSync(path.join(dir, `${'cd'.repeat(32)}.tar`), Buffer.alloc(10));
      fs.writeFileSync(path.join(dir, '.incoming.0123456789ab.partial'), Buffer.alloc(5));
      fs.writeFileSync(path.join(dir, 'backup.tar'), Buffer.alloc(100));
      fs.writeFileSync(path.join(dir, 'notes.partial'), 'mine');
      expect(await cache.usage()).toEqual({ dir, bytes: 15, files: 2 });
      await cache.evict(); // over the bound of 1 byte: only Berth's blob may go
      expect(fs.readdirSync(dir).sort()).toEqual(['.incoming.0123456789ab.partial', 'backup.tar', 'notes.partial']);
      await cache.clear();
      expect(await cache.usage()).toEqual({ dir, bytes: 0, files: 0 });
      expect(fs.readdirSync(dir).sort()).toEqual(['backup.tar', 'notes.partial']);
      const other = path.join(dir, 'other');
      cache.useDir(other);
      expect(cache.dir).toBe(other);
      expect(await cache.usage()).toEqual({ dir: other, bytes: 0, files: 0 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('counts, clears and evicts regular files only: a folder or a link named like a blob stays, and Clear goes on past it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-blobs-'));
    try {
      const cache = new BlobCache(undefined, 1, dir);
      const folder = path.join(dir, `${'ab'.repeat(32)}.tar`);
      fs.mkdirSync(folder);
      fs.writeFileSync(path.join(folder, 'inside'), 'mine');
      fs.writeFileSync(path.join(dir, 'notes.txt'), 'mine, and linked');
      fs.symlinkSync(path.join(dir, 'notes.txt'), path.join(dir, `${'ef'.repeat(32)}.tar`));
      fs.writeFileSync(path.join(dir, `${'cd'.repeat(32)}.tar`), Buffer.alloc(10));
      expect(await cache.usage()).toEqual({ dir, bytes: 10, files: 1 });
      await cache.evict(); // over the bound of 1 byte
      expect(fs.readdirSync(dir).sort()).toEqual([`${'ab'.repeat(32)}.tar`, `${'ef'.repeat(32)}.tar`, 'notes.txt']);
      fs.writeFileSync(path.join(dir, `${'cd'.repeat(32)}.tar`), Buffer.alloc(10));
      await cache.clear(); // an EISDIR on the folder had stopped Clear half way
      expect(fs.readdirSync(dir).sort()).toEqual([`${'ab'.repeat(32)}.tar`, `${'ef'.repeat(32)}.tar`, 'notes.txt']);
      expect(fs.readFileSync(path.join(folder, 'inside'), 'utf8')).toBe('mine');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
