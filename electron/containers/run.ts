/**
 * `docker run`: a RunSpec (shared/run.ts) becomes `POST /containers/create` + start, the way the Docker CLI
 * does it: `-it` sets Tty, OpenStdin and the Attach flags, and the terminal is attached *before* start so
 * the first output is caught; `--rm` is the engine's AutoRemove; `-v` goes to Binds (a missing host folder
 * is created by the engine, as with the CLI); `-p` to ExposedPorts + PortBindings. Without `-it` or `-d`
 * (`attach`) stdout and stderr are attached before start, as the CLI does, into a read-only session.
 * The engine's create never pulls: the client pulls first (`--pull`, shared/run.ts), as the CLI does.
 */
import type { ContainerCreateOptions } from 'dockerode';
import type { RunSpec } from '../../shared/run';
import { formatMount } from '../../shared/run';
import type { SessionInfo } from '../../shared/sessions';
import type { Engine } from '../engine/engine';
import { BerthError } from '../engine/errors';
import type { SessionManager } from '../sessions/manager';

/** Default TTY size before the renderer reports its own. */
const DEFAULT_SIZE = { cols: 80, rows: 24 };

/** The Engine API create body for a spec (`name` travels in the query). */
export function createOptions(spec: RunSpec): ContainerCreateOptions {
  const portKey = (p: RunSpec['ports'][number]) => `${p.containerPort}/${p.protocol}`;
  const exposed: Record<string, object> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const p of spec.ports) {
    exposed[portKey(p)] = {};
    (bindings[portKey(p)] ??= []).push({ HostIp: p.hostIp ?? '', HostPort: p.hostPort ? String(p.hostPort) : '' });
  }
  const it = spec.interactive;
  const output = it || Boolean(spec.attach);
  const options: ContainerCreateOptions = {
    Image: spec.image,
    Tty: it,
    OpenStdin: it,
    StdinOnce: false,
    AttachStdin: it,
    AttachStdout: output,
    AttachStderr: output,
    Env: spec.env,
    ExposedPorts: exposed,
    HostConfig: {
      AutoRemove: spec.autoRemove,
      Binds: spec.mounts.filter((m) => m.source).map(formatMount),
      PortBindings: bindings,
      RestartPolicy: { Name: spec.restart.name === 'no' ? '' : spec.restart.name, MaximumRetryCount: spec.restart.maximumRetryCount ?? 0 },
      ...(spec.network ? { NetworkMode: spec.network } : {}),
    },
  };
  if (spec.command.length) options.Cmd = spec.command;
  if (spec.entrypoint !== undefined) options.Entrypoint = spec.entrypoint === '' ? [''] : [spec.entrypoint];
  if (spec.workdir) options.WorkingDir = spec.workdir;
  if (spec.user) options.User = spec.user;
  const anonymous = spec.mounts.filter((m) => !m.source);
  if (anonymous.length) options.Volumes = Object.fromEntries(anonymous.map((m) => [m.target, {}]));
  if (spec.name) options.name = spec.name;
  return options;
}

export interface RunResult {
  id: string;
  name: string;
  /** The attached terminal session, for `-it`, and the read-only one of a run without `-d` (`attach`). */
  session?: SessionInfo;
}

/**
 * Create and start a container. With `-it`, a terminal session is attached before start; with `-dit` the
 * container gets its TTY and open stdin but nothing attaches (Attach opens it later); with `attach` its
 * stdout and stderr are attached before start into a read-only session (no TTY, no stdin), which keeps
 * the output and the exit code after the container is gone.
 * A container that cannot start is removed again (nothing half-made is left behind), and the engine's
 * reason is given.
 * @throws BerthError `NotFound` (no such image on the engine, in the CLI's words: the caller pulls, see
 *   `--pull` in shared/run.ts), `Conflict` (name in use), `EngineError`.
 */
export async function runContainer(engine: Engine, sessions: SessionManager, spec: RunSpec): Promise<RunResult> {
  let container;
  try {
    container = await engine.call((d) => d.createContainer(createOptions(spec)));
  } catch (err) {
    if (err instanceof BerthError && err.name === 'NotFound' && /image/i.test(err.message)) {
      const why = spec.pull === 'never' ? ' and --pull never forbids pulling it' : ': pull it first';
      throw new BerthError('NotFound', `Unable to find image '${spec.image}' locally${why} (No such image: ${spec.image})`);
    }
    throw err;
  }
  const made = await sessions.terminalOf(container.id);
  let session: SessionInfo | undefined;
  let resize: (() => Promise<void>) | undefined;
  try {
    if ((spec.interactive && !spec.detach) || (!spec.interactive && spec.attach)) {
      const mode = spec.interactive ? undefined : { tty: false, stdin: false };
      const attached = await sessions.attachNew(made, spec.terminal ?? DEFAULT_SIZE, mode);
      session = attached.info;
      resize = attached.resize;
    }
    await engine.call(() => container.start());
  } catch (err) {
    if (session) sessions.close({ id: session.id });
    await engine.call(() => container.remove({ force: true })).catch(() => undefined);
    throw err;
  }
  await resize?.();
  return { id: made.id, name: made.name, ...(session ? { session } : {}) };
}
