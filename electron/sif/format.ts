/**
 * SIF files (Singularity / Apptainer images) written and read by Berth, following the SIF specification as
 * sylabs/sif implements it (v2, spec version "01"; what siftool 2.8 reads). The byte layout is layout.ts;
 * this file places objects in a file and checks a file against its header.
 *
 * Writing follows pkg/sif/create.go `CreateContainer`: the global header at 0, a table of 48 descriptors at
 * 4096, the data from the end of that table (4096 + 48 × 585 = 32176), each object at the next multiple of
 * its alignment (4096 for partitions, none otherwise), descriptor i with ID i + 1, every object in group 1,
 * the header's arch that of the primary partition. The file is streamed, never held in memory, and
 * appears at its name only when complete (electron/files/partial.ts).
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { BerthError } from '../engine/errors';
import { writeViaPartial } from '../files/partial';
import {
  decodeDescriptor,
  decodeHeader,
  DEFAULT_DESCRIPTOR_CAPACITY,
  DEFAULT_LAUNCH_SCRIPT,
  DESCRIPTOR_SIZE,
  DESCRIPTORS_OFFSET,
  encodeDescriptor,
  encodeHeader,
  HEADER_SIZE,
  hasSifMagic,
  nextAligned,
  PARTITION_ALIGNMENT,
  SIF_DATA_TYPES,
  SIF_VERSION,
  SifLayoutError,
  type SifDescriptor,
  type SifDescriptorFields,
  type SifHeader,
  type SifPartitionInfo,
} from './layout';

/** The object types Berth writes: those whose descriptor needs no extra beyond a partition's. */
export type SifWritableType = 'deffile' | 'envvar' | 'labels' | 'generic-json' | 'generic' | 'partition';

/** One data object to write. */
export interface SifObject {
  type: SifWritableType;
  /** The object's name (siftool's "logical filename"), at most 128 bytes of UTF-8. Default: none. */
  name?: string;
  /** The bytes, or a regular file copied by streaming (its size is taken when writing starts and must not change). */
  data: Buffer | { file: string };
  /** Required for (and only for) `partition`: file system, role and architecture. At most one `primary`. */
  partition?: SifPartitionInfo;
  /** Object group (≥ 1), 0 for none. Default 1, as sylabs/sif's `DefaultObjectGroup`. */
  groupId?: number;
  /** The ID of the object this one refers to; 0 (default) for none. */
  linkedId?: number;
  /** Alignment of the object's start (bytes, a power of two). Default 4096 for partitions, 1 otherwise. */
  alignment?: number;
}

/** Options of {@link writeSif}. */
export interface WriteSifOptions {
  /** The image's UUID. Default: a random one (as CreateContainer). */
  id?: string;
  /** The image's and every object's creation time (stored in whole seconds). Default: now. */
  createdAt?: Date;
  /** The `#!` line at byte 0, under 32 bytes. Default "#!/usr/bin/env run-singularity\n" (what Singularity writes). */
  launchScript?: string;
  /** Room in the descriptor table (count). Default 48. */
  descriptorCapacity?: number;
  /** Cancels the write: the promise rejects with `Cancelled` and the temporary file is removed. */
  signal?: AbortSignal;
  /** Called as bytes reach the temporary file: bytes written so far and the file's final size. */
  onProgress?: (written: number, total: number) => void;
}

/** A SIF file's header and its used descriptors, in table order. Times ms since the epoch, sizes bytes. */
export interface SifInfo extends SifHeader {
  file: string;
  /** The file's size when read (bytes). */
  fileSize: number;
  descriptors: SifDescriptor[];
}

interface Placed {
  object: SifObject;
  size: number;
  padding: number;
}

const WRITABLE = new Set<string>(['deffile', 'envvar', 'labels', 'generic-json', 'generic', 'partition'] satisfies SifWritableType[]);
const invalid = (message: string) => new BerthError('ValidationError', message);
const corrupt = (file: string, message: string) => new BerthError('CorruptArchive', `${file}: ${message}`);

function checkObject(o: SifObject, i: number): void {
  const what = `SIF object ${i + 1} (${o.type})`;
  if (!WRITABLE.has(o.type)) throw invalid(`${what}: Berth does not write this type`);
  if ((o.type === 'partition') !== (o.partition !== undefined)) throw invalid(`${what}: partition metadata goes with, and only with, a partition`);
  const alignment = o.alignment ?? 1;
  if (!Number.isInteger(alignment) || alignment < 1 || (alignment & (alignment - 1)) !== 0) throw invalid(`${what}: alignment ${alignment} is not a power of two`);
  for (const [field, v, max] of [['groupId', o.groupId ?? 1, 0x0fffffff], ['linkedId', o.linkedId ?? 0, 0x0fffffff]] as const) {
    if (!Number.isInteger(v) || v < 0 || v > max) throw invalid(`${what}: ${field} ${v} is out of range`);
  }
}

