/**
 * The process-wide last line of defence of serve mode and of Electron's main process: an uncaught
 * exception or an unhandled promise rejection is logged and survived, never a process exit. Every request,
 * stream and session handler catches its own errors; reaching this is a bug, reported on stderr.
 */

let installed = false;

function describe(err: unknown): string {
  return err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : String(err);
}

/**
 * Install the handlers once per process (later calls do nothing). `label` prefixes each log line
 * (e.g. `berth serve`); `log` defaults to console.error.
 */
export function installLastDefence(label: string, log: (line: string) => void = console.error): void {
  if (installed) return;
  installed = true;
  process.on('uncaughtException', (err, origin) => log(`${label}: survived an ${origin === 'unhandledRejection' ? 'unhandled rejection' : 'uncaught exception'} (a bug): ${describe(err)}`));
  process.on('unhandledRejection', (reason) => log(`${label}: survived an unhandled rejection (a bug): ${describe(reason)}`));
}
