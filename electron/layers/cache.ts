/**
 * On-disk cache of layer analyses, by image ID, versioned: `<cacheDir>/layers/v5/<hex>.report.json` (the
 * summary, read on reopen) and `<hex>.files.ndjson.gz` (change sets and entries, one JSON line per row,
 * written and read as streams so a 200,000-file image never becomes one giant string). An image ID is
 * the digest of its config, so an entry never goes stale; a new format gets a new version folder, and
 * the folders of older versions are removed at the first store (never read: v4 and before hashed file
 * contents with SHA-256, v5 with xxHash64 and keeps each file's offset in its layer tar).
 */
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import type { FileRow, LayerReport } from '../../shared/layers';
import type { Analysis, LayerChanges } from './analyze';
import type { LayerEntry } from './entries';
import { writeViaPartial } from '../files/partial';

export const CACHE_VERSION = 'v5';

/** `$BERTH_CACHE_DIR`, else `$XDG_CACHE_HOME/berth`, else `~/.cache/berth`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.BERTH_CACHE_DIR) return env.BERTH_CACHE_DIR;
  return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'berth');
}

/**
 * Lines of the files stream: `["k", layer, kinds (base64), changed, removed, member]` once per layer, then
 * `["e", layer, entry]` for every entry.
 */
type Line = ['k', number, string, LayerChanges['changed'], FileRow[], string] | ['e', number, LayerEntry];

function* lines(a: Analysis): Generator<string> {
  for (const [i, c] of a.changes.entries()) yield `${JSON.stringify(['k', i, Buffer.from(c.kinds).toString('base64'), c.changed, c.removed, a.members[i]])}\n`;
  for (const [i, entries] of a.entries.entries()) for (const e of entries) yield `${JSON.stringify(['e', i, e])}\n`;
}

/** Join lines into chunks of about 64 KiB: gzip handles each chunk as one thread-pool job, so a line per chunk cost seconds for 10,000 files. */
function* batched(texts: Iterable<string>, size = 64 << 10): Generator<string> {
  let parts: string[] = [];
  let have = 0;
  for (const t of texts) {
    parts.push(t);
    have += t.length;
    if (have >= size) {
      yield parts.join('');
      parts = [];
      have = 0;
    }
  }
  if (parts.length) yield parts.join('');
}

export class AnalysisCache {
  private readonly dir: string;
  private pruned = false;
  /** @param root the cache folder (`defaultCacheDir()`); the blob cache lives next to it (blob-cache.ts). */
  constructor(readonly root: string = defaultCacheDir()) {
    this.dir = path.join(root, 'layers', CACHE_VERSION);
  }

  /** Remove the folders of older cache versions (`layers/v<N>` other than this one). */
  private async pruneOldVersions(): Promise<void> {
    if (this.pruned) return;
    this.pruned = true;
    const parent = path.dirname(this.dir);
    for (const name of await fs.readdir(parent).catch(() => [] as string[])) {
      if (/^v\d+$/.test(name) && name !== CACHE_VERSION) await fs.rm(path.join(parent, name), { recursive: true, force: true });
    }
  }

  private file(imageId: string, kind: 'report.json' | 'files.ndjson.gz'): string {
    const hex = imageId.replace(/^sha256:/, '');
    if (!/^[a-f0-9]{64}$/.test(hex)) throw new Error(`not an image ID: ${imageId}`);
    return path.join(this.dir, `${hex}.${kind}`);
  }

  /** The cached summary, or undefined. */
  async report(imageId: string): Promise<LayerReport | undefined> {
    try {
      return JSON.parse(await fs.readFile(this.file(imageId, 'report.json'), 'utf8')) as LayerReport;
    } catch {
      return undefined;
    }
  }

  /** The cached full analysis, or undefined. */
  async analysis(imageId: string): Promise<Analysis | undefined> {
    const report = await this.report(imageId);
    if (!report) return undefined;
    const n = report.layers.length;
    const changes: LayerChanges[] = Array.from({ length: n }, () => ({ kinds: new Uint8Array(0), changed: {}, removed: [] }));
    const entries: LayerEntry[][] = Array.from({ length: n }, () => []);
    const members: string[] = Array.from({ length: n }, () => '');
    try {
      const input = createReadStream(this.file(imageId, 'files.ndjson.gz')).pipe(zlib.createGunzip());
      for await (const text of readline.createInterface({ input, crlfDelay: Infinity })) {
        const line = JSON.parse(text) as Line;
        if (line[0] === 'k') {
          changes[line[1]] = { kinds: new Uint8Array(Buffer.from(line[2], 'base64')), changed: line[3], removed: line[4] };
          members[line[1]] = line[5];
        }
        else entries[line[1]].push(line[2]);
      }
      return { report, changes, entries, members };
    } catch {
      return undefined;
    }
  }

  /** Store an analysis (files first, so a report on disk always has its files). Failures are not fatal. */
  async store(imageId: string, a: Analysis): Promise<void> {
    try {
      await fs.mkdir(this.dir, { recursive: true });
      await this.pruneOldVersions();
      await writeViaPartial(this.file(imageId, 'files.ndjson.gz'), (out) => pipeline(Readable.from(batched(lines(a))), zlib.createGzip({ level: 1 }), out));
      await fs.writeFile(this.file(imageId, 'report.json'), JSON.stringify(a.report));
    } catch {
      // A read-only or full disk costs only the next open's speed.
    }
  }
}
