// SIF encoding and decoding without tools: round trips of the header and descriptors, the layout
// sylabs/sif's CreateContainer makes, a file siftool 2.8.3 wrote (testdata/README.md), and files that are
// not SIF, are truncated or lie about their objects. format.int.test.ts holds the checks against siftool.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buffer, text } from 'node:stream/consumers';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { goArchOfCode, SIF_ARCH_CODES, sifArchOfOci } from './arch';
import { primaryPartition, readSif, readSifObject, sifObjectStream, writeSif, type SifInfo, type SifObject } from './format';
import { decodeDescriptor, decodeHeader, DESCRIPTOR_SIZE, encodeDescriptor, encodeHeader, type SifDescriptorFields, type SifHeader } from './layout';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-sif-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;
const tmp = (name = 'x.sif') => path.join(dir, `${n++}-${name}`);

const DEF = Buffer.from('Bootstrap: docker\nFrom: busybox\n');
const LABELS = Buffer.from('{"org.opencontainers.image.title":"demo"}');
const PART = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));
const objects = (): SifObject[] => [
  { type: 'deffile', data: DEF, name: 'recipe.def' },
  { type: 'labels', data: LABELS },
  { type: 'partition', data: PART, partition: { fsType: 'squashfs', partType: 'primary', arch: 'arm64' } },
];

async function written(objs = objects()): Promise<string> {
  const file = tmp();
  await writeSif(file, objs, { id: '0d4c3b8e-1f2a-4b5c-8d6e-7f8091a2b3c4', createdAt: new Date(1_700_000_000_500) });
  return file;
}

const rejection = (p: Promise<unknown>) => p.then(() => expect.unreachable('resolved'), (err: Error) => err);

describe('SIF header and descriptor bytes', () => {
  it('a header round-trips, in 128 bytes, with the magic and version where sylabs/sif puts them', () => {
    const h: SifHeader = {
      launchScript: '#!/usr/bin/env run-singularity\n',
      version: '01',
      arch: 'riscv64',
      id: '91ddef1b-5456-4b90-b5b7-7b3e8b997d84',
      createdAt: 1_796_179_678_000,
      modifiedAt: 1_796_179_679_000,
      descriptorsFree: 44,
      descriptorsTotal: 48,
      descriptorsOffset: 4096,
      descriptorsSize: 48 * 585,
      dataOffset: 32176,
      dataSize: 723,
    };
    const bytes = encodeHeader(h);
    expect(bytes.length).toBe(128);
    expect(bytes.toString('latin1', 32, 48)).toBe('SIF_MAGIC\x0001\x0012\x00');
    expect(decodeHeader(bytes)).toEqual(h);
  });

  it('a descriptor round-trips in 585 bytes, partition extra and group links included; a free slot is null', () => {
    const d: SifDescriptorFields = {
      id: 3,
      groupId: 1,
      linkedId: 2,
      linkedIsGroup: true,
      dataType: 0x4004,
      name: 'rootfs',
      offset: 32768,
      size: 5000,
      sizeWithPadding: 5560,
      createdAt: 1_700_000_000_000,
      modifiedAt: 1_700_000_001_000,
      partition: { fsType: 'squashfs', partType: 'primary', arch: 'amd64' },
    };
    const bytes = encodeDescriptor(d);
    expect(bytes.length).toBe(DESCRIPTOR_SIZE);
    expect(bytes.readUInt32LE(9)).toBe(0xf0000001); // group 1, as fillDescriptor stores it
    expect(decodeDescriptor(bytes)).toEqual({ ...d, type: 'partition', typeLabel: 'FS' });
    expect(decodeDescriptor(Buffer.alloc(DESCRIPTOR_SIZE))).toBeNull();
  });

  it('refuses what does not fit: a 129-byte name, a 32-byte launch script, a non-UUID', () => {
    const base = { id: 1, groupId: 1, linkedId: 0, linkedIsGroup: false, dataType: 0x4001, offset: 0, size: 0, sizeWithPadding: 0, createdAt: 0, modifiedAt: 0 };
    expect(() => encodeDescriptor({ ...base, name: 'x'.repeat(129) })).toThrow(/129 bytes: SIF has room for 128/);
    expect(() => encodeDescriptor({ ...base, name: 'é'.repeat(64) })).not.toThrow();
    const h = decodeHeader(encodeHeader({ ...decodeHeader(Buffer.concat([Buffer.alloc(32), Buffer.from('SIF_MAGIC\0', 'latin1'), Buffer.alloc(86)])), id: '00000000-0000-0000-0000-000000000000' }));
    expect(() => encodeHeader({ ...h, launchScript: '#'.repeat(32) })).toThrow(/launch script is 32 bytes/);
    expect(() => encodeHeader({ ...h, id: 'not-a-uuid' })).toThrow(/not a UUID/);
  });
});

