/**
 * The Stacks feature's Node side: what needs the compose model runs the user's own Compose (compose.ts)
 * against Berth's engine — `config` (the resolved configuration, shown before starting), `up -d` and
 * `down` as tasks with Compose's output as their log. Everything else about stacks (grouping, state,
 * start/stop/remove of their containers) comes from the engine alone, in the renderer.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ComposeInfo, ComposeSpec } from '../../shared/stacks';
import type { Task } from '../../shared/tasks';
import type { Engine } from '../engine/engine';
import { BerthError } from '../engine/errors';
import type { TaskContext, TaskManager } from '../tasks/manager';
import type { LogsService } from '../logs/service';
import { ComposeFailed, ENGINE_WATCH, composeArgs, composeEnv, findCompose, runCompose, watchEngine, type Compose } from './compose';
import { describeFailures, dockerComposeFailures, podmanComposeFailures, stackState } from './outcome';

const PROJECT = 'com.docker.compose.project';
const SERVICE = 'com.docker.compose.service';
const ONEOFF = 'com.docker.compose.oneoff';
const CONFIG_FILES = 'com.docker.compose.project.config_files';
const WORKING_DIR = 'com.docker.compose.project.working_dir';
const NUMBER = 'com.docker.compose.container-number';
/** Time allowed for `compose config` (ms): a file that takes longer is refused, Compose stopped. */
const CONFIG_MS = 60_000;
/** Output lines of one Compose run kept to explain its failure. */
const LINES_KEPT = 2000;
/** Characters of Compose's output quoted after an explained failure (the whole output is in the task log). */
const QUOTED = 1200;
/** A `profiles:` key in a compose file (YAML or JSON), for a Compose that would ignore it. */
const PROFILES_KEY = /(^|[\s{,])["']?profiles["']?\s*:/m;

/** One Compose run within a task: its arguments after the global ones, and what to do with its outcome. */
interface Step {
  args: string[];
  /** Said in the log when the step fails; the task then goes on. */
  tolerated?: string;
  /** `up`: podman-compose's output is checked for containers that did not start (it exits 0 regardless). */
  up?: boolean;
  /** Checked once the step succeeded (its error fails the task). */
  after?(): Promise<void>;
}

/** The project name Compose derives from the first file's folder when none is given (v1, v2 and podman-compose alike). */
function defaultProject(spec: ComposeSpec): string {
  return path.basename(path.dirname(spec.files[0]!)).toLowerCase().replace(/[^-_a-z0-9]/g, '');
}

export class StacksService {
  /** @param o.watch how the engine is watched while Compose runs (compose.ts ENGINE_WATCH; tests shorten it). */
  constructor(
    private readonly engine: Engine,
    private readonly tasks: TaskManager,
    private readonly logs: LogsService,
    private readonly o: { watch?: typeof ENGINE_WATCH } = {},
  ) {}

  /** Which Compose Berth found for the engine in use (or what to install). */
  async compose(): Promise<ComposeInfo> {
    const { found, hint } = await findCompose(this.engine);
    return { found: found ? { name: found.name, version: found.version, command: found.command } : null, hint };
  }

  /** @throws BerthError `Unsupported` naming what to install (or why the Compose BERTH_COMPOSE names cannot be used). */
  private async mustFind(): Promise<Compose> {
    const { found, hint } = await findCompose(this.engine);
    if (!found) throw new BerthError('Unsupported', hint ?? 'no Compose found');
    return found;
  }

  /** @throws BerthError `NotFound` unless every file is a regular file. */
  private async checkFiles(spec: ComposeSpec): Promise<void> {
    for (const f of [...spec.files, ...(spec.envFile ? [spec.envFile] : [])]) {
      const st = await fs.promises.stat(f).catch(() => undefined);
      if (!st?.isFile()) throw new BerthError('NotFound', st ? `${f} is not a regular file` : `no such file: ${f}`);
    }
  }

  /**
   * Refuse what `compose` cannot do before anything runs: profiles asked for, or `profiles:` in the files
   * (a Compose without profiles would start those services too).
   * @throws BerthError `Unsupported` saying what to use instead.
   */
  private checkProfiles(compose: Compose, files: string[], cwd: string | undefined, profiles: string[] | undefined): void {
    if (!compose.lacks.includes('profiles')) return;
    const instead = 'use docker-compose ≥ 1.28 against this engine (BERTH_COMPOSE=docker-compose) or a newer podman-compose (≥ 1.1.0)';
    if (profiles?.length) throw new BerthError('Unsupported', `${compose.name} ${compose.version} does not know profiles (asked for: ${profiles.join(', ')}): ${instead}`);
    const using = files.filter((f) => PROFILES_KEY.test(fs.readFileSync(path.resolve(cwd ?? '/', f), 'utf8')));
    if (using.length) throw new BerthError('Unsupported', `${compose.name} ${compose.version} does not know profiles and would start the services behind them too (${using.map((f) => path.basename(f)).join(', ')} uses profiles:): ${instead}`);
  }

  /**
   * Compose's global arguments for `spec` as `compose` takes them: without `--env-file` when it has none
   * and the file is the `.env` it reads by itself (beside the first compose file).
   * @throws BerthError `Unsupported` for profiles or another env file it cannot take.
   */
  private globalArgs(compose: Compose, spec: ComposeSpec): string[] {
    this.checkProfiles(compose, spec.files, undefined, spec.profiles);
    if (spec.envFile && compose.lacks.includes('env-file')) {
      const own = path.join(fs.realpathSync(path.dirname(spec.files[0]!)), '.env');
      if (fs.realpathSync(spec.envFile) !== own) throw new BerthError('Unsupported', `${compose.name} ${compose.version} takes no --env-file: it reads only ${own} (the .env beside the first compose file)`);
      return composeArgs({ ...spec, envFile: undefined });
    }
    return composeArgs(spec);
  }

  /**
   * `compose config`: the resolved configuration (YAML text), as Compose itself resolves it.
   * @throws BerthError `NotFound`, `Unsupported` (no Compose, or one without `config`), `ValidationError`
   *   with Compose's message for an invalid file.
   */
  async config(spec: ComposeSpec): Promise<{ yaml: string; compose: string }> {
    await this.checkFiles(spec);
    const compose = await this.mustFind();
    if (compose.lacks.includes('config')) throw new BerthError('Unsupported', `${compose.name} ${compose.version} has no config command, so the resolved configuration cannot be shown (podman-compose 1.0.6 and later have it); Up still works`);
    try {
      const yaml = await runCompose(compose, [...this.globalArgs(compose, spec), 'config'], { stdoutOnly: true, timeoutMs: CONFIG_MS, env: composeEnv(this.engine), cwd: path.dirname(spec.files[0]!) });
      return { yaml, compose: `${compose.name} ${compose.version}` };
    } catch (err) {
      if (err instanceof BerthError && err.name === 'EngineError') throw new BerthError('ValidationError', err.message);
      throw err;
    }
  }

  /**
   * `compose up -d` as a task (Compose's output its log). A failure says which services did not start and
   * why (the image that could not be pulled, the engine's words), what the engine shows of the stack
   * now, or that the engine was lost.
   * @throws BerthError `NotFound`, `Unsupported` before the task starts.
   */
  async up(spec: ComposeSpec): Promise<Task> {
    await this.checkFiles(spec);
    const compose = await this.mustFind();
    const global = this.globalArgs(compose, spec);
    const label = spec.project ?? path.basename(path.dirname(spec.files[0]!));
    const project = spec.project ?? defaultProject(spec);
    return this.tasks.start('compose', `Up ${label} (${compose.name} ${compose.version})`, async (ctx) => {
      await this.runStep(ctx, compose, global, { args: ['up', '-d'], up: true }, { cwd: path.dirname(spec.files[0]!), project });
      return label;
    });
  }

  /** `GET /_ping`, given up when `signal` aborts. @throws BerthError `EngineUnreachable` (or the engine's error). */
  private ping(signal: AbortSignal): Promise<unknown> {
    return this.engine.call((d) => (d as unknown as { ping(o: { abortSignal: AbortSignal }): Promise<unknown> }).ping({ abortSignal: signal }));
  }

  /** The project's containers as the engine lists them (one-off `compose run` containers left out). */
  private async containersOf(project: string): Promise<{ Id: string; Names: string[]; State: string; Status: string; Labels: Record<string, string> }[]> {
    const list = await this.engine.call((d) => d.listContainers({ all: true, filters: { label: [`${PROJECT}=${project}`] } }));
    return list.filter((c) => c.Labels?.[ONEOFF] !== 'True' && !/_tmp\d+$/.test(c.Names?.[0] ?? ''));
  }

  /** What the engine shows of `project` now, in words (outcome.ts stackState), or why it cannot be said. */
  private async stateOf(project: string): Promise<string> {
    try {
      const list = await this.containersOf(project);
      return stackState(list.map((c) => ({ service: c.Labels?.[SERVICE] ?? c.Names?.[0] ?? c.Id, state: c.State, status: c.Status })));
    } catch (err) {
      return `the stack's containers could not be listed (${(err as Error).message})`;
    }
  }

  /**
   * Run one Compose step of a task with the engine watched (compose.ts watchEngine): Compose is stopped
   * when the engine stops answering. Every failure becomes one message: the engine lost, else the
   * services Compose names as failed, what the engine shows of the stack now, and Compose's last words.
   * @throws BerthError `EngineUnreachable` (engine lost), `EngineError` (Compose failed, or podman-compose's
   *   `up` left containers not started while exiting 0), `Cancelled`.
   */
  private async runStep(ctx: TaskContext, compose: Compose, global: string[], step: Step, o: { cwd?: string; project: string }): Promise<void> {
    const args = [...global, ...step.args];
    const verb = step.args.filter((a) => !a.startsWith('-')).slice(0, 1).join('') || step.args.join(' ');
    ctx.log(`$ ${[...compose.command, ...args].join(' ')}`);
    const lines: string[] = [];
    const lost = new AbortController();
    let lostError: unknown;
    const stop = watchEngine(
      (signal) => this.ping(signal),
      (err) => {
        lostError = err;
        lost.abort();
      },
      this.o.watch,
    );
    const display = this.engine.host.display;
    try {
      await runCompose(compose, args, {
        env: composeEnv(this.engine),
        ...(o.cwd ? { cwd: o.cwd } : {}),
        signal: AbortSignal.any([ctx.signal, lost.signal]),
        onLine: (l) => {
          lines.push(l);
          if (lines.length > LINES_KEPT) lines.shift();
          ctx.log(l);
        },
      });
    } catch (err) {
      stop();
      if (lostError) throw new BerthError('EngineUnreachable', `the engine ${display} was lost while ${compose.name} ${verb} ran: it did not answer ${(this.o.watch ?? ENGINE_WATCH).misses} pings in a row (${(lostError as Error).message}), so Berth stopped ${compose.name}. The stack may be partly up: see Stacks once the engine is back.`);
      if (ctx.signal.aborted || !(err instanceof ComposeFailed)) throw err;
      if (step.tolerated) {
        ctx.log(step.tolerated);
        return;
      }
      const unreachable = await this.ping(AbortSignal.timeout(3000)).then(
        () => null,
        (e: unknown) => e as Error,
      );
      const said = err.output.trim().slice(-QUOTED) || 'no output';
      if (unreachable) throw new BerthError('EngineUnreachable', `the engine ${display} was lost while ${compose.name} ${verb} ran (${unreachable.message}); the stack may be partly up. ${compose.name} said: ${said}`);
      const failures = step.up ? (compose.name === 'podman-compose' ? podmanComposeFailures(lines) : dockerComposeFailures(lines)) : [];
      const lead = failures.length ? `: ${describeFailures(failures)}` : '';
      const state = step.up ? `; ${await this.stateOf(o.project)}` : '';
      throw new ComposeFailed(`${compose.name} ${verb} failed (${err.code})${lead}${state}. ${compose.name} said: ${said}`, err.code, err.output);
    } finally {
      stop();
    }
    if (step.up && compose.name === 'podman-compose') {
      const failures = podmanComposeFailures(lines);
      if (failures.length) throw new BerthError('EngineError', `${compose.name} ${verb} ended as if all went well, but ${describeFailures(failures)}; ${await this.stateOf(o.project)}`);
    }
    await step.after?.();
  }

  /**
   * The compose files, working directory and Compose for an existing project, from its containers' labels.
   * @throws BerthError `NotFound` (no container of the project), `Conflict` (its compose files are gone), `Unsupported`.
   */
  private async projectFiles(project: string): Promise<{ files: string[]; cwd?: string; compose: Compose }> {
    const list = await this.engine.call((d) => d.listContainers({ all: true, filters: { label: [`${PROJECT}=${project}`] } }));
    if (!list.length) throw new BerthError('NotFound', `no container belongs to stack ${project}`);
    const labels = list.find((c) => c.Labels?.[CONFIG_FILES])?.Labels ?? {};
    const files = (labels[CONFIG_FILES] ?? '').split(',').filter(Boolean);
    const cwd = labels[WORKING_DIR];
    const gone = files.filter((f) => !fs.existsSync(path.resolve(cwd ?? '/', f)));
    if (!files.length || gone.length) throw new BerthError('Conflict', `the compose files of ${project} ${files.length ? `are gone (${gone.join(', ')})` : 'are not named in its labels'}: act on its containers instead, or where the files are`);
    return { files, ...(cwd ? { cwd } : {}), compose: await this.mustFind() };
  }

  /**
   * `compose config` of an existing project (its files and working directory from the labels): the
   * configuration its containers were made from, as Compose resolves it now.
   * @throws as projectFiles; BerthError `ValidationError` with Compose's message when the files no longer parse.
   */
  async projectConfig(project: string): Promise<{ yaml: string; compose: string }> {
    const { files, cwd, compose } = await this.projectFiles(project);
    if (compose.lacks.includes('config')) throw new BerthError('Unsupported', `${compose.name} ${compose.version} has no config command, so the resolved configuration cannot be shown (podman-compose 1.0.6 and later have it)`);
    try {
      const yaml = await runCompose(compose, [...files.flatMap((f) => ['-f', f]), '-p', project, 'config'], { stdoutOnly: true, timeoutMs: CONFIG_MS, env: composeEnv(this.engine), ...(cwd ? { cwd } : {}) });
      return { yaml, compose: `${compose.name} ${compose.version}` };
    } catch (err) {
      if (err instanceof BerthError && err.name === 'EngineError') throw new BerthError('ValidationError', err.message);
      throw err;
    }
  }

  /**
   * The whole logs of a stack's containers as one file in time order, each line prefixed with
   * `service-N` (what `docker compose logs --no-color [-t] > PATH` writes): no Compose needed.
   * @throws BerthError `NotFound` (no container of the project), as LogsService.saveMerged.
   */
  async saveLogs(project: string, path: string, o: { timestamps: boolean; overwrite?: boolean }): Promise<{ lines: number; bytes: number }> {
    const list = await this.engine.call((d) => d.listContainers({ all: true, filters: { label: [`${PROJECT}=${project}`] } }));
    if (!list.length) throw new BerthError('NotFound', `no container belongs to stack ${project}`);
    const sources = list
      .map((c) => ({ container: c.Id, label: `${c.Labels?.[SERVICE] ?? c.Names?.[0]?.replace(/^\//, '') ?? c.Id.slice(0, 12)}-${c.Labels?.[NUMBER] ?? '1'}` }))
      .sort((a, b) => a.label.localeCompare(b.label, undefined, { numeric: true }));
    return this.logs.saveMerged(sources, path, o);
  }

  /**
   * Run Compose on an existing project as a task titled `title`, with `steps` (each Compose's arguments
   * after `-f … -p P`, for the Compose found); a step marked `tolerated` may fail (said in the log)
   * without failing the task. With `starts`, the steps start services: refused for a Compose that would
   * start those behind profiles too.
   */
  private async onProject(project: string, title: string, steps: (compose: Compose) => Step[], starts = false): Promise<Task> {
    const { files, cwd, compose } = await this.projectFiles(project);
    if (starts) this.checkProfiles(compose, files, cwd, undefined);
    const global = [...files.flatMap((f) => ['-f', f]), '-p', project];
    return this.tasks.start('compose', `${title} (${compose.name} ${compose.version})`, async (ctx) => {
      for (const step of steps(compose)) await this.runStep(ctx, compose, global, step, { ...(cwd ? { cwd } : {}), project });
      return project;
    });
  }

  /**
   * `compose down` of a project as a task: its containers and networks, and its named volumes only when
   * `volumes` is set. The compose files and working directory come from the containers' labels. Networks of
   * the project that Compose left (podman-compose 1.0.3 removes none) are removed when no container uses them.
   * @throws as projectFiles.
   */
  down(project: string, volumes: boolean): Promise<Task> {
    return this.onProject(project, `Down ${project}${volumes ? ' with its volumes' : ''}`, () => [{ args: ['down', ...(volumes ? ['--volumes'] : [])], after: () => this.removeLeftNetworks(project) }]);
  }

  /** Remove the networks labelled as `project`'s that no container uses (what podman-compose's down leaves). */
  private async removeLeftNetworks(project: string): Promise<void> {
    const nets = await this.engine.call((d) => d.listNetworks({ filters: { label: [`${PROJECT}=${project}`] } }));
    for (const n of nets) {
      const inspected = (await this.engine.call((d) => d.getNetwork(n.Id).inspect())) as { Containers?: Record<string, unknown> | null };
      if (Object.keys(inspected.Containers ?? {}).length) continue;
      await this.engine.call((d) => d.getNetwork(n.Id).remove());
    }
  }

  /**
   * "Pull and recreate": `compose pull --ignore-pull-failures` (an image only built here stays as it is)
   * then `compose up -d` (containers recreated where their image or config changed). podman-compose 1.0.x
   * takes no `--ignore-pull-failures` (its pull goes on past failures by itself) and never compares
   * configurations, so there every container is recreated (`up -d --force-recreate`).
   * @throws as projectFiles; `Unsupported` for a Compose without profiles when the files use them.
   */
  recreate(project: string): Promise<Task> {
    const tolerated = 'Some images could not be pulled (above): the local ones are used as they are.';
    return this.onProject(
      project,
      `Pull and recreate ${project}`,
      (c) => (c.name === 'podman-compose' ? [{ args: ['pull'], tolerated }, { args: ['up', '-d', '--force-recreate'], up: true }] : [{ args: ['pull', '--ignore-pull-failures'], tolerated }, { args: ['up', '-d'], up: true }]),
      true,
    );
  }

  /**
   * `compose up -d --scale SERVICE=N --no-recreate SERVICE`: a service's replica count, checked on the
   * engine afterwards (podman-compose 1.0.3 takes `--scale` and ignores it).
   * @throws as projectFiles.
   */
  scale(project: string, service: string, replicas: number): Promise<Task> {
    const check = async (compose: Compose) => {
      const have = (await this.containersOf(project)).filter((c) => c.Labels?.[SERVICE] === service).length;
      if (have !== replicas) throw new BerthError('EngineError', `${compose.name} ${compose.version} ended as if all went well, but ${service} has ${have} container${have === 1 ? '' : 's'}, not ${replicas}: this Compose does not scale (podman-compose 1.0.3 ignores --scale; set deploy.replicas in the compose file instead)`);
    };
    return this.onProject(project, `Scale ${project}/${service} to ${replicas}`, (c) => [{ args: ['up', '-d', '--no-recreate', '--scale', `${service}=${replicas}`, '--', service], up: true, after: () => check(c) }]);
  }
}
