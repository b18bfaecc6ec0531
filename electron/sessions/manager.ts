/**
 * Every open terminal session of this Node side: starts them (attach, exec, host shell), moves input,
 * resizes and acknowledgements in, and output out on the `sessions` topic through an OutputPump each.
 * Sessions outlive their subscribers (a serve-mode page may reload) until closed.
 */
import { randomUUID } from 'node:crypto';
import type { MethodArgs, SignalArgs } from '../../shared/api';
import type { TerminalSize } from '../../shared/run';
import type { SessionEvent, SessionInfo, SessionKind } from '../../shared/sessions';
import type { Engine } from '../engine/engine';
import { BerthError } from '../engine/errors';
import { attachSource, containerTerminal, crlf, DEFAULT_SHELL, execSource, untermed, type AttachMode, type ContainerTerminal, type SessionSource } from './docker';
import { hostSource } from './host';
import { OPEN_OUTLET, type Outlet } from '../flow/outlet';
import { SessionSubscriber } from './fanout';
import { OutputPump } from './pump';

interface Live {
  info: SessionInfo;
  source: SessionSource;
  pump: OutputPump;
}

/** Ended sessions kept for their tabs until closed; the oldest are forgotten beyond this. */
const ENDED_KEPT = 50;

/** A whole multiplexed log (no TTY) as terminal text (docker.ts `untermed`); a malformed one as it is. */
function demuxAll(bytes: Buffer): Buffer {
  const parts: Buffer[] = [];
  try {
    untermed((b) => parts.push(b)).write(bytes);
  } catch {
    return crlf(bytes);
  }
  return Buffer.concat(parts);
}

export class SessionManager {
  private readonly sessions = new Map<string, Live>();
  private readonly subscribers = new Set<SessionSubscriber>();

  constructor(private engine: Engine) {}

  /**
   * Serve another engine from now on (an engine switch): new exec/attach sessions and new host shells use
   * it. Sessions already open are left as they are; the old services close their engine sessions
   * (`closeAll({ keepHost: true })`).
   */
  useEngine(engine: Engine): void {
    this.engine = engine;
  }

  /**
   * Follow every session: current sessions and their recent output first, then live events.
   * @param outlet the subscriber's link: while it is full it is sent no output and catches up from each
   * session's replay once drained (sessions/fanout.ts); the default never fills (IPC).
   */
  subscribe(listener: (e: SessionEvent) => void, outlet: Outlet = OPEN_OUTLET): () => void {
    const sub = new SessionSubscriber(listener, outlet, (id) => this.sessions.get(id)?.pump.recent(), () => this.sessions.keys());
    for (const s of this.sessions.values()) {
      sub.send({ session: s.info });
      for (const chunk of s.pump.recent()) sub.send({ output: { id: s.info.id, ...chunk } });
    }
    this.subscribers.add(sub);
    return () => this.subscribers.delete(sub);
  }

  /** Current sessions. */
  list(): SessionInfo[] {
    return [...this.sessions.values()].map((s) => s.info);
  }

  private emit(e: SessionEvent): void {
    for (const sub of this.subscribers) sub.send(e);
  }

  /**
   * Begin streaming a source as a new session (output may already be flowing into it).
   * @param size initial TTY size, applied at once.
   */
  private async adopt(kind: SessionKind, source: SessionSource, meta: { title: string; command: string; container?: string; autoRemove?: boolean; stdin?: boolean }, size: TerminalSize): Promise<SessionInfo> {
    const id = randomUUID();
    const info: SessionInfo = { id, kind, state: 'open', started: Date.now(), ...meta };
    const pump = new OutputPump({
      emit: (offset, data) => this.emit({ output: { id, offset, data } }),
      pause: () => source.pause(),
      resume: () => source.resume(),
    });
    const live: Live = { info, source, pump };
    this.sessions.set(id, live);
    source.onData((chunk) => pump.write(chunk));
    source.onEnd((err) => {
      pump.end();
      void source.outcome(err).then((o) => {
        live.info = { ...live.info, state: o.state, ...(o.exitCode !== undefined ? { exitCode: o.exitCode } : {}), ...(o.message ? { message: o.message } : {}) };
        if (this.sessions.has(id)) this.emit({ session: live.info });
        this.forgetOldEnded();
      });
    });
    this.emit({ session: info });
    await source.resize(size).catch(() => undefined);
    return info;
  }

  private forgetOldEnded(): void {
    const ended = [...this.sessions.values()].filter((s) => s.info.state !== 'open');
    for (const s of ended.slice(0, Math.max(0, ended.length - ENDED_KEPT))) this.forget(s.info.id);
  }

  private forget(id: string): void {
    const s = this.sessions.get(id);
    if (!s) return;
    s.pump.dispose();
    this.sessions.delete(id);
    this.emit({ removed: id });
  }

  private live(id: string): Live {
    const s = this.sessions.get(id);
    if (!s) throw new BerthError('NotFound', `no such terminal session: ${id}`);
    return s;
  }