describe('architectures', () => {
  it('maps Go names to the codes of sylabs/sif arch.go and back', () => {
    expect(SIF_ARCH_CODES.amd64).toBe('02');
    expect(SIF_ARCH_CODES.arm64).toBe('04');
    expect(SIF_ARCH_CODES.riscv64).toBe('12');
    for (const [arch, code] of Object.entries(SIF_ARCH_CODES)) expect(goArchOfCode(code)).toBe(arch);
    expect(goArchOfCode('00')).toBe('unknown');
    expect(goArchOfCode('99')).toBe('unknown');
  });

  it("maps an OCI config's architecture and variant, and refuses what SIF cannot name", () => {
    expect(sifArchOfOci('amd64')).toBe('amd64');
    expect(sifArchOfOci('arm', 'v7')).toBe('arm');
    expect(sifArchOfOci('arm64', 'v8')).toBe('arm64');
    expect(sifArchOfOci('ppc64le')).toBe('ppc64le');
    expect(() => sifArchOfOci('wasm')).toThrow(expect.objectContaining({ name: 'Unsupported', message: expect.stringMatching(/cannot record the architecture wasm/) }));
    expect(() => sifArchOfOci('loong64', 'v1')).toThrow(/loong64\/v1/);
    expect(() => sifArchOfOci('')).toThrow(expect.objectContaining({ name: 'Unsupported' }));
  });
});

