// DeathWatch on the event sequences Docker 20.10 and Podman 4.3 sent here for: `run … false`, `stop`,
// an OOM kill (`--memory 8m` and a growing string), and `kill` (recorded with `docker events`).
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../engine/events';
import { DeathWatch } from './deaths';

const ev = (id: string, action: string, attributes: Record<string, string> = {}): EngineEvent => ({
  Type: 'container',
  Action: action,
  Actor: { ID: id, Attributes: { image: 'berth-test/busybox', name: id, ...attributes } },
  timeNano: 1_700_000_000_000_000_000,
});

function deaths(watch: DeathWatch, events: EngineEvent[]) {
  return events.map((e) => watch.see(e)).filter((d) => d !== null);
}

describe('on Docker (kill events precede requested stops)', () => {
  const docker = () => new DeathWatch(() => true);

  it('reports a non-zero exit nobody asked for', () => {
    const d = deaths(docker(), [ev('a1', 'create'), ev('a1', 'attach'), ev('a1', 'start'), ev('a1', 'die', { exitCode: '1' })]);
    expect(d).toEqual([{ id: 'a1', name: 'a1', image: 'berth-test/busybox', exitCode: 1, oom: false, at: 1_700_000_000_000 }]);
  });

  it('says nothing of a stop (kill 15, kill 9, die 137, stop) nor of a kill', () => {
    const w = docker();
    expect(deaths(w, [ev('a2', 'start'), ev('a2', 'kill', { signal: '15' }), ev('a2', 'kill', { signal: '9' }), ev('a2', 'die', { exitCode: '137' }), ev('a2', 'stop')])).toEqual([]);
    expect(deaths(w, [ev('a4', 'start'), ev('a4', 'kill', { signal: '9' }), ev('a4', 'die', { exitCode: '137' })])).toEqual([]);
  });

  it('reports an OOM kill as such', () => {
    const d = deaths(docker(), [ev('a3', 'start'), ev('a3', 'oom'), ev('a3', 'die', { exitCode: '137' })]);
    expect(d).toMatchObject([{ id: 'a3', exitCode: 137, oom: true }]);
  });

  it('says nothing of a clean exit, and forgets a stop once the container starts again', () => {
    const w = docker();
    expect(deaths(w, [ev('a5', 'start'), ev('a5', 'die', { exitCode: '0' })])).toEqual([]);
    // stopped once, restarted, then crashed: the old kill must not hide the crash.
    const d = deaths(w, [ev('a6', 'start'), ev('a6', 'kill', { signal: '15' }), ev('a6', 'die', { exitCode: '143' }), ev('a6', 'start'), ev('a6', 'die', { exitCode: '2' })]);
    expect(d).toMatchObject([{ id: 'a6', exitCode: 2 }]);
  });

  it('still tells a crash after a kill that only signalled (SIGHUP to reload), not after a SIGTERM', () => {
    const w = docker();
    expect(deaths(w, [ev('h1', 'start'), ev('h1', 'kill', { signal: '1' }), ev('h1', 'die', { exitCode: '2' })])).toMatchObject([{ id: 'h1', exitCode: 2 }]);
    expect(deaths(w, [ev('h2', 'start'), ev('h2', 'kill', { signal: '15' }), ev('h2', 'die', { exitCode: '143' })])).toEqual([]);
  });

  it('reads Docker action suffixes and ignores other types and events without an ID', () => {
    const w = docker();
    expect(w.see({ Type: 'image', Action: 'die', Actor: { ID: 'x' } })).toBeNull();
    expect(w.see({ Type: 'container', Action: 'die', Actor: { Attributes: { exitCode: '1' } } })).toBeNull();
    expect(w.see(ev('a7', 'exec_die', { exitCode: '1' }))).toBeNull();
  });
});

describe('on Podman (no kill event for a stop, no oom event)', () => {
  const podman = () => new DeathWatch(() => false);
  const p = (id: string, action: string, code: string) => ev(id, action, { containerExitCode: code, exitCode: code, podId: '' });

  it('reports a non-zero exit that no signal explains', () => {
    expect(deaths(podman(), [p('a1', 'create', '0'), p('a1', 'init', '0'), p('a1', 'start', '0'), p('a1', 'die', '1'), p('a1', 'cleanup', '0')])).toMatchObject([{ id: 'a1', exitCode: 1, oom: false }]);
  });

  it('takes deaths by SIGINT, SIGKILL and SIGTERM for stops (Podman does not say)', () => {
    const w = podman();
    for (const code of ['130', '137', '143']) expect(deaths(w, [p(`s${code}`, 'start', '0'), p(`s${code}`, 'die', code)])).toEqual([]);
  });

  it('uses containerExitCode when exitCode is absent, and counts an unknown engine as Podman', () => {
    const w = new DeathWatch(() => undefined);
    expect(deaths(w, [ev('b1', 'start'), ev('b1', 'die', { containerExitCode: '3' })])).toMatchObject([{ exitCode: 3 }]);
    expect(deaths(w, [ev('b2', 'start'), ev('b2', 'die', { exitCode: '137' })])).toEqual([]);
  });
});