  /**
   * `docker exec -it CONTAINER SHELL`: bash where the image has it, else sh, unless `command` is given.
   * @param on the engine the container lives on: the one in use unless a feature names another known engine
   *   (a swarm task's node, swarm/task-shell.ts); such sessions close with the engine's at a switch like the others.
   * @param title the tab's name (default: the container's name).
   * @throws BerthError `Conflict` (container not running), `NotFound`.
   */
  async exec(a: MethodArgs<'sessions.exec'>, on: Engine = this.engine, title?: string): Promise<SessionInfo> {
    const c = await containerTerminal(on, a.container);
    if (!c.running) throw new BerthError('Conflict', `container ${c.name} is not running: start it first`);
    const command = a.command ?? DEFAULT_SHELL;
    const source = await execSource(on, c.id, command);
    return this.adopt('exec', source, { title: title ?? c.name, command: a.command ? a.command.join(' ') : 'shell (bash or sh)', container: c.id }, a.size);
  }

  /**
   * `docker attach` to a running container, replaying what it printed recently (the last lines of its log)
   * before the live stream. With a TTY, the TTY; without one (as `docker attach` allows), its stdout and
   * stderr, and its stdin when it was started with `-i` (else the session is read-only, `stdin: false`).
   * The container keeps one tab: an open attach session of it is returned as it is, and ended ones (a
   * detach, an exit) are forgotten so the new session takes their place.
   * @throws BerthError `Conflict` when not running.
   */
  async attach(a: MethodArgs<'sessions.attach'>): Promise<SessionInfo> {
    const c = await containerTerminal(this.engine, a.container);
    if (!c.running) throw new BerthError('Conflict', `container ${c.name} is not running`);
    const mine = [...this.sessions.values()].filter((s) => s.info.kind === 'attach' && s.info.container === c.id);
    const open = mine.find((s) => s.info.state === 'open');
    if (open) return open.info;
    const recent = await this.engine.call((d) => d.getContainer(c.id).logs({ stdout: true, stderr: true, tail: 100, follow: false }));
    for (const s of mine) this.forget(s.info.id);
    const { info } = await this.attachNew(c, a.size, { tty: c.tty, stdin: c.stdin });
    const live = this.sessions.get(info.id);
    if (live && recent.length) live.pump.write(Buffer.concat([c.tty ? Buffer.from(recent) : demuxAll(Buffer.from(recent)), Buffer.from('\r\n')]));
    return info;
  }

  /**
   * Attach to a container that is created but not started (Run -it, or a run without -d): the caller
   * starts it afterwards, so its first output is caught. `mode` as attachSource's (default: TTY and stdin).
   */
  async attachNew(container: Pick<ContainerTerminal, 'id' | 'name' | 'command' | 'autoRemove'>, size: TerminalSize, mode?: AttachMode): Promise<{ info: SessionInfo; resize: () => Promise<void> }> {
    const source = await attachSource(this.engine, container.id, mode);
    const meta = { title: container.name, command: container.command, container: container.id, autoRemove: container.autoRemove, ...(mode && !mode.stdin ? { stdin: false } : {}) };
    const info = await this.adopt('attach', source, meta, size);
    return { info, resize: () => source.resize(size).catch(() => undefined) };
  }

  /**
   * What a terminal needs to know of container `id` (TTY, running, command), for features that open one
   * (containers.run).
   * @throws BerthError `NotFound`.
   */
  terminalOf(id: string): ReturnType<typeof containerTerminal> {
    return containerTerminal(this.engine, id);
  }

  /** The host's login shell with `DOCKER_HOST` set to this engine. */
  async host(a: MethodArgs<'sessions.host'>): Promise<SessionInfo> {
    let source;
    try {
      source = hostSource(a.size, this.engine.host.cliEnv);
    } catch (err) {
      throw new BerthError('Unsupported', `could not start a shell on this machine: ${(err as Error).message}`);
    }
    return this.adopt('host', source, { title: 'host', command: source.command }, a.size);
  }

  /** Send keystrokes or a slice of a paste; resolves once the TTY stream has taken it (its backpressure). */
  async input(a: MethodArgs<'sessions.input'>): Promise<null> {
    const s = this.live(a.id);
    if (s.info.state !== 'open') throw new BerthError('Conflict', 'this session has ended');
    if (s.info.stdin === false) throw new BerthError('Conflict', `${s.info.title} is read-only: no stdin attached (the container was started without -i)`);
    await s.source.write(a.data);
    return null;
  }

  async resize(a: SignalArgs<'sessions.resize'>): Promise<null> {
    const s = this.live(a.id);
    if (s.info.state === 'open') await s.source.resize(a.size);
    return null;
  }

  ack(a: SignalArgs<'sessions.ack'>): null {
    this.sessions.get(a.id)?.pump.ack(a.rendered);
    return null;
  }

  /** Detach or hang up an open session; forget an ended one. */
  close(a: MethodArgs<'sessions.close'>): null {
    const s = this.live(a.id);
    if (s.info.state === 'open') s.source.close();
    this.forget(a.id);
    return null;
  }

  /**
   * Close every session (shutting down), or with `keepHost` every engine session (exec, attach: leaving an
   * engine) while host shells and their background jobs carry on. A kept host shell keeps the DOCKER_HOST it
   * started with; the next one gets the new engine's.
   */
  closeAll(o: { keepHost?: boolean } = {}): void {
    for (const [id, s] of [...this.sessions]) if (!(o.keepHost && s.info.kind === 'host')) this.close({ id });
  }
}
