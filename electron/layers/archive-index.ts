/**
 * The images an archive on disk holds, listed without reading its layers: the tar's member headers are
 * walked by seeking from one to the next (POSIX ustar, pax `path` records and GNU `L` long names; sizes in
 * octal or GNU base-256), and only manifest.json / index.json and the documents they name are read.
 * Source: POSIX.1-2017 pax "ustar Interchange Format"; GNU tar manual "Basic Tar Format"; Docker's
 * image/spec v1.2 ("Combined Image JSON + Filesystem Changeset Format") and OCI image-layout.md.
 */
import fs from 'node:fs/promises';
import path from 'node:path/posix';
import type { ArchiveImage } from '../../shared/layers';
import { checked, DockerManifest, OciIndex, OciManifest } from './manifest';
import { familiarNames } from '../../shared/reference';
import { memberName } from './archive';

const BLOCK = 512;
/** JSON documents above this size are not read for the listing (manifests and configs are a few kB). */
const DOC_LIMIT = 4 << 20;

interface Member {
  offset: number;
  size: number;
  type: string;
  linkname: string;
}

function cString(buf: Buffer, start: number, len: number): string {
  const end = buf.indexOf(0, start);
  return buf.toString('utf8', start, end === -1 || end > start + len ? start + len : end);
}

/** A header's numeric field: octal text, or GNU base-256 when the first byte's high bit is set. */
function headerNumber(buf: Buffer, start: number, len: number): number {
  if (buf[start] & 0x80) {
    let n = buf[start] & 0x7f;
    for (let i = start + 1; i < start + len; i++) n = n * 256 + buf[i];
    return n;
  }
  return parseInt(cString(buf, start, len).trim() || '0', 8);
}

/** The `path` record of a pax extended header (`"<len> path=<value>\n"` records). */
function paxPath(body: string): string | undefined {
  for (const rec of body.split('\n')) {
    const m = /^\d+ path=(.*)$/.exec(rec);
    if (m) return m[1];
  }
  return undefined;
}

/** Every member's header, by normalised name; undefined when the file is not a tar. */
async function walk(file: fs.FileHandle): Promise<Map<string, Member> | undefined> {
  const members = new Map<string, Member>();
  const size = (await file.stat()).size;
  const head = Buffer.alloc(BLOCK);
  let pos = 0;
  let longName: string | undefined;
  while (pos + BLOCK <= size) {
    await file.read(head, 0, BLOCK, pos);
    if (head.every((b) => b === 0)) break;
    if (head.toString('latin1', 257, 262) !== 'ustar') return undefined;
    const len = headerNumber(head, 124, 12);
    const type = String.fromCharCode(head[156] || 0x30);
    const body = pos + BLOCK;
    if (type === 'x' || type === 'L') {
      const data = Buffer.alloc(Math.min(len, 64 << 10));
      await file.read(data, 0, data.length, body);
      longName = type === 'x' ? paxPath(data.toString('utf8')) : cString(data, 0, data.length);
    } else if (type !== 'g') {
      const prefix = cString(head, 345, 155);
      const name = longName ?? (prefix ? `${prefix}/${cString(head, 0, 100)}` : cString(head, 0, 100));
      members.set(memberName(name), { offset: body, size: len, type, linkname: cString(head, 157, 100) });
      longName = undefined;
    }
    pos = body + Math.ceil(len / BLOCK) * BLOCK;
  }
  return members;
}

/** Follow symlinks and hard links between members (Podman's `<id>/layer.tar` → `<diffid>.tar`), at most 8 hops. */
function resolve(members: Map<string, Member>, name: string): Member | undefined {
  let n = memberName(name);
  for (let i = 0; i < 8; i++) {
    const m = members.get(n);
    if (!m || (m.type !== '2' && m.type !== '1')) return m;
    n = m.type === '2' ? path.normalize(path.join(path.dirname(n), m.linkname)) : memberName(m.linkname);
  }
  return undefined;
}

async function readDoc<T>(file: fs.FileHandle, members: Map<string, Member>, name: string): Promise<T | undefined> {
  const m = resolve(members, name);
  if (!m || m.size > DOC_LIMIT) return undefined;
  const buf = Buffer.alloc(m.size);
  await file.read(buf, 0, m.size, m.offset);
  try {
    return JSON.parse(buf.toString('utf8')) as T;
  } catch {
    return undefined;
  }
}

const blobPath = (digest: string) => `blobs/${digest.replace(':', '/')}`;

/**
 * The images in an image archive on disk, in the order the analysis numbers them (manifest.json's
 * entries, else index.json's manifests). Empty when the file is not a tar or names no image (the
 * analysis then says why).
 * @throws the file system's error when the file cannot be read.
 */
export async function listArchiveImages(fileName: string): Promise<ArchiveImage[]> {
  const file = await fs.open(fileName, 'r');
  try {
    const members = await walk(file);
    if (!members) return [];
    const manifest = checked(DockerManifest, await readDoc(file, members, 'manifest.json'), 'manifest.json');
    if (Array.isArray(manifest) && manifest.length > 0) {
      return manifest.map((m, index) => {
        const hex = /([a-f0-9]{64})(\.json)?$/.exec(m.Config)?.[1];
        return {
          index,
          repoTags: familiarNames(m.RepoTags),
          ...(hex ? { id: `sha256:${hex}` } : {}),
          layers: m.Layers.length,
          size: m.Layers.reduce((n, l) => n + (resolve(members, l)?.size ?? 0), 0),
        };
      });
    }
    const index = checked(OciIndex, await readDoc(file, members, 'index.json'), 'index.json');
    const out: ArchiveImage[] = [];
    for (const [i, desc] of (index?.manifests ?? []).entries()) {
      const manifestAt = async (digest: string) => checked(OciManifest, await readDoc(file, members, blobPath(digest)), `manifest ${digest}`);
      let m = await manifestAt(desc.digest);
      // A multi-platform index: its first image manifest, as the analysis takes it.
      for (let hops = 0; m?.manifests?.length && hops < 4; hops++) m = await manifestAt(m.manifests[0].digest);
      const tag = desc.annotations?.['io.containerd.image.name'] ?? desc.annotations?.['org.opencontainers.image.ref.name'];
      out.push({
        index: i,
        repoTags: tag ? [tag] : [],
        ...(m?.config ? { id: m.config.digest } : {}),
        layers: m?.layers?.length ?? 0,
        size: (m?.layers ?? []).reduce((n, l) => n + (l.size ?? resolve(members, blobPath(l.digest))?.size ?? 0), 0),
      });
    }
    return out;
  } finally {
    await file.close();
  }
}
