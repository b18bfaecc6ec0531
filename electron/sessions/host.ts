/**
 * The host terminal: the user's login shell in a pseudo-terminal (node-pty), with `DOCKER_HOST` pointing at
 * Berth's engine, for the commands Berth does not cover.
 */
import os from 'node:os';
import * as pty from 'node-pty';
import type { TerminalSize } from '../../shared/run';
import type { Outcome, SessionSource } from './docker';

/** The login shell: `$SHELL`, else the passwd entry, else /bin/sh. */
export function loginShell(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SHELL) return env.SHELL;
  try {
    const shell = os.userInfo().shell;
    if (shell) return shell;
  } catch {
    // no passwd entry (some containers): fall through
  }
  return '/bin/sh';
}

/**
 * Spawn the login shell (`-l`) in the home folder.
 * @param cliEnv what points the docker CLI at Berth's engine (`DOCKER_HOST`, TLS settings).
 * @throws Error when the shell cannot be started.
 */
export function hostSource(size: TerminalSize, cliEnv: Record<string, string>, shell = loginShell()): SessionSource & { command: string } {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), ...cliEnv, TERM: 'xterm-256color', COLORTERM: 'truecolor' };
  const proc = pty.spawn(shell, ['-l'], { name: 'xterm-256color', cols: size.cols, rows: size.rows, cwd: os.homedir(), env });
  // node-pty decodes UTF-8 itself (chunk boundaries included) and hands out strings.
  let exit: { exitCode: number; signal?: number } | null = null;
  return {
    command: shell,
    onData: (listener) => proc.onData(listener),
    onEnd: (listener) =>
      proc.onExit((e) => {
        exit = e;
        listener();
      }),
    pause: () => proc.pause(),
    resume: () => proc.resume(),
    // node-pty 1.1 says nothing of its own backpressure: the input is queued in the process.
    write: async (data) => proc.write(data),
    resize: async (s) => proc.resize(s.cols, s.rows),
    close: () => proc.kill('SIGHUP'),
    outcome: async (): Promise<Outcome> => {
      if (!exit) return { state: 'failed', message: 'the shell went away' };
      return exit.signal ? { state: 'exited', exitCode: 128 + exit.signal, message: `ended by signal ${exit.signal}` } : { state: 'exited', exitCode: exit.exitCode };
    },
  };
}
