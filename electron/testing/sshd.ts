/**
 * A throwaway OpenSSH server on a loopback port for the ssh:// engine tests and bench: its own host key,
 * one authorised client key (and one that is not), `DOCKER_HOST` set for sessions (`SetEnv`) so that the
 * remote `docker system dial-stdio` reaches the private test engine. The same machine plays the remote host.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { closeMaster } from '../engine/ssh';
import { freePort } from './engine';

const exec = promisify(execFile);
export const SSHD = '/usr/sbin/sshd';

export interface TestSshd {
  /** `ssh://user@127.0.0.1:port` */
  url: string;
  /** The authorised private key. */
  identity: string;
  /** A key the server does not know. */
  wrongIdentity: string;
  /** ssh_config for the client (BERTH_SSH_CONFIG): the server's host key in its own known_hosts. */
  config: string;
  /** "Accepted publickey" lines so far: one per SSH connection made. */
  connections(): number;
  stop(): Promise<void>;
}

/** Start sshd as the current user's server on 127.0.0.1 (root in CI). Resolves once it accepts TCP. */
export async function startSshd(dockerHost: string): Promise<TestSshd> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-'));
  const keygen = (file: string) => exec('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(dir, file)]);
  await Promise.all([keygen('host_key'), keygen('client_key'), keygen('wrong_key')]);
  fs.copyFileSync(path.join(dir, 'client_key.pub'), path.join(dir, 'authorized_keys'));
  const port = await freePort();
  const user = os.userInfo().username;
  fs.writeFileSync(
    path.join(dir, 'sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${dir}/host_key`,
      `AuthorizedKeysFile ${dir}/authorized_keys`,
      `PidFile ${dir}/sshd.pid`,
      'StrictModes no',
      'UsePAM no',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      'LogLevel VERBOSE',
      `SetEnv DOCKER_HOST=${dockerHost}`,
      '',
    ].join('\n'),
  );
  const hostKey = fs.readFileSync(path.join(dir, 'host_key.pub'), 'utf8').trim();
  fs.writeFileSync(path.join(dir, 'known_hosts'), `[127.0.0.1]:${port} ${hostKey}\n`);
  fs.writeFileSync(path.join(dir, 'ssh_config'), `Host 127.0.0.1\n  UserKnownHostsFile ${dir}/known_hosts\n  StrictHostKeyChecking yes\n`);
  fs.mkdirSync('/run/sshd', { recursive: true });
  let log = '';
  const child: ChildProcess = spawn(SSHD, ['-D', '-e', '-f', path.join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (s: string) => (log += s));
  for (let i = 0; ; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => (s.end(), resolve(true))).on('error', () => resolve(false));
    });
    if (up) break;
    if (i > 50 || child.exitCode !== null) throw new Error(`sshd did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `ssh://${user}@127.0.0.1:${port}`,
    identity: path.join(dir, 'client_key'),
    wrongIdentity: path.join(dir, 'wrong_key'),
    config: path.join(dir, 'ssh_config'),
    connections: () => (log.match(/Accepted publickey/g) ?? []).length,
    stop: async () => {
      await closeMaster({ host: '127.0.0.1', port, user }, { BERTH_SSH_CONFIG: path.join(dir, 'ssh_config') });
      // The whole process group: sshd's per-connection processes too, so clients' shared connections end.
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        child.kill();
      }
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