/** The size of each object's data: a Buffer's length, a file's size (which must be a regular file). */
async function dataSize(o: SifObject): Promise<number> {
  if (Buffer.isBuffer(o.data)) return o.data.length;
  const { file } = o.data;
  const stat = await fs.promises.stat(file).catch((err: NodeJS.ErrnoException) => {
    throw err.code === 'ENOENT' ? new BerthError('NotFound', `no file ${file} to put in the SIF file`) : err;
  });
  if (!stat.isFile()) throw invalid(`${file} is not a regular file`);
  return stat.size;
}

/** Write `chunk` and wait until the file has it: only then may the caller reuse the buffer. */
function writeChunk(out: fs.WriteStream, chunk: Buffer): Promise<void> {
  return new Promise((resolve, reject) => out.write(chunk, (err) => (err ? reject(err) : resolve())));
}

/** Size of the one buffer a file's data is copied through (bytes). */
const COPY_BUFFER = 1 << 20;

/**
 * Copy `size` bytes of `file` to `out` through `buffer`, reused for every read: memory stays at one buffer
 * whatever the size (a fresh Buffer per chunk is garbage the heap collects late: a 64 MiB copy had grown the
 * process by 35 MiB). Fails with `Conflict` when the file no longer has `size` bytes.
 */
async function copyFile(out: fs.WriteStream, file: string, size: number, buffer: Buffer, step: (n: number) => void, signal?: AbortSignal): Promise<void> {
  const handle = await fs.promises.open(file, 'r');
  try {
    for (let done = 0; done < size; ) {
      signal?.throwIfAborted();
      const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, size - done), done);
      if (bytesRead === 0) break;
      await writeChunk(out, buffer.subarray(0, bytesRead));
      done += bytesRead;
      step(bytesRead);
    }
    const now = (await handle.stat()).size;
    if (now !== size) throw new BerthError('Conflict', `${file} changed while Berth wrote the SIF file: it had ${size} bytes, now ${now}`);
  } finally {
    await handle.close();
  }
}

/**
 * Write a SIF file at `target` holding `objects`, in order, laid out as sylabs/sif's CreateContainer does
 * (pkg/sif/create.go, see the top of this file). Data of `{ file }` objects is copied through one 1 MiB
 * buffer, whatever their size. The file is written under a temporary name beside `target` (mode 0755 minus the
 * umask: a SIF is executable) and renamed over it when complete; on any failure the temporary file is
 * removed and `target` is untouched.
 * @throws BerthError('ValidationError') for objects or options SIF cannot hold (more objects than descriptors,
 *   a name over 128 bytes, two primary partitions, a bad UUID or alignment, a launch script of 32 bytes or more);
 *   BerthError('NotFound') when a data file is missing; BerthError('Conflict') when a data file changed size
 *   while being copied; BerthError('Cancelled') when `opts.signal` aborted; file system errors as they are.
 */
