/**
 * The bytes of a SIF file's global header and descriptors, as sylabs/sif lays them out: Go's
 * `binary.Write(…, binary.LittleEndian, …)` of the `header` struct (pkg/sif/sif.go) and of the
 * `rawDescriptor` struct (pkg/sif/descriptor.go), fields packed without padding. Pure functions on Buffers;
 * the files are format.ts's business.
 *
 * Global header, 128 bytes: launch script [32], magic "SIF_MAGIC\0" [10], version "01\0" [3], arch [3],
 * UUID [16], then int64s: created, modified (s since the epoch), descriptors free, total, offset, size
 * (bytes), data offset, size (bytes).
 *
 * Descriptor, 585 bytes: data type int32, used bool (1 byte), ID uint32, group ID uint32 (0xf0000000 | group),
 * linked ID uint32, then int64s: offset, size, size with padding (bytes), created, modified (s), UID, GID
 * (deprecated, 0), name [128], extra [384] (per type: the partition's FSType int32, PartType int32, arch [3];
 * the signature's hash type int32 and entity [256]).
 */
import { goArchOfCode, SIF_ARCH_CODES, SIF_ARCH_UNKNOWN, type GoArch } from './arch';

/** Size of the global header (bytes). */
export const HEADER_SIZE = 128;
/** Size of one descriptor (bytes). */
export const DESCRIPTOR_SIZE = 585;
/** Where sylabs/sif's CreateContainer puts the descriptor table (bytes from the start; create.go). */
export const DESCRIPTORS_OFFSET = 4096;
/** How many descriptors sylabs/sif's CreateContainer makes room for (create.go, `descriptorCapacity: 48`). */
export const DEFAULT_DESCRIPTOR_CAPACITY = 48;
/** The launch script Singularity writes: a SIF file can be run as a program. At most 31 bytes fit. */
export const DEFAULT_LAUNCH_SCRIPT = '#!/usr/bin/env run-singularity\n';
/** The only SIF specification version (sylabs/sif `CurrentVersion`, "01"). */
export const SIF_VERSION = '01';
/** Partitions are aligned on 4096 bytes unless told otherwise (descriptor_input.go, NewDescriptorInput). */
export const PARTITION_ALIGNMENT = 4096;

const MAGIC = Buffer.from('SIF_MAGIC\0', 'latin1');
const LAUNCH_LEN = 32;
const NAME_LEN = 128;
const GROUP_MASK = 0xf0000000;

/** SIF's data object types, named after sylabs/sif's `DataType` constants (`DataDeffile` = 0x4001 …). */
export const SIF_DATA_TYPES = {
  deffile: 0x4001,
  envvar: 0x4002,
  labels: 0x4003,
  partition: 0x4004,
  signature: 0x4005,
  'generic-json': 0x4006,
  generic: 0x4007,
  'crypto-message': 0x4008,
  sbom: 0x4009,
  'oci-root-index': 0x400a,
  'oci-blob': 0x400b,
} as const;
export type SifDataType = keyof typeof SIF_DATA_TYPES;

/** What siftool prints for each type (`DataType.String()` in sif.go). */
const TYPE_LABELS: Record<SifDataType, string> = {
  deffile: 'Def.FILE',
  envvar: 'Env.Vars',
  labels: 'JSON.Labels',
  partition: 'FS',
  signature: 'Signature',
  'generic-json': 'JSON.Generic',
  generic: 'Generic/Raw',
  'crypto-message': 'Cryptographic Message',
  sbom: 'SBOM',
  'oci-root-index': 'OCI.RootIndex',
  'oci-blob': 'OCI.Blob',
};

