// Integration: SIF files Berth writes, checked by the tools that own the format: siftool 2.8 (sylabs/sif,
// what Singularity and Apptainer read) lists, describes and dumps them; tar2sqfs builds the squashfs
// partition from a tar made with tar-stream; unsquashfs lists it back, also straight out of the SIF at the
// partition's offset (as Singularity mounts it). No engine needed; the tools are Debian packages
// (scripts/install-deps.sh). Missing tools fail the suite under CI=true and skip it loudly elsewhere.
import { execFile, spawn } from 'node:child_process';
import { createHash, randomBytes, randomFillSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import tar from 'tar-stream';
import { afterAll, describe, expect, it } from 'vitest';
import { readSif, sifObjectStream, writeSif } from './format';

const TOOLS = ['siftool', 'tar2sqfs', 'unsquashfs'];
const onPath = (tool: string) => (process.env.PATH ?? '').split(':').some((d) => d && fs.existsSync(path.join(d, tool)));
const missing = TOOLS.filter((t) => !onPath(t));
if (missing.length && process.env.CI === 'true') throw new Error(`the SIF suite must run in CI: missing ${missing.join(', ')} (bash scripts/install-deps.sh)`);
if (missing.length) console.warn(`SKIPPED: the SIF suite needs ${missing.join(', ')} (bash scripts/install-deps.sh installs them)`);

const execFileP = promisify(execFile);
const run = async (cmd: string, args: string[]) => (await execFileP(cmd, args, { maxBuffer: 16 << 20 })).stdout;
const runBytes = async (cmd: string, args: string[]) => (await execFileP(cmd, args, { encoding: 'buffer', maxBuffer: 16 << 20 })).stdout;

/** Run `cmd` with `input` on stdin; resolves when it exits 0. */
function runWithInput(cmd: string, args: string[], input: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited ${code}: ${stderr}`))));
    child.stdin.end(input);
  });
}

/** SHA-256 (hex) of what `cmd` writes to stdout, streamed. */
function sha256Of(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    const hash = createHash('sha256');
    child.stdout.on('data', (c: Buffer) => hash.update(c));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(hash.digest('hex')) : reject(new Error(`${cmd} exited ${code}`))));
  });
}

async function tarOf(entries: { name: string; type?: 'directory' | 'symlink'; linkname?: string; mode?: number; body?: string }[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (c) => chunks.push(c as Buffer));
  const done = new Promise<void>((r) => pack.on('end', () => r()));
  for (const { body, ...header } of entries) {
    await new Promise<void>((resolve, reject) => pack.entry({ mtime: new Date(1_700_000_000_000), ...header }, body ?? '', (err) => (err ? reject(err) : resolve())));
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** `siftool list`'s rows: ID, group, link, start, end, type. */
function listRows(out: string): string[][] {
  return out
    .split('\n')
    .map((line) => /^(\d+)\s*\|(\S+)\s*\|(\S+)\s*\|(\d+)-(\d+)\s*\|(.+?)\s*$/.exec(line)?.slice(1))
    .filter((row): row is string[] => row !== undefined);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-sif-int-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const DEF = Buffer.from('Bootstrap: docker\nFrom: berth-test:latest\n\n%labels\n  made.by Berth\n');
const LABELS = Buffer.from(JSON.stringify({ 'org.opencontainers.image.title': 'demo', 'made.by': 'Berth' }));

async function squashfs(): Promise<string> {
  const tarball = await tarOf([
    { name: 'bin', type: 'directory', mode: 0o755 },
    { name: 'bin/hello', mode: 0o755, body: '#!/bin/sh\necho hello\n' },
    { name: 'bin/hi', type: 'symlink', linkname: 'hello' },
    { name: 'etc', type: 'directory', mode: 0o755 },
    { name: 'etc/os-release', mode: 0o644, body: 'NAME=Berth test\n' },
    { name: 'data', type: 'directory', mode: 0o755 },
    { name: 'data/ünïcode.txt', mode: 0o644, body: 'é\n' },
  ]);
  const sqfs = path.join(dir, `rootfs-${randomBytes(4).toString('hex')}.sqfs`);
  await runWithInput('tar2sqfs', ['-q', '-f', sqfs], tarball);
  return sqfs;
}

describe.skipIf(missing.length > 0)('SIF files Berth writes, as siftool and unsquashfs read them', () => {
  it('a definition, labels and a squashfs primary partition: siftool header, list, info and dump agree', async () => {
    const sqfs = await squashfs();
    const image = path.join(dir, 'demo.sif');
    const id = 'b2659d4e-bd50-4ea5-bd17-eec5e54f918e';
    await writeSif(
      image,
      [
        { type: 'deffile', data: DEF },
        { type: 'labels', data: LABELS },
        { type: 'partition', data: { file: sqfs }, partition: { fsType: 'squashfs', partType: 'primary', arch: 'amd64' } },
      ],
      { id, createdAt: new Date('2026-12-01T10:20:30Z') },
    );
    const sqfsSize = fs.statSync(sqfs).size;

    const header = await run('siftool', ['header', image]);
    expect(header).toMatch(/^Launch Script:\s+#!\/usr\/bin\/env run-singularity$/m);
    expect(header).toMatch(/^Version:\s+01$/m);
    expect(header).toMatch(/^Primary Architecture:\s+amd64$/m);
    expect(header).toMatch(new RegExp(`^ID:\\s+${id}$`, 'm'));
    expect(header).toMatch(/^Created At:\s+2026-12-01 10:20:30 \+0000 UTC$/m);
    expect(header).toMatch(/^Descriptors Free:\s+45$/m);
    expect(header).toMatch(/^Descriptors Total:\s+48$/m);
    expect(header).toMatch(/^Descriptors Offset:\s+4096$/m);
    expect(header).toMatch(/^Data Offset:\s+32176$/m);

    const defEnd = 32176 + DEF.length;
    const labelsEnd = defEnd + LABELS.length;
    expect(listRows(await run('siftool', ['list', image]))).toEqual([
      ['1', '1', 'NONE', '32176', String(defEnd), 'Def.FILE'],
      ['2', '1', 'NONE', String(defEnd), String(labelsEnd), 'JSON.Labels'],
      ['3', '1', 'NONE', '32768', String(32768 + sqfsSize), 'FS (Squashfs/*System/amd64)'],
    ]);

    const info = await run('siftool', ['info', '3', image]);
    expect(info).toMatch(/^\s*Data Type:\s+FS$/m);
    expect(info).toMatch(/^\s*Offset:\s+32768$/m);
    expect(info).toMatch(new RegExp(`^\\s*Size:\\s+${sqfsSize}$`, 'm'));
    expect(info).toMatch(/^\s*Filesystem Type:\s+Squashfs$/m);
    expect(info).toMatch(/^\s*Partition Type:\s+\*System$/m);
    expect(info).toMatch(/^\s*Architecture:\s+amd64$/m);

    expect(await runBytes('siftool', ['dump', '1', image])).toEqual(DEF);
    expect(JSON.parse((await runBytes('siftool', ['dump', '2', image])).toString())).toEqual(JSON.parse(LABELS.toString()));
    const dumped = path.join(dir, 'dumped.sqfs');
    fs.writeFileSync(dumped, await runBytes('siftool', ['dump', '3', image]));
    expect(fs.readFileSync(dumped)).toEqual(fs.readFileSync(sqfs));

    const expected = ['squashfs-root/bin/hello', 'squashfs-root/bin/hi', 'squashfs-root/data/ünïcode.txt', 'squashfs-root/etc/os-release'];
    const listed = (out: string) => out.split('\n').filter((l) => l.startsWith('squashfs-root/'));
    expect(listed(await run('unsquashfs', ['-l', dumped]))).toEqual(expect.arrayContaining(expected));
    // Straight out of the SIF at the partition's offset, as Singularity mounts it.
    expect(listed(await run('unsquashfs', ['-o', '32768', '-l', image]))).toEqual(expect.arrayContaining(expected));
  });

  it('is byte for byte what siftool itself writes for the same objects (timestamps aside)', async () => {
    const sqfs = await squashfs();
    const def = path.join(dir, 'recipe.def');
    fs.writeFileSync(def, DEF);
    const theirs = path.join(dir, 'theirs.sif');
    await run('siftool', ['new', theirs]);
    await run('siftool', ['add', theirs, def, '--datatype', '1', '--groupid', '1', '--filename', 'recipe.def']);
    await run('siftool', ['add', theirs, sqfs, '--datatype', '4', '--parttype', '2', '--partfs', '1', '--partarch', '2', '--groupid', '1', '--filename', 'rootfs']);
    const id = /^ID:\s+(\S+)$/m.exec(await run('siftool', ['header', theirs]))?.[1];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    const ours = path.join(dir, 'ours.sif');
    await writeSif(
      ours,
      [
        { type: 'deffile', data: { file: def }, name: 'recipe.def' },
        { type: 'partition', data: { file: sqfs }, name: 'rootfs', partition: { fsType: 'squashfs', partType: 'primary', arch: 'amd64' } },
      ],
      { id, launchScript: '' }, // siftool new writes no launch script
    );
    // Times: the header's created/modified (bytes 64–80) and each descriptor's (41–57 within its 585 bytes).
    const untimed = (file: string) => {
      const b = fs.readFileSync(file);
      b.fill(0, 64, 80);
      for (const i of [0, 1]) b.fill(0, 4096 + i * 585 + 41, 4096 + i * 585 + 57);
      return b;
    };
    const [a, b] = [untimed(ours), untimed(theirs)];
    expect(a.length).toBe(b.length);
    const firstDifference = a.findIndex((byte, i) => byte !== b[i]);
    expect(firstDifference).toBe(-1);
  });

  it('a 64 MiB partition file streams through with bounded memory, and dumps back whole', async () => {
    const big = path.join(dir, 'big.bin');
    const size = 64 << 20;
    const hash = createHash('sha256');
    const fd = fs.openSync(big, 'w');
    const chunk = Buffer.alloc(1 << 20); // one buffer, refilled: no garbage the write could later reuse unseen
    for (let at = 0; at < size; at += chunk.length) {
      randomFillSync(chunk);
      hash.update(chunk);
      fs.writeSync(fd, chunk);
    }
    fs.closeSync(fd);
    const digest = hash.digest('hex');

    const image = path.join(dir, 'big.sif');
    const baseline = process.memoryUsage.rss();
    let peak = baseline;
    const started = performance.now();
    await writeSif(image, [{ type: 'deffile', data: DEF }, { type: 'partition', data: { file: big }, partition: { fsType: 'raw', partType: 'data', arch: 'arm64' } }], {
      onProgress: () => (peak = Math.max(peak, process.memoryUsage.rss())),
    });
    const growth = peak - baseline;
    const ms = performance.now() - started;
    console.log(`SIF write of a 64 MiB partition: ${ms.toFixed(0)} ms, RSS grew ${(growth / 2 ** 20).toFixed(1)} MiB (baseline ${(baseline / 2 ** 20).toFixed(0)} MiB)`);
    expect(growth).toBeLessThan(8 << 20); // one 1 MiB copy buffer; a Buffer per chunk had grown it by 35 MiB

    const rows = listRows(await run('siftool', ['list', image]));
    expect(rows[1]).toEqual(['2', '1', 'NONE', '32768', String(32768 + size), 'FS (Raw/Data/arm64)']);
    expect(await sha256Of('siftool', ['dump', '2', image])).toBe(digest);
    const part = (await readSif(image)).descriptors[1];
    const ours = createHash('sha256');
    for await (const chunk of sifObjectStream(image, part)) ours.update(chunk as Buffer);
    expect(ours.digest('hex')).toBe(digest);
  });
});