export async function writeSif(target: string, objects: SifObject[], opts: WriteSifOptions = {}): Promise<void> {
  const capacity = opts.descriptorCapacity ?? DEFAULT_DESCRIPTOR_CAPACITY;
  if (!Number.isInteger(capacity) || capacity < 1) throw invalid(`descriptor capacity ${capacity} is not a positive count`);
  if (objects.length > capacity) throw invalid(`${objects.length} objects do not fit a SIF descriptor table of ${capacity}`);
  objects.forEach(checkObject);
  const primaries = objects.filter((o) => o.partition?.partType === 'primary');
  if (primaries.length > 1) throw invalid('a SIF file has at most one primary partition');
  const createdAt = opts.createdAt?.getTime() ?? Date.now();
  if (!Number.isFinite(createdAt)) throw invalid('the creation time is not a valid date');

  const descriptorsSize = capacity * DESCRIPTOR_SIZE;
  const dataOffset = DESCRIPTORS_OFFSET + descriptorsSize;
  const placed: Placed[] = [];
  const table = Buffer.alloc(descriptorsSize);
  let end = dataOffset;
  for (const [i, object] of objects.entries()) {
    const size = await dataSize(object);
    const offset = nextAligned(end, object.alignment ?? (object.type === 'partition' ? PARTITION_ALIGNMENT : 1));
    const fields: SifDescriptorFields = {
      id: i + 1,
      groupId: object.groupId ?? 1,
      linkedId: object.linkedId ?? 0,
      linkedIsGroup: false,
      dataType: SIF_DATA_TYPES[object.type],
      name: object.name ?? '',
      offset,
      size,
      sizeWithPadding: offset - end + size,
      createdAt,
      modifiedAt: createdAt,
      ...(object.partition ? { partition: object.partition } : {}),
    };
    layoutOrInvalid(() => encodeDescriptor(fields)).copy(table, i * DESCRIPTOR_SIZE);
    placed.push({ object, size, padding: offset - end });
    end = offset + size;
  }
  const header = layoutOrInvalid(() =>
    encodeHeader({
      launchScript: opts.launchScript ?? DEFAULT_LAUNCH_SCRIPT,
      version: SIF_VERSION,
      arch: primaries[0]?.partition?.arch ?? 'unknown',
      id: opts.id ?? randomUUID(),
      createdAt,
      modifiedAt: createdAt,
      descriptorsFree: capacity - objects.length,
      descriptorsTotal: capacity,
      descriptorsOffset: DESCRIPTORS_OFFSET,
      descriptorsSize,
      dataOffset,
      dataSize: end - dataOffset,
    }),
  );

  let written = 0;
  const step = (n: number) => {
    written += n;
    opts.onProgress?.(written, end);
  };
  const put = async (out: fs.WriteStream, chunk: Buffer) => {
    opts.signal?.throwIfAborted();
    await writeChunk(out, chunk);
    step(chunk.length);
  };
  try {
    await writeViaPartial(
      target,
      async (out) => {
        await put(out, Buffer.concat([header, Buffer.alloc(DESCRIPTORS_OFFSET - HEADER_SIZE), table]));
        let buffer: Buffer | undefined;
        for (const { object, size, padding } of placed) {
          if (padding > 0) await put(out, Buffer.alloc(padding));
          if (Buffer.isBuffer(object.data)) {
            if (size > 0) await put(out, object.data);
          } else if (size > 0) {
            buffer ??= Buffer.allocUnsafe(COPY_BUFFER);
            await copyFile(out, object.data.file, size, buffer, step, opts.signal);
          }
        }
        out.end();
        await once(out, 'close');
      },
      { mode: 0o755 },
    );
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw new BerthError('Cancelled', `writing ${target} was cancelled`);
    throw err;
  }
}

function layoutOrInvalid<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof SifLayoutError) throw invalid(`SIF: ${err.message}`);
    throw err;
  }
}

/** Read exactly `length` bytes at `position`, or fewer when the file ends first. */
async function readAt(handle: fs.promises.FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await handle.read(buf, got, length - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return buf.subarray(0, got);
}

/** Descriptor tables beyond this many entries are refused rather than read (sylabs/sif makes 48). */
const MAX_DESCRIPTORS = 65_536;

/**
 * The global header and every used descriptor of the SIF file `file` (sylabs/sif pkg/sif/load.go
 * `loadContainer`, plus checks it leaves to later reads: every object lies inside the file).
 * @throws BerthError('CorruptArchive') naming the file: "not a SIF file" (empty, no SIF_MAGIC), a truncated
 *   header or descriptor table, an object reaching past the end of the file, a version other than "01", a
 *   header field out of range; BerthError('NotFound') when there is no such file.
 */
export async function readSif(file: string): Promise<SifInfo> {
  const handle = await fs.promises.open(file, 'r').catch((err: NodeJS.ErrnoException) => {
    throw err.code === 'ENOENT' ? new BerthError('NotFound', `no file ${file}`) : err;
  });
  try {
    const fileSize = (await handle.stat()).size;
    if (fileSize === 0) throw corrupt(file, 'an empty file, not a SIF file');
    const head = await readAt(handle, 0, HEADER_SIZE);
    if (!hasSifMagic(head)) throw corrupt(file, `not a SIF file (no SIF_MAGIC at byte 32${head.length < 42 ? `: the file has only ${head.length} bytes` : ''})`);
    if (head.length < HEADER_SIZE) throw corrupt(file, `truncated: the SIF header is ${HEADER_SIZE} bytes, the file has ${head.length}`);
    const header = decodeOrCorrupt(file, () => decodeHeader(head));
    if (header.version !== SIF_VERSION) throw corrupt(file, `SIF version "${header.version}" is not one Berth reads (only "${SIF_VERSION}")`);
    const { descriptorsTotal: total, descriptorsOffset: at, descriptorsSize } = header;
    if (total < 0 || total > MAX_DESCRIPTORS) throw corrupt(file, `the header claims ${total} descriptors`);
    if (at < HEADER_SIZE || descriptorsSize < total * DESCRIPTOR_SIZE) {
      throw corrupt(file, `the descriptor table (${total} × ${DESCRIPTOR_SIZE} bytes at byte ${at}, ${descriptorsSize} bytes) does not fit the header`);
    }
    const tableEnd = at + total * DESCRIPTOR_SIZE;
    if (tableEnd > fileSize) throw corrupt(file, `truncated: the descriptor table ends at byte ${tableEnd}, the file has ${fileSize} bytes`);
    const table = await readAt(handle, at, total * DESCRIPTOR_SIZE);
    const descriptors: SifDescriptor[] = [];
    for (let i = 0; i < total; i++) {
      const d = decodeOrCorrupt(file, () => decodeDescriptor(table.subarray(i * DESCRIPTOR_SIZE, (i + 1) * DESCRIPTOR_SIZE)));
      if (!d) continue;
      if (d.offset < 0 || d.size < 0) throw corrupt(file, `object ${d.id} (${d.typeLabel}) has offset ${d.offset} and size ${d.size}`);
      if (d.offset + d.size > fileSize) {
        throw corrupt(file, `truncated: object ${d.id} (${d.typeLabel}) ends at byte ${d.offset + d.size}, the file has ${fileSize} bytes`);
      }
      descriptors.push(d);
    }
    return { ...header, file, fileSize, descriptors };
  } finally {
    await handle.close();
  }
}

function decodeOrCorrupt<T>(file: string, f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof SifLayoutError) throw corrupt(file, err.message);
    throw err;
  }
}

