/**
 * Registry credentials where the Docker CLI keeps them, so a person logged in with `docker login` is
 * logged in here and the other way round:
 * - `$DOCKER_CONFIG/config.json` (default `~/.docker/config.json`), `auths[<registry>].auth` =
 *   base64("user:password"), or `identitytoken`;
 * - a credential helper named by `credHelpers[<registry>]` or `credsStore`: the program
 *   `docker-credential-<name>` with verb `get|store|erase|list`, JSON on stdin/stdout
 *   (protocol: github.com/docker/docker-credential-helpers). As the CLI does, a registry stored in a
 *   helper also gets an empty `auths` entry so it is listed.
 * Secrets are returned only to the Node side's callers (the engine's X-Registry-Auth); never logged.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { BerthError } from '../engine/errors';

/** A stored credential: `secret` is a password or an identity token. */
export interface Credential {
  username: string;
  secret: string;
  /** True when `secret` is an identity (refresh) token rather than a password. */
  identityToken?: boolean;
}

/** The parts of config.json Berth reads and writes; every other field is kept as it is. */
interface ConfigFile {
  auths?: Record<string, { auth?: string; identitytoken?: string; username?: string; password?: string }>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
  [other: string]: unknown;
}

/** The CLI's config folder: `$DOCKER_CONFIG`, else `~/.docker`. */
export function dockerConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKER_CONFIG || path.join(os.homedir(), '.docker');
}

export class CredentialStore {
  constructor(private readonly dir: string = dockerConfigDir()) {}

  private get file(): string {
    return path.join(this.dir, 'config.json');
  }

  private async read(): Promise<ConfigFile> {
    try {
      return JSON.parse(await fs.readFile(this.file, 'utf8')) as ConfigFile;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new BerthError('ConfigError', `cannot read ${this.file}: ${(err as Error).message}`);
    }
  }

  private async write(config: ConfigFile): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writeFileAtomic(this.file, `${JSON.stringify(config, null, '\t')}\n`, { mode: 0o600 });
  }

  private helperFor(config: ConfigFile, key: string): string | undefined {
    return config.credHelpers?.[key] || config.credsStore || undefined;
  }

  /** The credential for registry `key` (see registryAuthKey), or null when there is none. */
  async get(key: string): Promise<Credential | null> {
    return this.lookup(await this.read(), key);
  }

  private async lookup(config: ConfigFile, key: string): Promise<Credential | null> {
    const helper = this.helperFor(config, key);
    if (helper) {
      const out = await runHelper(helper, 'get', key).catch((err: Error) => {
        if (/credentials not found|not found/i.test(err.message)) return null;
        throw err;
      });
      if (!out) return null;
      const c = JSON.parse(out) as { Username?: string; Secret?: string };
      if (!c.Secret) return null;
      // The CLI stores identity tokens in helpers with the username "<token>".
      return c.Username === '<token>' ? { username: '', secret: c.Secret, identityToken: true } : { username: c.Username ?? '', secret: c.Secret };
    }
    const entry = config.auths?.[key];
    if (!entry) return null;
    let username = entry.username ?? '';
    let secret = entry.password ?? '';
    if (entry.auth) {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) [username, secret] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
    }
    if (entry.identitytoken) return { username, secret: entry.identitytoken, identityToken: true };
    return secret ? { username, secret } : null;
  }

  /** Store a credential for `key` where the CLI would. */
  async store(key: string, c: Credential): Promise<void> {
    const config = await this.read();
    const helper = this.helperFor(config, key);
    config.auths ??= {};
    if (helper) {
      await runHelper(helper, 'store', JSON.stringify({ ServerURL: key, Username: c.identityToken ? '<token>' : c.username, Secret: c.secret }));
      config.auths[key] = {};
    } else if (c.identityToken) {
      config.auths[key] = { auth: Buffer.from(`${c.username}:`).toString('base64'), identitytoken: c.secret };
    } else {
      config.auths[key] = { auth: Buffer.from(`${c.username}:${c.secret}`).toString('base64') };
    }
    await this.write(config);
  }

  /** Forget the credential for `key` (log out). Nothing happens when there is none. */
  async erase(key: string): Promise<void> {
    const config = await this.read();
    const helper = this.helperFor(config, key);
    if (helper) await runHelper(helper, 'erase', key).catch(() => undefined);
    if (config.auths?.[key]) {
      delete config.auths[key];
      await this.write(config);
    }
  }

  /** Every stored credential by registry key (config.json read once; unreadable entries left out). */
  async all(): Promise<Map<string, Credential>> {
    const config = await this.read();
    const found = new Map<string, Credential>();
    for (const key of Object.keys(config.auths ?? {}).sort((a, b) => a.localeCompare(b))) {
      const c = await this.lookup(config, key).catch(() => null);
      if (c) found.set(key, c);
    }
    return found;
  }

  /** Registries with a stored credential and their user names (never secrets), sorted by registry. */
  async list(): Promise<{ registry: string; username: string }[]> {
    return [...(await this.all())].map(([registry, c]) => ({ registry, username: c.username }));
  }
}

/** Run `docker-credential-<helper> <verb>` with `input` on stdin; its stdout, trimmed. */
function runHelper(helper: string, verb: 'get' | 'store' | 'erase' | 'list', input: string): Promise<string> {
  if (!/^[A-Za-z0-9_.-]+$/.test(helper)) return Promise.reject(new BerthError('ConfigError', `bad credential helper name: ${helper}`));
  return new Promise((resolve, reject) => {
    const child = spawn(`docker-credential-${helper}`, [verb], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let errText = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (errText += d));
    child.on('error', (err) => reject(new BerthError('ConfigError', `credential helper docker-credential-${helper}: ${err.message}`)));
    child.on('close', (code) => {
      if (code === 0) resolve(out.trim());
      else reject(new BerthError('ConfigError', `docker-credential-${helper} ${verb}: ${(out || errText).trim() || `exit ${code}`}`));
    });
    child.stdin.end(input);
  });
}
