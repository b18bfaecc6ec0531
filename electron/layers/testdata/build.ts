/**
 * Builds small image archives in memory for tests: each layer a list of entries, packed with tar-stream
 * into the classic `docker save` layout (manifest.json, config, `<n>/layer.tar`). Layers can be gzip'd.
 */
import zlib from 'node:zlib';
import tar, { type Header } from 'tar-stream';

type TarHeaders = Partial<Header> & { name: string };

export type Spec =
  | { file: string; content?: string; mode?: number; uid?: number; pax?: Record<string, string> }
  | { dir: string; mode?: number }
  | { symlink: string; to: string }
  | { hardlink: string; to: string }
  | { whiteout: string }
  | { opaque: string };

async function pack(entries: { header: TarHeaders; body?: Buffer }[]): Promise<Buffer> {
  const p = tar.pack();
  const chunks: Buffer[] = [];
  p.on('data', (c) => chunks.push(c as Buffer));
  const done = new Promise<void>((r) => p.on('end', () => r()));
  for (const { header, body } of entries) {
    await new Promise<void>((resolve, reject) => p.entry(header, body ?? Buffer.alloc(0), (err) => (err ? reject(err) : resolve())));
  }
  p.finalize();
  await done;
  return Buffer.concat(chunks);
}

function layerEntries(specs: Spec[]): { header: TarHeaders; body?: Buffer }[] {
  return specs.map((s) => {
    if ('file' in s) {
      const body = Buffer.from(s.content ?? '');
      return { header: { name: s.file, type: 'file', mode: s.mode ?? 0o644, uid: s.uid ?? 0, size: body.length, ...(s.pax ? { pax: s.pax } : {}) }, body };
    }
    if ('dir' in s) return { header: { name: `${s.dir}/`, type: 'directory', mode: s.mode ?? 0o755 } };
    if ('symlink' in s) return { header: { name: s.symlink, type: 'symlink', linkname: s.to } };
    if ('hardlink' in s) return { header: { name: s.hardlink, type: 'link', linkname: s.to } };
    if ('whiteout' in s) {
      const i = s.whiteout.lastIndexOf('/');
      return { header: { name: `${s.whiteout.slice(0, i + 1)}.wh.${s.whiteout.slice(i + 1)}`, type: 'file', size: 0 }, body: Buffer.alloc(0) };
    }
    return { header: { name: `${s.opaque}/.wh..wh..opq`, type: 'file', size: 0 }, body: Buffer.alloc(0) };
  });
}

/**
 * A `docker save`-style archive of the given layers (bottom first), with one history step each. `diffIds`
 * and `manifest` replace the config's diff IDs and the whole manifest.json (for broken archives).
 */
export async function buildArchive(layers: Spec[][], opts: { gzip?: boolean; tag?: string; diffIds?: string[]; manifest?: unknown } = {}): Promise<Buffer> {
  const members: { header: TarHeaders; body?: Buffer }[] = [];
  const names: string[] = [];
  for (const [i, specs] of layers.entries()) {
    let body = await pack(layerEntries(specs));
    if (opts.gzip) body = zlib.gzipSync(body);
    names.push(`${i}/layer.tar`);
    members.push({ header: { name: `${i}/layer.tar`, type: 'file', size: body.length }, body });
  }
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: opts.diffIds ?? layers.map((_, i) => `sha256:${String(i).padStart(64, '0')}`) },
      history: layers.map((_, i) => ({ created_by: `step ${i}` })),
    }),
  );
  const configName = `${'c'.repeat(64)}.json`;
  members.push({ header: { name: configName, type: 'file', size: config.length }, body: config });
  const manifest = Buffer.from(JSON.stringify(opts.manifest ?? [{ Config: configName, RepoTags: [opts.tag ?? 'fixture:latest'], Layers: names }]));
  members.push({ header: { name: 'manifest.json', type: 'file', size: manifest.length }, body: manifest });
  return pack(members);
}