/** The part of a descriptor needed to find its bytes. */
export type SifObjectRef = Pick<SifDescriptor, 'id' | 'offset' | 'size'>;

/**
 * The bytes of one object (from {@link readSif}), for small ones: labels, a definition file.
 * @param maxBytes the most Berth will hold in memory for it (bytes).
 * @throws BerthError('Unsupported') when the object is larger than `maxBytes`; BerthError('CorruptArchive')
 *   when the file ends before the object does (it changed since it was read).
 */
export async function readSifObject(file: string, descriptor: SifObjectRef, maxBytes: number): Promise<Buffer> {
  if (descriptor.size > maxBytes) throw new BerthError('Unsupported', `${file}: object ${descriptor.id} is ${descriptor.size} bytes, more than the ${maxBytes} Berth reads into memory`);
  const handle = await fs.promises.open(file, 'r');
  try {
    const buf = await readAt(handle, descriptor.offset, descriptor.size);
    if (buf.length < descriptor.size) throw corrupt(file, `truncated: object ${descriptor.id} has ${buf.length} of its ${descriptor.size} bytes`);
    return buf;
  } finally {
    await handle.close();
  }
}

/**
 * A stream of one object's bytes (a partition of any size), read from the file as it is consumed. The stream
 * fails with BerthError('CorruptArchive') when the file ends before the object does; destroying it closes the file.
 */
export function sifObjectStream(file: string, descriptor: SifObjectRef): Readable {
  if (descriptor.size === 0) return Readable.from([], { objectMode: false });
  const source = fs.createReadStream(file, { start: descriptor.offset, end: descriptor.offset + descriptor.size - 1, highWaterMark: 1 << 20 });
  let seen = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      done(null, chunk);
    },
    flush(done) {
      done(seen === descriptor.size ? null : corrupt(file, `truncated: object ${descriptor.id} has ${seen} of its ${descriptor.size} bytes`));
    },
  });
  source.on('error', (err) => counted.destroy(err));
  counted.on('close', () => source.destroy());
  return source.pipe(counted);
}

/**
 * The primary system partition of a SIF file (sylabs/sif `PartPrimSys`: what Singularity runs), which Berth
 * reads only when it is squashfs.
 * @throws BerthError('CorruptArchive') when the file has no primary partition; BerthError('Unsupported') when
 *   it is not squashfs (ext3, encrypted squashfs, …).
 */
export function primaryPartition(info: SifInfo): SifDescriptor {
  const primary = info.descriptors.find((d) => d.partition?.partType === 'primary');
  if (!primary) throw corrupt(info.file, 'no primary system partition (a SIF image Singularity can run has one)');
  if (primary.partition?.fsType !== 'squashfs') {
    throw new BerthError('Unsupported', `${info.file}: the primary partition is ${primary.partition?.fsType ?? 'unknown'}, Berth reads only squashfs`);
  }
  return primary;
}
