/**
 * The engine chosen in Berth, remembered for the next start in `$BERTH_STATE_DIR/engine.json`
 * (default `$XDG_CONFIG_HOME/berth`, else `~/.config/berth`). An explicit `DOCKER_HOST` always wins,
 * as it does for the Docker CLI.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { EngineCandidate } from '../../shared/engines';
import type { EngineHost } from '../engine/host';
import { stateDir } from '../files/state-dir';
import { findEngines, hostOf } from './discover';
import { readStateFile, writeStateFile } from '../files/state-file';

type Remembered = Pick<EngineCandidate, 'id' | 'name' | 'host' | 'tls' | 'source' | 'tlsFiles' | 'identityFile'>;


/** Remember the engine in use. Failures to write are ignored (the choice then lasts this run only). */
export function rememberEngine(c: EngineCandidate, env: NodeJS.ProcessEnv = process.env): void {
  const keep: Remembered = { id: c.id, name: c.name, host: c.host, tls: c.tls, source: c.source, tlsFiles: c.tlsFiles, identityFile: c.identityFile };
  try {
    fs.mkdirSync(stateDir(env), { recursive: true });
    writeStateFile(path.join(stateDir(env), 'engine.json'), `${JSON.stringify(keep, null, 2)}\n`);
  } catch {
    // read-only home: not remembered
  }
}

/** The remembered engine's host, unless DOCKER_HOST is set or nothing (valid) is remembered. */
export function rememberedHost(env: NodeJS.ProcessEnv = process.env): EngineHost | undefined {
  if (env.DOCKER_HOST) return undefined;
  try {
    const r = JSON.parse(readStateFile(path.join(stateDir(env), 'engine.json'))) as Remembered;
    return typeof r.host === 'string' ? hostOf(r, env) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The engine to start on: none of Berth's choosing when `DOCKER_HOST` is set (it wins, as for the Docker CLI);
 * else the default engine of the settings (`engine.default`, an Engines view id) while it is still listed;
 * else the engine remembered from the last run; else undefined (the environment's default socket).
 */
export function startHost(defaultEngine: string | undefined, env: NodeJS.ProcessEnv = process.env): EngineHost | undefined {
  if (env.DOCKER_HOST) return undefined;
  const chosen = defaultEngine ? findEngines(env).find((f) => f.id === defaultEngine) : undefined;
  if (chosen) return hostOf(chosen, env);
  if (defaultEngine) console.warn(`berth: the default engine ${defaultEngine} is not known (any more): starting on the last one used`);
  return rememberedHost(env);
}
