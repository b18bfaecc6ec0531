/**
 * Which container deaths nobody asked for, read from the engine's event stream alone.
 *
 * Docker (checked on 20.10): `docker stop`, `kill`, `restart` and `rm -f` send a `kill` event (with the
 * signal) before `die` (a `kill` with a signal that does not stop, e.g. SIGHUP, does not count); the kernel's OOM killer sends `oom` before `die` and no `kill`. So a `die` with a
 * non-zero `exitCode` and no `kill` since the container's last `start` is unexpected, and one after `oom`
 * is always reported.
 *
 * Podman 4.3 sends neither `kill` for a stop nor `oom` (and its inspect records no stop reason and
 * `OOMKilled: false` after an OOM kill): a stop cannot be told from a crash by signal. There, deaths by
 * SIGINT, SIGKILL or SIGTERM (exit codes 130, 137, 143: 128 + signal) count as stops and are not reported;
 * other non-zero exits are.
 */
import type { EngineEvent } from '../engine/events';

/** A container that died unexpectedly. */
export interface Death {
  id: string;
  /** The container's name, without the leading `/`. */
  name: string;
  image: string;
  /** The process's exit code (128 + n for signal n). */
  exitCode: number;
  /** Killed by the kernel for lack of memory (Docker only: Podman 4.3 does not say). */
  oom: boolean;
  /** ms since the epoch, from the event's `timeNano` (else now). */
  at: number;
}

/** Exit codes of deaths by SIGINT, SIGKILL and SIGTERM: what a stop gives. */
const STOP_EXIT_CODES = new Set([130, 137, 143]);
/**
 * Signals whose `kill` event means a stop was asked for (SIGINT, SIGQUIT, SIGKILL, SIGTERM, by number or
 * name). Others (SIGHUP to reload nginx, SIGUSR1…) usually leave the process running, so a later crash is
 * still told. Podman's `kill` events carry no signal: they count as stops.
 */
const STOP_SIGNALS = new Set(['2', '3', '9', '15', 'SIGINT', 'SIGQUIT', 'SIGKILL', 'SIGTERM', 'INT', 'QUIT', 'KILL', 'TERM']);
/** Containers remembered between a `kill`/`oom` and their `die`; older entries are dropped first. */
const MAX_TRACKED = 10_000;

export class DeathWatch {
  /** Containers with a `kill` event since their last start. */
  private readonly killed = new Set<string>();
  private readonly oom = new Set<string>();

  /**
   * @param engineSaysKill true for Docker (a `kill` event precedes every requested stop), false for Podman,
   *   where deaths by SIGINT/SIGKILL/SIGTERM are taken for stops; asked at each death (the engine's kind is
   *   learnt once it answers), undefined counts as false.
   */
  constructor(private readonly engineSaysKill: () => boolean | undefined) {}

  /** Read one event; returns the death it reports when nobody asked for it, else null. */
  see(e: EngineEvent): Death | null {
    if (e.Type !== 'container') return null;
    const id = e.Actor?.ID ?? e.id;
    if (!id) return null;
    const action = (e.Action ?? '').split(':')[0]!.trim();
    switch (action) {
      case 'start':
      case 'destroy':
      case 'remove':
        this.forget(id);
        return null;
      case 'kill': {
        const signal = e.Actor?.Attributes?.signal;
        if (signal === undefined || STOP_SIGNALS.has(signal.toUpperCase())) remember(this.killed, id);
        return null;
      }
      case 'oom':
        remember(this.oom, id);
        return null;
      case 'die':
        break;
      default:
        return null;
    }
    const attributes = e.Actor?.Attributes ?? {};
    const exitCode = Number(attributes.exitCode ?? attributes.containerExitCode ?? '0');
    const oom = this.oom.has(id);
    const killed = this.killed.has(id);
    this.forget(id);
    if (!oom) {
      if (!Number.isFinite(exitCode) || exitCode === 0 || killed) return null;
      if (!this.engineSaysKill() && STOP_EXIT_CODES.has(exitCode)) return null;
    }
    return {
      id,
      name: (attributes.name ?? id.slice(0, 12)).replace(/^\//, ''),
      image: attributes.image ?? '',
      exitCode,
      oom,
      at: e.timeNano ? Math.floor(e.timeNano / 1e6) : Date.now(),
    };
  }

  private forget(id: string): void {
    this.killed.delete(id);
    this.oom.delete(id);
  }
}

function remember(set: Set<string>, id: string): void {
  if (set.size >= MAX_TRACKED) set.delete(set.values().next().value!);
  set.add(id);
}
