// Integration: terminal sessions (run -it, exec, attach, host shell) against the private dockerd.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyRunSpec } from '../../shared/run';
import type { SessionEvent, SessionInfo } from '../../shared/sessions';
import { runContainer } from '../containers/run';
import { Engine } from '../engine/engine';
import { docker, engineMissing, TEST_IMAGE, uniqueName, waitFor } from '../testing/engine';
import { SessionManager } from './manager';

const missing = await engineMissing();

/** A renderer stand-in: collects each session's text and acknowledges it as rendered. */
function screen(manager: SessionManager) {
  const text = new Map<string, string>();
  const infos = new Map<string, SessionInfo>();
  const off = manager.subscribe((e: SessionEvent) => {
    if ('session' in e) infos.set(e.session.id, e.session);
    else if ('output' in e) {
      const have = text.get(e.output.id) ?? '';
      const fresh = e.output.data.slice(Math.max(0, have.length - e.output.offset));
      text.set(e.output.id, have + fresh);
      manager.ack({ id: e.output.id, rendered: e.output.offset + e.output.data.length });
    }
  });
  return { text: (id: string) => text.get(id) ?? '', info: (id: string) => infos.get(id), off };
}

describe.skipIf(missing)('terminal sessions on a real engine', () => {
  const engine = new Engine();
  const manager = new SessionManager(engine);
  const view = screen(manager);
  const running = uniqueName('shell');
  const size = { cols: 100, rows: 30 };

  beforeAll(async () => {
    await docker(['run', '-d', '--name', running, TEST_IMAGE, 'sleep', '600']);
  });
  afterAll(async () => {
    view.off();
    manager.closeAll();
    await docker(['rm', '-f', running]).catch(() => {});
  });

  it('runs -it --rm sh: computes, exits with its code, and the container is gone', async () => {
    const name = uniqueName('it');
    const run = await runContainer(engine, manager, { ...emptyRunSpec(TEST_IMAGE), command: ['sh'], name, autoRemove: true, terminal: size });
    const id = run.session!.id;
    manager.input({ id, data: 'echo $((6*7))\r' });
    await waitFor(() => /\r\n42\r\n/.test(view.text(id)), 10_000, '42 on the screen');
    manager.input({ id, data: 'exit 3\r' });
    await waitFor(() => view.info(id)?.state === 'exited', 10_000, 'the session to end');
    expect(view.info(id)).toMatchObject({ state: 'exited', exitCode: 3, title: name, autoRemove: true });
    await waitFor(async () => (await docker(['ps', '-aq', '--filter', `name=^${name}$`])) === '', 10_000, 'the container to be removed');
  });

  it('opens a shell in a running container, and resize reaches the TTY', async () => {
    const s = await manager.exec({ container: running, size });
    expect(s).toMatchObject({ kind: 'exec', title: running, state: 'open' });
    manager.input({ id: s.id, data: 'stty size\r' });
    await waitFor(() => view.text(s.id).includes('30 100'), 10_000, 'stty size 30 100');
    await manager.resize({ id: s.id, size: { cols: 132, rows: 43 } });
    manager.input({ id: s.id, data: 'stty size\r' });
    await waitFor(() => view.text(s.id).includes('43 132'), 10_000, 'stty size 43 132');
    manager.input({ id: s.id, data: 'exit\r' });
    await waitFor(() => view.info(s.id)?.state === 'exited', 10_000, 'the shell to exit');
    expect(view.info(s.id)?.exitCode).toBe(0);
  });

  it('paces a flood by acknowledgements: everything arrives, in order, and the shell still answers', async () => {
    const s = await manager.exec({ container: running, size });
    // 31 MB of numbered lines, written without a TTY (fast), then sent through it with cat; the pump pauses
    // the engine stream whenever 100 000 units are unacknowledged.
    await docker(['exec', running, 'sh', '-c', "seq 1 2500000 | sed 's/^/line /' > /flood"]);
    manager.input({ id: s.id, data: 'cat /flood; echo FLOOD-$((1+1))\r' });
    await waitFor(() => view.text(s.id).includes('FLOOD-2\r\n'), 120_000, 'the flood to finish');
    const lines = view.text(s.id).split('\r\n').filter((l) => l.startsWith('line '));
    expect(lines.length).toBe(2_500_000);
    expect(lines[lines.length - 1]).toBe('line 2500000');
    manager.input({ id: s.id, data: 'echo still-here\r' });
    await waitFor(() => /\r\nstill-here\r\n/.test(view.text(s.id)), 10_000, 'an answer after the flood');
    manager.close({ id: s.id });
  }, 180_000);

  it('detaches from an attached -it container with Ctrl-P Ctrl-Q, leaving it running, and replays on attach', async () => {
    const name = uniqueName('attach');
    const run = await runContainer(engine, manager, { ...emptyRunSpec(TEST_IMAGE), command: ['sh'], name, autoRemove: false, terminal: size });
    const first = run.session!.id;
    manager.input({ id: first, data: 'echo marker-$((1+1))\r' });
    await waitFor(() => view.text(first).includes('marker-2\r\n'), 10_000, 'the marker');
    manager.input({ id: first, data: '\x10\x11' });
    await waitFor(() => view.info(first)?.state === 'detached', 10_000, 'detached');
    expect(await docker(['inspect', '-f', '{{.State.Running}}', name])).toBe('true');

    const again = await manager.attach({ container: name, size });
    await waitFor(() => view.text(again.id).includes('marker-2'), 10_000, 'the replay');
    manager.input({ id: again.id, data: 'exit 0\r' });
    await waitFor(() => view.info(again.id)?.state === 'exited', 10_000, 'exit');
    await docker(['rm', '-f', name]);
  });

  it('runs -dit: detached with a TTY and open stdin, nothing attached, then opened with Attach', async () => {
    const name = uniqueName('dit');
    const run = await runContainer(engine, manager, { ...emptyRunSpec(TEST_IMAGE), command: ['sh'], name, detach: true });
    expect(run.session).toBeUndefined();
    expect(await docker(['inspect', '-f', '{{.State.Running}} {{.Config.Tty}} {{.Config.OpenStdin}}', name])).toBe('true true true');
    const s = await manager.attach({ container: name, size });
    manager.input({ id: s.id, data: 'echo dit-$((2+3))\r' });
    await waitFor(() => view.text(s.id).includes('dit-5\r\n'), 10_000, 'an answer through Attach');
    manager.input({ id: s.id, data: 'exit 0\r' });
    await waitFor(() => view.info(s.id)?.state === 'exited', 10_000, 'exit');
    await docker(['rm', '-f', name]);
  });

  it('refuses to exec in a stopped container', async () => {
    const stopped = uniqueName('stopped');
    await docker(['create', '--name', stopped, TEST_IMAGE, 'true']);
    await expect(manager.exec({ container: stopped, size })).rejects.toThrow(/not running/);
    await docker(['rm', stopped]);
  });

  it('attaches to a container without a TTY (as docker attach): its output live, read-only without -i', async () => {
    const name = uniqueName('notty');
    await docker(['run', '-d', '--name', name, TEST_IMAGE, 'sh', '-c', 'while true; do echo tick; sleep 0.2; done']);
    try {
      const s = await manager.attach({ container: name, size });
      expect(s).toMatchObject({ kind: 'attach', state: 'open', stdin: false, title: name });
      // Demultiplexed (no frame headers on the screen) and line feeds made CR LF: ticks arrive live.
      await waitFor(() => (view.text(s.id).match(/(^|\n)tick\r\n/g) ?? []).length >= 3, 10_000, 'three ticks');
      const before = view.text(s.id).length;
      await waitFor(() => view.text(s.id).length > before, 10_000, 'more ticks, live');
      expect(view.text(s.id)).not.toMatch(/[\x00-\x08]/);
      await expect(manager.input({ id: s.id, data: 'x' })).rejects.toThrow(/read-only: no stdin/);
      manager.close({ id: s.id });
      expect(await docker(['inspect', '-f', '{{.State.Running}}', name])).toBe('true');
    } finally {
      await docker(['rm', '-f', name]);
    }
  });

  it('attaches to a container started with -i and no TTY: typed input reaches the process', async () => {
    const name = uniqueName('stdin');
    await docker(['run', '-d', '-i', '--name', name, TEST_IMAGE, 'cat']);
    try {
      const s = await manager.attach({ container: name, size });
      expect(s.stdin).toBeUndefined();
      await manager.input({ id: s.id, data: 'hello-cat\n' });
      await waitFor(() => view.text(s.id).includes('hello-cat\r\n'), 10_000, 'cat to echo the line');
      manager.close({ id: s.id });
    } finally {
      await docker(['rm', '-f', name]);
    }
  });

  it('runs without -it or -d as the CLI does: output streamed, kept with the exit code after --rm removed it', async () => {
    for (const script of ['echo hello; echo err >&2; exit 3', 'echo fast; exit 3']) {
      const name = uniqueName('oneshot');
      const run = await runContainer(engine, manager, { ...emptyRunSpec(TEST_IMAGE), interactive: false, attach: true, autoRemove: true, name, command: ['sh', '-c', script], terminal: size });
      const id = run.session!.id;
      expect(run.session).toMatchObject({ kind: 'attach', stdin: false, autoRemove: true });
      await waitFor(() => view.info(id)?.state === 'exited', 10_000, 'the run to end');
      expect(view.info(id)).toMatchObject({ state: 'exited', exitCode: 3 });
      await waitFor(async () => (await docker(['ps', '-aq', '--filter', `name=^${name}$`])) === '', 10_000, 'the container to be removed');
      expect(manager.list().find((s) => s.id === id)?.exitCode).toBe(3);
      // stdout and stderr are two streams: the engine keeps each one's order, not their order between them.
      for (const line of script.startsWith('echo hello') ? ['hello\r\n', 'err\r\n'] : ['fast\r\n']) expect(view.text(id)).toContain(line);
      manager.close({ id });
    }
  });

  it('re-attaching after a detach keeps one session for the container; attaching twice gives the open one', async () => {
    const name = uniqueName('reattach');
    await docker(['run', '-dit', '--name', name, TEST_IMAGE, 'sh']);
    try {
      const first = await manager.attach({ container: name, size });
      expect((await manager.attach({ container: name, size })).id).toBe(first.id);
      manager.input({ id: first.id, data: '\x10\x11' });
      await waitFor(() => view.info(first.id)?.state === 'detached', 10_000, 'detached');
      const again = await manager.attach({ container: name, size });
      expect(again.id).not.toBe(first.id);
      const mine = manager.list().filter((s) => s.container === again.container && s.kind === 'attach');
      expect(mine.map((s) => s.id)).toEqual([again.id]);
      manager.close({ id: again.id });
    } finally {
      await docker(['rm', '-f', name]);
    }
  });

  it('starts the host shell with DOCKER_HOST pointing at this engine', async () => {
    const s = await manager.host({ size });
    manager.input({ id: s.id, data: 'echo "H=$DOCKER_HOST"; exit\r' });
    await waitFor(() => view.info(s.id)?.state === 'exited', 10_000, 'the host shell to exit');
    expect(view.text(s.id)).toContain(`H=${engine.host.cliEnv.DOCKER_HOST}`);
  });
});