/** Partition file systems (sylabs/sif `FSType`: FsSquash = 1 …). */
export const SIF_FS_TYPES = { squashfs: 1, ext3: 2, 'immutable-archive': 3, raw: 4, 'encrypted-squashfs': 5 } as const;
export type SifFsType = keyof typeof SIF_FS_TYPES;
/** Partition roles (sylabs/sif `PartType`: PartSystem = 1, PartPrimSys = 2 (`primary`), PartData, PartOverlay). */
export const SIF_PART_TYPES = { system: 1, primary: 2, data: 3, overlay: 4 } as const;
export type SifPartType = keyof typeof SIF_PART_TYPES;
/** Signature hashes (sylabs/sif `hashType`: SHA256 = 1 …). */
const HASH_TYPES = ['SHA256', 'SHA384', 'SHA512', 'BLAKE2S', 'BLAKE2B'] as const;
export type SifHashType = (typeof HASH_TYPES)[number];

/** The partition extra of a descriptor. */
export interface SifPartitionInfo {
  fsType: SifFsType;
  partType: SifPartType;
  arch: GoArch;
}

/** The global header's fields. Times are ms since the epoch (stored as whole seconds), sizes bytes. */
export interface SifHeader {
  launchScript: string;
  /** "01" for every SIF sylabs/sif writes. */
  version: string;
  /** The primary partition's architecture, `'unknown'` without one. */
  arch: GoArch | 'unknown';
  /** The image's UUID, lower-case with dashes. */
  id: string;
  createdAt: number;
  modifiedAt: number;
  descriptorsFree: number;
  descriptorsTotal: number;
  descriptorsOffset: number;
  descriptorsSize: number;
  dataOffset: number;
  dataSize: number;
}

/** One used descriptor. Times are ms since the epoch (stored as whole seconds), offsets and sizes bytes. */
export interface SifDescriptor {
  /** The object's ID (1-based: sylabs/sif gives descriptor i the ID i + 1). */
  id: number;
  /** The object group, 0 when the object is in none (sylabs/sif `Descriptor.GroupID`). */
  groupId: number;
  /** The object (or, when `linkedIsGroup`, group) this one refers to; 0 for none (a signature links to what it signs). */
  linkedId: number;
  linkedIsGroup: boolean;
  /** The raw data type code (0x4001 …). */
  dataType: number;
  /** Berth's name for the type, `'unknown'` for a code this file does not know. */
  type: SifDataType | 'unknown';
  /** What siftool shows for the type ("Def.FILE", "FS", …). */
  typeLabel: string;
  name: string;
  /** Where the object's bytes start in the file. */
  offset: number;
  size: number;
  /** `size` plus the alignment padding before the object. */
  sizeWithPadding: number;
  createdAt: number;
  modifiedAt: number;
  /** Partitions only: codes this file does not know read as `'unknown'`. */
  partition?: { fsType: SifFsType | 'unknown'; partType: SifPartType | 'unknown'; arch: GoArch | 'unknown' };
  /** Signatures only: the hash and the signing key's 20-byte fingerprint in hex, null when absent. */
  signature?: { hash: SifHashType | 'unknown'; fingerprint: string | null };
}

/** A descriptor as it is encoded: a used descriptor plus the partition extra when it is one. */
export type SifDescriptorFields = Omit<SifDescriptor, 'type' | 'typeLabel' | 'partition' | 'signature'> & { partition?: SifPartitionInfo };

/** Why bytes cannot be decoded; format.ts turns it into a BerthError naming the file. */
export class SifLayoutError extends Error {}

const typeName = (code: number): SifDataType | 'unknown' => (Object.keys(SIF_DATA_TYPES) as SifDataType[]).find((k) => SIF_DATA_TYPES[k] === code) ?? 'unknown';
const keyOf = <K extends string>(table: Record<K, number>, code: number): K | 'unknown' => (Object.keys(table) as K[]).find((k) => table[k] === code) ?? 'unknown';

/** A NUL-padded field's text (sylabs/sif `trimZeroBytes`: only trailing NULs go). */
function fieldText(buf: Buffer, start: number, len: number): string {
  let end = start + len;
  while (end > start && buf[end - 1] === 0) end--;
  return buf.toString('utf8', start, end);
}

function writeField(buf: Buffer, start: number, len: number, text: string, what: string): void {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length > len) throw new SifLayoutError(`${what} is ${bytes.length} bytes: SIF has room for ${len}`);
  bytes.copy(buf, start);
}

