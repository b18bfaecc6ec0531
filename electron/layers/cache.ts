/**
 * On-disk cache of layer analyses, by image ID, versioned: `<cacheDir>/layers/v1/<hex>.report.json` (the
 * summary, read on reopen) and `<hex>.files.json.gz` (change sets and entries, read when a file tree is
 * asked for). An image ID is the digest of its config, so an entry never goes stale; a new format gets
 * a new version folder.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { LayerReport } from '../../shared/layers';
import type { Analysis } from './analyze';

const gzip = promisify(zlib.gzip);
const gunzip = promisify(zlib.gunzip);
export const CACHE_VERSION = 'v1';

/** `$BERTH_CACHE_DIR`, else `$XDG_CACHE_HOME/berth`, else `~/.cache/berth`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.BERTH_CACHE_DIR) return env.BERTH_CACHE_DIR;
  return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'berth');
}

export class AnalysisCache {
  private readonly dir: string;
  constructor(root: string = defaultCacheDir()) {
    this.dir = path.join(root, 'layers', CACHE_VERSION);
  }

  private file(imageId: string, kind: 'report.json' | 'files.json.gz'): string {
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
    try {
      const body = JSON.parse((await gunzip(await fs.readFile(this.file(imageId, 'files.json.gz')))).toString('utf8')) as Omit<Analysis, 'report'>;
      return { report, ...body };
    } catch {
      return undefined;
    }
  }

  /** Store an analysis (files first, so a report on disk always has its files). Failures are not fatal. */
  async store(imageId: string, a: Analysis): Promise<void> {
    try {
      await fs.mkdir(this.dir, { recursive: true });
      const files = await gzip(Buffer.from(JSON.stringify({ changes: a.changes, entries: a.entries })));
      await fs.writeFile(this.file(imageId, 'files.json.gz'), files);
      await fs.writeFile(this.file(imageId, 'report.json'), JSON.stringify(a.report));
    } catch {
      // A read-only or full disk costs only the next open's speed.
    }
  }
}