describe('writeSif lays objects out as sylabs/sif CreateContainer does', () => {
  it('header, 48 descriptors at 4096, data at 32176, partitions on 4096, IDs 1…n in group 1', async () => {
    const file = await written();
    const info = await readSif(file);
    expect(info).toMatchObject({
      launchScript: '#!/usr/bin/env run-singularity\n',
      version: '01',
      arch: 'arm64',
      id: '0d4c3b8e-1f2a-4b5c-8d6e-7f8091a2b3c4',
      createdAt: 1_700_000_000_000, // whole seconds
      modifiedAt: 1_700_000_000_000,
      descriptorsFree: 45,
      descriptorsTotal: 48,
      descriptorsOffset: 4096,
      descriptorsSize: 28080,
      dataOffset: 32176,
    });
    const [def, labels, part] = info.descriptors;
    expect(def).toMatchObject({ id: 1, groupId: 1, type: 'deffile', name: 'recipe.def', offset: 32176, size: DEF.length, sizeWithPadding: DEF.length });
    expect(labels).toMatchObject({ id: 2, groupId: 1, type: 'labels', offset: 32176 + DEF.length, size: LABELS.length });
    const labelsEnd = labels.offset + labels.size;
    expect(part).toMatchObject({ id: 3, type: 'partition', offset: 32768, size: PART.length, sizeWithPadding: 32768 - labelsEnd + PART.length });
    expect(part.partition).toEqual({ fsType: 'squashfs', partType: 'primary', arch: 'arm64' });
    expect(info.dataSize).toBe(32768 + PART.length - 32176);
    expect(info.fileSize).toBe(32768 + PART.length);
    expect(fs.statSync(file).mode & 0o111).not.toBe(0); // runnable, like sylabs/sif's 0755
    expect(await readSifObject(file, def, 1024)).toEqual(DEF);
    expect(await buffer(sifObjectStream(file, part))).toEqual(PART);
    expect(primaryPartition(info)).toBe(part);
  });

  it('copies a { file } object, an empty one too; without a primary partition the arch is unknown', async () => {
    const data = tmp('data.bin');
    fs.writeFileSync(data, PART);
    const empty = tmp('empty');
    fs.writeFileSync(empty, '');
    const file = tmp();
    await writeSif(file, [
      { type: 'partition', data: { file: data }, partition: { fsType: 'squashfs', partType: 'data', arch: 'amd64' }, alignment: 65536 },
      { type: 'generic', data: { file: empty }, groupId: 0 },
      { type: 'envvar', data: Buffer.alloc(0) },
    ]);
    const info = await readSif(file);
    expect(info.arch).toBe('unknown');
    expect(info.descriptors.map((d) => [d.type, d.offset, d.size, d.groupId])).toEqual([
      ['partition', 65536, PART.length, 1],
      ['generic', 65536 + PART.length, 0, 0],
      ['envvar', 65536 + PART.length, 0, 1],
    ]);
    expect(await readSifObject(file, info.descriptors[0], PART.length)).toEqual(PART);
    expect(await text(sifObjectStream(file, info.descriptors[1]))).toBe('');
    expect(() => primaryPartition(info)).toThrow(expect.objectContaining({ name: 'CorruptArchive', message: expect.stringMatching(/no primary system partition/) }));
  });

  it('reports progress up to the final file size', async () => {
    const seen: [number, number][] = [];
    const file = tmp();
    await writeSif(file, objects(), { onProgress: (w, t) => seen.push([w, t]) });
    const size = fs.statSync(file).size;
    expect(seen.at(-1)).toEqual([size, size]);
    expect(seen.every(([w], i) => i === 0 || w > seen[i - 1][0])).toBe(true);
  });

  it('refuses what SIF cannot hold, before writing anything', async () => {
    const part = { fsType: 'squashfs', partType: 'primary', arch: 'amd64' } as const;
    const cases: [SifObject[], object, RegExp][] = [
      [Array.from({ length: 49 }, () => ({ type: 'generic', data: DEF }) as SifObject), {}, /49 objects do not fit a SIF descriptor table of 48/],
      [[{ type: 'partition', data: PART, partition: part }, { type: 'partition', data: PART, partition: part }], {}, /at most one primary partition/],
      [[{ type: 'partition', data: PART }], {}, /partition metadata goes with/],
      [[{ type: 'labels', data: DEF, partition: part }], {}, /partition metadata goes with/],
      [[{ type: 'signature' as 'generic', data: DEF }], {}, /does not write this type/],
      [[{ type: 'generic', data: DEF, alignment: 3000 }], {}, /alignment 3000 is not a power of two/],
      [[{ type: 'generic', data: DEF, name: 'n'.repeat(129) }], {}, /room for 128/],
      [[{ type: 'generic', data: DEF }], { id: 'nope' }, /not a UUID/],
      [[{ type: 'generic', data: DEF }], { launchScript: `#!${' '.repeat(40)}` }, /launch script is 42 bytes/],
    ];
    for (const [objs, opts, message] of cases) {
      const file = tmp();
      const err = await rejection(writeSif(file, objs, opts));
      expect(err).toMatchObject({ name: 'ValidationError', message: expect.stringMatching(message) });
      expect(fs.existsSync(file)).toBe(false);
    }
  });

  it('leaves nothing behind when it fails or is cancelled, and an existing target untouched', async () => {
    const sub = fs.mkdtempSync(path.join(dir, 'fail-'));
    const target = path.join(sub, 'image.sif');
    fs.writeFileSync(target, 'previous');
    const err = await rejection(writeSif(target, [...objects(), { type: 'generic', data: { file: path.join(sub, 'missing') } }]));
    expect(err).toMatchObject({ name: 'NotFound', message: expect.stringMatching(/no file .*missing/) });
    const big = path.join(sub, 'big.bin');
    fs.writeFileSync(big, Buffer.alloc(8 << 20));
    const controller = new AbortController();
    const cancelled = writeSif(target, [{ type: 'generic', data: { file: big } }], {
      signal: controller.signal,
      onProgress: (w) => w > 1 << 20 && controller.abort(),
    });
    expect(await rejection(cancelled)).toMatchObject({ name: 'Cancelled' });
    const growing = writeSif(target, [{ type: 'generic', data: { file: big } }], { onProgress: (w) => w > 1 << 20 && w < 2 << 20 && fs.appendFileSync(big, 'more') });
    expect(await rejection(growing)).toMatchObject({ name: 'Conflict', message: expect.stringMatching(/big\.bin changed while Berth wrote the SIF file: it had 8388608 bytes, now 8388612/) });
    expect(await rejection(writeSif(path.join(sub, 'no-such-folder', 'x.sif'), objects()))).toMatchObject({ code: 'ENOENT' });
    expect(fs.readdirSync(sub).sort()).toEqual(['big.bin', 'image.sif']);
    expect(fs.readFileSync(target, 'utf8')).toBe('previous');
  });
});