function readInt64(buf: Buffer, at: number, what: string): number {
  const value = buf.readBigInt64LE(at);
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) throw new SifLayoutError(`${what} is out of range (${value})`);
  return Number(value);
}

const seconds = (ms: number) => BigInt(Math.floor(ms / 1000));

function uuidBytes(id: string): Buffer {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw new SifLayoutError(`"${id}" is not a UUID`);
  return Buffer.from(id.replace(/-/g, ''), 'hex');
}

function uuidText(buf: Buffer): string {
  const hex = buf.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function archBytes(arch: GoArch | 'unknown'): Buffer {
  return Buffer.from(`${arch === 'unknown' ? SIF_ARCH_UNKNOWN : SIF_ARCH_CODES[arch]}\0`, 'latin1');
}

/** True when `buf` (at least 42 bytes) carries SIF's magic at byte 32. */
export function hasSifMagic(buf: Buffer): boolean {
  return buf.length >= LAUNCH_LEN + MAGIC.length && buf.subarray(LAUNCH_LEN, LAUNCH_LEN + MAGIC.length).equals(MAGIC);
}

/**
 * The 128 bytes of a global header (sif.go `header`).
 * @throws SifLayoutError when the launch script is 32 bytes or more (create.go refuses it too), or `id` is not a UUID.
 */
export function encodeHeader(h: SifHeader): Buffer {
  const buf = Buffer.alloc(HEADER_SIZE);
  if (Buffer.byteLength(h.launchScript) >= LAUNCH_LEN) throw new SifLayoutError(`the launch script is ${Buffer.byteLength(h.launchScript)} bytes: SIF has room for ${LAUNCH_LEN - 1}`);
  writeField(buf, 0, LAUNCH_LEN, h.launchScript, 'the launch script');
  MAGIC.copy(buf, 32);
  writeField(buf, 42, 3, h.version, 'the version');
  archBytes(h.arch).copy(buf, 45);
  uuidBytes(h.id).copy(buf, 48);
  buf.writeBigInt64LE(seconds(h.createdAt), 64);
  buf.writeBigInt64LE(seconds(h.modifiedAt), 72);
  const sizes = [h.descriptorsFree, h.descriptorsTotal, h.descriptorsOffset, h.descriptorsSize, h.dataOffset, h.dataSize];
  sizes.forEach((n, i) => buf.writeBigInt64LE(BigInt(n), 80 + 8 * i));
  return buf;
}

/**
 * A global header from its 128 bytes. Checks nothing but the magic (format.ts checks the rest against the file).
 * @throws SifLayoutError when `buf` is short, has no SIF magic, or holds an int64 beyond 2^53.
 */
export function decodeHeader(buf: Buffer): SifHeader {
  if (buf.length < HEADER_SIZE) throw new SifLayoutError(`a SIF header is ${HEADER_SIZE} bytes, got ${buf.length}`);
  if (!hasSifMagic(buf)) throw new SifLayoutError('no SIF_MAGIC at byte 32');
  const int = (at: number, what: string) => readInt64(buf, at, what);
  return {
    launchScript: fieldText(buf, 0, LAUNCH_LEN),
    version: fieldText(buf, 42, 3),
    arch: goArchOfCode(fieldText(buf, 45, 3)),
    id: uuidText(buf.subarray(48, 64)),
    createdAt: int(64, 'the creation time') * 1000,
    modifiedAt: int(72, 'the modification time') * 1000,
    descriptorsFree: int(80, 'the free descriptor count'),
    descriptorsTotal: int(88, 'the descriptor count'),
    descriptorsOffset: int(96, 'the descriptor offset'),
    descriptorsSize: int(104, 'the descriptor table size'),
    dataOffset: int(112, 'the data offset'),
    dataSize: int(120, 'the data size'),
  };
}

/**
 * The 585 bytes of a used descriptor (descriptor.go `rawDescriptor`, filled as descriptor_input.go's
 * `fillDescriptor` does: group ID ORed with 0xf0000000, a linked group ORed likewise, UID and GID 0).
 * @throws SifLayoutError when the name is over 128 bytes (UTF-8) or `dataType` is not a type code.
 */
export function encodeDescriptor(d: SifDescriptorFields): Buffer {
  const buf = Buffer.alloc(DESCRIPTOR_SIZE);
  if (typeName(d.dataType) === 'unknown') throw new SifLayoutError(`0x${d.dataType.toString(16)} is not a SIF data type`);
  buf.writeInt32LE(d.dataType, 0);
  buf[4] = 1;
  buf.writeUInt32LE(d.id, 5);
  buf.writeUInt32LE((d.groupId | GROUP_MASK) >>> 0, 9);
  buf.writeUInt32LE(d.linkedIsGroup ? (d.linkedId | GROUP_MASK) >>> 0 : d.linkedId, 13);
  buf.writeBigInt64LE(BigInt(d.offset), 17);
  buf.writeBigInt64LE(BigInt(d.size), 25);
  buf.writeBigInt64LE(BigInt(d.sizeWithPadding), 33);
  buf.writeBigInt64LE(seconds(d.createdAt), 41);
  buf.writeBigInt64LE(seconds(d.modifiedAt), 49);
  writeField(buf, 73, NAME_LEN, d.name, `the name "${d.name}"`);
  if (d.partition) {
    buf.writeInt32LE(SIF_FS_TYPES[d.partition.fsType], 201);
    buf.writeInt32LE(SIF_PART_TYPES[d.partition.partType], 205);
    archBytes(d.partition.arch).copy(buf, 209);
  }
  return buf;
}

/**
 * A descriptor from its 585 bytes, or null when its "used" byte is 0 (a free slot).
 * @throws SifLayoutError when `buf` is short or an int64 is beyond 2^53.
 */
export function decodeDescriptor(buf: Buffer): SifDescriptor | null {
  if (buf.length < DESCRIPTOR_SIZE) throw new SifLayoutError(`a SIF descriptor is ${DESCRIPTOR_SIZE} bytes, got ${buf.length}`);
  if (buf[4] === 0) return null;
  const dataType = buf.readInt32LE(0);
  const type = typeName(dataType);
  const id = buf.readUInt32LE(5);
  const linked = buf.readUInt32LE(13);
  const int = (at: number, what: string) => readInt64(buf, at, `object ${id}'s ${what}`);
  const d: SifDescriptor = {
    id,
    groupId: (buf.readUInt32LE(9) & ~GROUP_MASK) >>> 0,
    linkedId: (linked & ~GROUP_MASK) >>> 0,
    linkedIsGroup: ((linked & GROUP_MASK) >>> 0) === GROUP_MASK,
    dataType,
    type,
    typeLabel: type === 'unknown' ? 'Unknown' : TYPE_LABELS[type],
    name: fieldText(buf, 73, NAME_LEN),
    offset: int(17, 'offset'),
    size: int(25, 'size'),
    sizeWithPadding: int(33, 'padded size'),
    createdAt: int(41, 'creation time') * 1000,
    modifiedAt: int(49, 'modification time') * 1000,
  };
  if (type === 'partition') {
    d.partition = {
      fsType: keyOf(SIF_FS_TYPES, buf.readInt32LE(201)),
      partType: keyOf(SIF_PART_TYPES, buf.readInt32LE(205)),
      arch: goArchOfCode(fieldText(buf, 209, 3)),
    };
  } else if (type === 'signature') {
    const fingerprint = buf.subarray(205, 225);
    d.signature = { hash: HASH_TYPES[buf.readInt32LE(201) - 1] ?? 'unknown', fingerprint: fingerprint.every((b) => b === 0) ? null : fingerprint.toString('hex') };
  }
  return d;
}

/** `offset` moved up to the next multiple of `alignment` (bytes; 0 or 1: unchanged), as create.go's `nextAligned`. */
export function nextAligned(offset: number, alignment: number): number {
  return alignment > 1 && offset % alignment !== 0 ? offset + alignment - (offset % alignment) : offset;
}
