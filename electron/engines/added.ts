/**
 * Engines added by hand in Berth (`unix://`, `tcp://` with TLS files, `ssh://`), kept in Berth's state
 * folder as `engines.json` (mode 0600; paths to key files, never their contents).
 */
import fs from 'node:fs';
import path from 'node:path';
import { AddedEngine, type EngineCandidate } from '../../shared/engines';
import { BerthError } from '../engine/errors';
import { stateDir } from '../files/state-dir';
import { readStateFile, writeStateFile } from '../files/state-file';


const file = (env: NodeJS.ProcessEnv) => path.join(stateDir(env), 'engines.json');

/** The engines added by hand; entries that no longer validate are skipped. */
export function addedEngines(env: NodeJS.ProcessEnv = process.env): AddedEngine[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readStateFile(file(env)));
  } catch {
    return [];
  }
  return (Array.isArray(raw) ? raw : []).flatMap((e) => {
    const r = AddedEngine.safeParse(e);
    return r.success ? [r.data] : [];
  });
}

function save(list: AddedEngine[], env: NodeJS.ProcessEnv): void {
  fs.mkdirSync(stateDir(env), { recursive: true });
  writeStateFile(file(env), `${JSON.stringify(list, null, 2)}\n`);
}

/** The `added:<name>` key of an engine added by hand. */
export const addedId = (name: string) => `added:${name}`;

/** An added engine as the discovery lists it. */
export function addedCandidate(e: AddedEngine): Omit<EngineCandidate, 'reachable' | 'info' | 'error' | 'inUse'> {
  return {
    id: addedId(e.name),
    name: e.name,
    source: 'added',
    host: e.host,
    tls: !!e.tls,
    cliCurrent: false,
    ...(e.tls ? { tlsFiles: e.tls } : {}),
    ...(e.identityFile ? { identityFile: e.identityFile } : {}),
  };
}

/**
 * Keep a new engine. Files named must exist (a typo is caught now, not at the first connection).
 * @throws BerthError `Conflict` when the name is taken, `ValidationError` for a missing file.
 */
export function addEngine(e: AddedEngine, env: NodeJS.ProcessEnv = process.env): AddedEngine {
  const list = addedEngines(env);
  if (list.some((x) => x.name === e.name)) throw new BerthError('Conflict', `an engine named ${e.name} exists: choose another name`);
  for (const f of [e.tls?.ca, e.tls?.cert, e.tls?.key, e.identityFile]) {
    if (f && !fs.existsSync(f)) throw new BerthError('ValidationError', `${f} does not exist`);
  }
  save([...list, e], env);
  return e;
}

/** Forget an added engine. @throws BerthError `NotFound`. */
export function removeEngine(id: string, env: NodeJS.ProcessEnv = process.env): void {
  const list = addedEngines(env);
  const kept = list.filter((x) => addedId(x.name) !== id);
  if (kept.length === list.length) throw new BerthError('NotFound', `no engine added by hand has the id ${id}`);
  save(kept, env);
}