describe('readSif reads what siftool 2.8.3 wrote (testdata/siftool-2.8.3.sif.gz)', () => {
  it('header, names, groups, links, partition and signature extras', async () => {
    const file = tmp('siftool.sif');
    fs.writeFileSync(file, zlib.gunzipSync(fs.readFileSync(path.join(__dirname, 'testdata/siftool-2.8.3.sif.gz'))));
    const info = await readSif(file);
    // The figures siftool header / siftool list printed for this file (testdata/README.md).
    expect(info).toMatchObject({ launchScript: '', version: '01', arch: 'arm64', id: '91ddef1b-5456-4b90-b5b7-7b3e8b997d84', descriptorsFree: 44, descriptorsTotal: 48, dataOffset: 32176, dataSize: 723 });
    expect(info.descriptors.map((d) => [d.id, d.groupId, d.linkedId, d.offset, d.offset + d.size, d.typeLabel, d.name])).toEqual([
      [1, 1, 0, 32176, 32207, 'Def.FILE', 'recipe.def'],
      [2, 1, 0, 32207, 32246, 'JSON.Labels', 'labels.json'],
      [3, 1, 0, 32768, 32868, 'FS', 'rootfs'],
      [4, 0, 3, 32868, 32899, 'Signature', ''],
    ]);
    expect(info.descriptors[2].partition).toEqual({ fsType: 'squashfs', partType: 'primary', arch: 'arm64' });
    expect(info.descriptors[3].signature).toEqual({ hash: 'SHA384', fingerprint: '433fe984155206bd962725e20e8713472a879943' });
    expect((await readSifObject(file, info.descriptors[0], 100)).toString()).toBe('Bootstrap: docker\nFrom: alpine\n');
    expect(JSON.parse((await readSifObject(file, info.descriptors[1], 100)).toString())).toEqual({ 'org.label-schema.build-arch': 'arm64' });
  });
});

