/**
 * `npm run package:check`: what can be checked of Berth's packaging on a machine with no internet. Runs
 * electron-builder's own unpacked Linux build (`--dir`) with its `electronDist` option pointing at an
 * Electron folder: ELECTRON_OVERRIDE_DIST_PATH when it holds a real one, else a stand-in made here (an
 * executable script; no Electron zip can be downloaded). Then checks, failing with every problem listed:
 * - the asar holds the built main, preload and renderer, and no dev dependency, test, bench or source file;
 * - node-pty is unpacked from the asar, with its native module;
 * - the app id, executable name, the `.desktop` entry (as electron-builder's own LinuxTargetHelper writes it
 *   for AppImage/deb/rpm) and the icons (PNG, the sizes their names say);
 * - the fuses: read back from the packaged binary (@electron/fuses) when it is a real Electron, else the
 *   afterPack hook's configuration (scripts/packaging/fuses.cjs) against what Berth requires.
 * Needs `npm run build` first (out/). Exits 1 on any failure.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extractFile, listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { build, Platform } from 'electron-builder';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '../..');
const load = createRequire(__filename);
const problems: string[] = [];
const ok: string[] = [];
const check = (cond: boolean, good: string, bad: string) => (cond ? ok.push(good) : problems.push(bad));

/** The PNG's width and height from its IHDR chunk (PNG specification, 11.2.2), or null when not a PNG. */
export function pngSize(file: string): { width: number; height: number } | null {
  const b = fs.readFileSync(file);
  if (b.length < 24 || b.toString('latin1', 1, 4) !== 'PNG' || b.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** A folder standing in for an unpacked Electron zip: an `electron` executable and `version`. */
function standIn(version: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-electron-stand-in-'));
  fs.writeFileSync(path.join(dir, 'electron'), '#!/bin/sh\necho "a stand-in for Electron, made by scripts/packaging/check.ts" >&2\nexit 1\n', { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'version'), version);
  return dir;
}

/** `name@version` of every package in the production dependency tree (`npm ls --omit=dev --all`). */
function productionPackages(): Set<string> {
  const out = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable', '--long'], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  // --long --parseable prints `path:name@version[:...]` per line.
  return new Set(out.split('\n').map((l) => l.split(':')[1]).filter((id): id is string => !!id));
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(root, 'out/main/main.js'))) throw new Error('out/ is missing: run `npm run build` first');
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string>; version: string };
  const config = parse(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as { appId: string; executableName: string; afterPack: string };
  const electronVersion = (JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
  const realDist = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const real = !!realDist && fs.existsSync(path.join(realDist, 'electron'));
  const dist = real ? realDist! : standIn(electronVersion);
  const output = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-package-check-'));
  let desktop = '';
  let icons: { file: string; size: number }[] = [];
  if (!real) process.env.BERTH_PACKAGE_STAND_IN = '1';
  try {
    await build({
      targets: Platform.LINUX.createTarget('dir'),
      config: {
        electronDist: dist,
        electronVersion,
        directories: { output },
        // The hook of the yml runs first (fuses), then the .desktop entry and icons are read off
        // electron-builder's own Linux helper, exactly as its AppImage/deb/rpm targets write them.
        afterPack: async (context) => {
          const hook = load(path.join(root, config.afterPack)) as { default: (c: typeof context) => Promise<void> };
          await hook.default(context);
          const { LinuxTargetHelper } = load('app-builder-lib/out/targets/LinuxTargetHelper') as { LinuxTargetHelper: new (p: unknown) => { computeDesktopEntry(o: unknown): Promise<string>; icons: Promise<{ file: string; size: number }[]> } };
          const helper = new LinuxTargetHelper(context.packager);
          desktop = await helper.computeDesktopEntry((context.packager as unknown as { platformSpecificBuildOptions: unknown }).platformSpecificBuildOptions);
          icons = await helper.icons;
        },
      },
    });
    const appDir = path.join(output, 'linux-unpacked');
    const asar = path.join(appDir, 'resources/app.asar');
    const binary = path.join(appDir, config.executableName);

    // What the asar holds.
    const entries = listPackage(asar, { isPack: false }).map((e) => e.replace(/^[\\/]/, '').split(path.sep).join('/'));
    for (const f of ['out/main/main.js', 'out/preload/preload.js', 'out/renderer/index.html', 'package.json']) check(entries.includes(f), `asar holds ${f}`, `asar lacks ${f}`);
    const own = entries.filter((e) => !e.startsWith('node_modules/'));
    const stray = own.filter((e) => /\.(test|spec|int\.test|fuzz\.test)\.[cm]?[jt]sx?$/.test(e) || /^(e2e|bench|electron|renderer|shared|scripts|test-results)\//.test(e) || /\.tsx?$/.test(e) || e.startsWith('out/bench/'));
    check(stray.length === 0, 'asar holds no tests, benchmarks or sources', `asar holds files it must not: ${stray.slice(0, 10).join(', ')}${stray.length > 10 ? ` (+${stray.length - 10})` : ''}`);
    const prod = productionPackages();
    const packaged = new Set(entries.map((e) => /^(node_modules\/(?:@[^/]+\/)?[^/]+)(?:\/|$)/.exec(e)?.[1]).filter((p): p is string => !!p && !p.split('/').pop()!.startsWith('@')));
    // electron-builder lays packages out its own way (nested ones hoisted), so compare by name and version.
    const ids = [...packaged].map((p) => {
      const meta = JSON.parse(extractFile(asar, `${p}/package.json`).toString('utf8')) as { name: string; version: string };
      return `${meta.name}@${meta.version}`;
    });
    const notProd = ids.filter((id) => !prod.has(id));
    check(notProd.length === 0, `asar's ${ids.length} packages are all in the production tree`, `asar holds packages outside the production tree: ${notProd.join(', ')}`);
    const names = new Set(ids.map((id) => id.slice(0, id.lastIndexOf('@'))));
    const prodNames = new Set([...prod].map((id) => id.slice(0, id.lastIndexOf('@'))));
    const dev = Object.keys(pkg.devDependencies).filter((d) => names.has(d) && !prodNames.has(d));
    check(dev.length === 0, 'no direct dev dependency is packaged', `dev dependencies packaged: ${dev.join(', ')}`);

    // node-pty beside the asar, native module included.
    const ptyNode = path.join(appDir, 'resources/app.asar.unpacked/node_modules/node-pty/build/Release/pty.node');
    check(fs.existsSync(ptyNode), 'node-pty unpacked with build/Release/pty.node', `node-pty's native module is not unpacked (${ptyNode})`);

    // Identity, .desktop entry, icons.
    check(config.appId === 'dev.berth.app', 'app id dev.berth.app', `app id is ${config.appId}`);
    check(fs.existsSync(binary), `executable ${config.executableName}`, `no executable ${binary}`);
    const entry = Object.fromEntries(desktop.split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    const wantEntry: Record<string, string> = { Name: 'Berth', Type: 'Application', Categories: 'Development;', StartupWMClass: 'Berth', Icon: config.executableName };
    for (const [k, v] of Object.entries(wantEntry)) check(entry[k] === v, `.desktop ${k}=${v}`, `.desktop ${k} is ${entry[k] ?? '(missing)'}, not ${v}`);
    check(/^(\S*\/)?berth( |$)/.test(entry.Exec ?? ''), `.desktop Exec=${entry.Exec}`, `.desktop Exec is ${entry.Exec ?? '(missing)'}`);
    check(icons.length >= 5, `${icons.length} icon sizes`, `only ${icons.length} icons found (assets/icons/NxN.png)`);
    for (const icon of icons) {
      const size = pngSize(icon.file);
      check(!!size && size.width === icon.size && size.height === icon.size, `icon ${path.basename(icon.file)} is a ${icon.size}×${icon.size} PNG`, `icon ${icon.file} is not a ${icon.size}×${icon.size} PNG`);
    }

    // Fuses.
    const { FUSES } = load(path.join(root, 'scripts/packaging/fuses.cjs')) as { FUSES: Record<string, unknown> };
    const want: Record<number, boolean> = {
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
    };
    for (const [k, v] of Object.entries(want)) check(FUSES[k] === v, `fuse ${FuseV1Options[Number(k)]} configured ${v ? 'on' : 'off'}`, `fuse ${FuseV1Options[Number(k)]} is configured ${String(FUSES[k])}, not ${v}`);
    if (real) {
      const wire = (await getCurrentFuseWire(binary)) as unknown as Record<string, string>;
      // @electron/fuses reads each fuse as FuseState: '1' enabled, '0' disabled.
      for (const [k, v] of Object.entries(want)) check(String(wire[k]) === (v ? '1' : '0'), `packaged binary: ${FuseV1Options[Number(k)]} ${v ? 'on' : 'off'}`, `packaged binary: ${FuseV1Options[Number(k)]} is ${String(wire[k])}`);
    } else {
      ok.push('fuses not read back: the Electron here is a stand-in (set ELECTRON_OVERRIDE_DIST_PATH to a real unpacked Electron)');
    }
  } finally {
    fs.rmSync(output, { recursive: true, force: true });
    if (!real) fs.rmSync(dist, { recursive: true, force: true });
  }
  for (const line of ok) console.log(`  ok   ${line}`);
  for (const line of problems) console.log(`  FAIL ${line}`);
  console.log(problems.length ? `package:check FAILED: ${problems.length} problem(s)` : `package:check passed (${ok.length} checks, Electron ${real ? 'binary' : 'stand-in'} ${electronVersion})`);
  if (problems.length) process.exitCode = 1;
}

if (require.main === module)
  main().catch((err: unknown) => {
    console.error(`package:check FAILED: ${(err as Error).stack ?? String(err)}`);
    process.exitCode = 1;
  });
