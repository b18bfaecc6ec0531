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
import type { TaskManager } from '../tasks/manager';
import type { LogsService } from '../logs/service';
import { composeArgs, composeEnv, findCompose, runCompose, type Compose } from './compose';

const PROJECT = 'com.docker.compose.project';
const CONFIG_FILES = 'com.docker.compose.project.config_files';
const WORKING_DIR = 'com.docker.compose.project.working_dir';
const SERVICE = 'com.docker.compose.service';
const NUMBER = 'com.docker.compose.container-number';

export class StacksService {
  constructor(
    private readonly engine: Engine,
    private readonly tasks: TaskManager,
    private readonly logs: LogsService,
  ) {}

  /** Which Compose Berth found for the engine in use (or what to install). */
  async compose(): Promise<ComposeInfo> {
    const { found, hint } = await findCompose(this.engine);
    return { found: found ? { name: found.name, version: found.version, command: found.command } : null, hint };
  }

  /** @throws BerthError `Unsupported` naming what to install. */
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
   * `compose config`: the resolved configuration (YAML text), as Compose itself resolves it.
   * @throws BerthError `NotFound`, `Unsupported`, `ValidationError` with Compose's message for an invalid file.
   */
  async config(spec: ComposeSpec): Promise<{ yaml: string; compose: string }> {
    await this.checkFiles(spec);
    const compose = await this.mustFind();
    try {
      const yaml = await runCompose(compose, [...composeArgs(spec), 'config'], { env: composeEnv(this.engine), cwd: path.dirname(spec.files[0]!) });
      return { yaml, compose: `${compose.name} ${compose.version}` };
    } catch (err) {
      if (err instanceof BerthError && err.name === 'EngineError') throw new BerthError('ValidationError', err.message);
      throw err;
    }
  }

  /**
   * `compose up -d` as a task (Compose's output its log).
   * @throws BerthError `NotFound`, `Unsupported` before the task starts.
   */
  async up(spec: ComposeSpec): Promise<Task> {
    await this.checkFiles(spec);
    const compose = await this.mustFind();
    const label = spec.project ?? path.basename(path.dirname(spec.files[0]!));
    return this.tasks.start('compose', `Up ${label} (${compose.name} ${compose.version})`, async (ctx) => {
      const args = [...composeArgs(spec), 'up', '-d'];
      ctx.log(`$ ${[...compose.command, ...args].join(' ')}`);
      await runCompose(compose, args, { env: composeEnv(this.engine), cwd: path.dirname(spec.files[0]!), signal: ctx.signal, onLine: (l) => ctx.log(l) });
      return label;
    });
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
    try {
      const yaml = await runCompose(compose, [...files.flatMap((f) => ['-f', f]), '-p', project, 'config'], { env: composeEnv(this.engine), ...(cwd ? { cwd } : {}) });
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
   * after `-f … -p P`); a step marked `tolerated` may fail (said in the log) without failing the task.
   */
  private async onProject(project: string, title: string, steps: (string[] | { args: string[]; tolerated: string })[]): Promise<Task> {
    const { files, cwd, compose } = await this.projectFiles(project);
    return this.tasks.start('compose', `${title} (${compose.name} ${compose.version})`, async (ctx) => {
      for (const step of steps) {
        const { args: own, tolerated } = Array.isArray(step) ? { args: step, tolerated: undefined } : step;
        const args = [...files.flatMap((f) => ['-f', f]), '-p', project, ...own];
        ctx.log(`$ ${[...compose.command, ...args].join(' ')}`);
        try {
          await runCompose(compose, args, { env: composeEnv(this.engine), ...(cwd ? { cwd } : {}), signal: ctx.signal, onLine: (l) => ctx.log(l) });
        } catch (err) {
          if (!tolerated || ctx.signal.aborted) throw err;
          ctx.log(tolerated);
        }
      }
      return project;
    });
  }

  /**
   * `compose down` of a project as a task: its containers and networks, and its named volumes only when
   * `volumes` is set. The compose files and working directory come from the containers' labels.
   * @throws as projectFiles.
   */
  down(project: string, volumes: boolean): Promise<Task> {
    return this.onProject(project, `Down ${project}${volumes ? ' with its volumes' : ''}`, [['down', ...(volumes ? ['--volumes'] : [])]]);
  }

  /** "Pull and recreate": `compose pull --ignore-pull-failures` (an image only built here stays as it is) then `compose up -d` (containers recreated where their image or config changed). @throws as projectFiles. */
  recreate(project: string): Promise<Task> {
    return this.onProject(project, `Pull and recreate ${project}`, [{ args: ['pull', '--ignore-pull-failures'], tolerated: 'Some images could not be pulled (above): the local ones are used as they are.' }, ['up', '-d']]);
  }

  /** `compose up -d --scale SERVICE=N --no-recreate SERVICE`: a service's replica count. @throws as projectFiles. */
  scale(project: string, service: string, replicas: number): Promise<Task> {
    return this.onProject(project, `Scale ${project}/${service} to ${replicas}`, [['up', '-d', '--no-recreate', '--scale', `${service}=${replicas}`, service]]);
  }
}