describe('readSif refuses what is not a whole SIF file', () => {
  const corrupt = (message: RegExp) => expect.objectContaining({ name: 'CorruptArchive', message: expect.stringMatching(message) });
  const withBytes = (bytes: Buffer) => {
    const file = tmp();
    fs.writeFileSync(file, bytes);
    return file;
  };

  it('an empty file, random bytes, another format', async () => {
    await expect(readSif(withBytes(Buffer.alloc(0)))).rejects.toEqual(corrupt(/empty file, not a SIF file/));
    const random = Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919 + 13) % 256));
    await expect(readSif(withBytes(random))).rejects.toEqual(corrupt(/not a SIF file \(no SIF_MAGIC at byte 32\)/));
    await expect(readSif(withBytes(Buffer.from('hsqs' + '\0'.repeat(200))))).rejects.toEqual(corrupt(/not a SIF file/));
    await expect(readSif(path.join(dir, 'absent.sif'))).rejects.toMatchObject({ name: 'NotFound' });
  });

  it('truncated anywhere: in the header, the descriptor table, an object', async () => {
    const whole = fs.readFileSync(await written());
    const cases: [number, RegExp][] = [
      [1, /not a SIF file .*only 1 bytes/],
      [41, /not a SIF file .*only 41 bytes/],
      [42, /truncated: the SIF header is 128 bytes, the file has 42/],
      [127, /truncated: the SIF header/],
      [128, /truncated: the descriptor table ends at byte 32176, the file has 128 bytes/],
      [4096 + 585, /truncated: the descriptor table/],
      [32175, /truncated: the descriptor table/],
      [32176, /truncated: object 1 \(Def\.FILE\) ends at byte 32208, the file has 32176 bytes/],
      [32768 + 10, /truncated: object 3 \(FS\) ends at byte 37768/],
      [whole.length - 1, /truncated: object 3 \(FS\)/],
    ];
    for (const [length, message] of cases) await expect(readSif(withBytes(whole.subarray(0, length))), `cut at ${length}`).rejects.toEqual(corrupt(message));
  });

  it('a descriptor pointing past the end of the file, an unknown version, a table that does not fit', async () => {
    const whole = fs.readFileSync(await written());
    const patched = (at: number, write: (b: Buffer) => void) => {
      const b = Buffer.from(whole);
      write(b.subarray(at));
      return withBytes(b);
    };
    const third = 4096 + 2 * DESCRIPTOR_SIZE;
    await expect(readSif(patched(third + 17, (b) => b.writeBigInt64LE(BigInt(whole.length))))).rejects.toEqual(corrupt(/object 3 \(FS\) ends at byte \d+, the file has \d+ bytes/));
    await expect(readSif(patched(third + 25, (b) => b.writeBigInt64LE(1n << 40n)))).rejects.toEqual(corrupt(/truncated: object 3/));
    await expect(readSif(patched(third + 17, (b) => b.writeBigInt64LE(-1n)))).rejects.toEqual(corrupt(/object 3 \(FS\) has offset -1/));
    await expect(readSif(patched(third + 17, (b) => b.writeBigInt64LE(1n << 62n)))).rejects.toEqual(corrupt(/object 3's offset is out of range/));
    await expect(readSif(patched(42, (b) => b.write('02', 'latin1')))).rejects.toEqual(corrupt(/SIF version "02" is not one Berth reads \(only "01"\)/));
    await expect(readSif(patched(88, (b) => b.writeBigInt64LE(1000n)))).rejects.toEqual(corrupt(/does not fit the header/));
    await expect(readSif(patched(88, (b) => b.writeBigInt64LE(1n << 40n)))).rejects.toEqual(corrupt(/claims 1099511627776 descriptors/));
  });

  it('streams and reads of an object fail when the file shrank after readSif', async () => {
    const file = await written();
    const info: SifInfo = await readSif(file);
    fs.truncateSync(file, 32768 + 100);
    const part = info.descriptors[2];
    await expect(text(sifObjectStream(file, part))).rejects.toEqual(corrupt(/truncated: object 3 has 100 of its 5000 bytes/));
    await expect(readSifObject(file, part, 1 << 20)).rejects.toEqual(corrupt(/truncated: object 3 has 100 of its 5000 bytes/));
    await expect(readSifObject(file, part, 4999)).rejects.toMatchObject({ name: 'Unsupported', message: expect.stringMatching(/5000 bytes, more than the 4999/) });
  });

  it('primaryPartition: only squashfs', async () => {
    const file = tmp();
    await writeSif(file, [{ type: 'partition', data: PART, partition: { fsType: 'ext3', partType: 'primary', arch: 'amd64' } }]);
    const info = await readSif(file);
    expect(() => primaryPartition(info)).toThrow(expect.objectContaining({ name: 'Unsupported', message: expect.stringMatching(/primary partition is ext3, Berth reads only squashfs/) }));
  });
});
