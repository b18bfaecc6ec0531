/**
 * What went wrong in a Compose run, read from Compose's own output lines, so a failed Up says which
 * service and which image in its first words instead of leaving the reader to dig through the log.
 * Two dialects, both checked against the real programs (electron/stacks/*.int.test.ts):
 * - docker-compose 1.x: `Pulling SVC (IMAGE)...` before each pull, `ERROR: for SVC  Cannot start service SVC: WHY`;
 * - podman-compose 1.0.x: each podman command line (`podman run --name=NAME … --label
 *   com.docker.compose.service=SVC …`), podman's `Error: …` lines, then `exit code: N`; a failed `podman run`
 *   is followed by `podman start NAME`, and `up -d` itself exits 0 whatever failed.
 */

/** One service Compose could not bring up. */
export interface UpFailure {
  service: string;
  /** The container name, when Compose printed it. */
  container?: string;
  /** The image that could not be had, when that was the failure. */
  image?: string;
  /** The engine's or Compose's own words. */
  reason: string;
}

const V1_PULLING = /^Pulling (\S+) \((.+)\)\.\.\.$/;
const V1_ERROR_FOR = /^ERROR: for (\S+)\s+(?:Cannot (?:start service|create container for service) (\S+?): )?(.*)$/;
const V1_AFTER_PULLS = /^(Creating|Recreating|Starting) /;

/**
 * The failures docker-compose 1.x names in its output (`lines`, in order) of a failed `up`: services that
 * did not start or could not be created (named once, by service), and a pull that was the last thing Compose
 * did (no `Creating …` after it): that image is neither on the engine nor to be had.
 */
export function dockerComposeFailures(lines: readonly string[]): UpFailure[] {
  const failures = new Map<string, UpFailure>();
  let pull: { service: string; image: string; after: string[] } | null = null;
  for (const raw of lines) {
    const line = raw.trim();
    const pulling = V1_PULLING.exec(line);
    if (pulling) {
      pull = { service: pulling[1]!, image: pulling[2]!, after: [] };
      continue;
    }
    if (V1_AFTER_PULLS.test(line)) pull = null;
    else if (pull && line) pull.after.push(line);
    const error = V1_ERROR_FOR.exec(line);
    if (error) {
      const service = error[2] ?? error[1]!;
      if (!failures.has(service) && ![...failures.values()].some((f) => f.container === error[1])) failures.set(service, { service, ...(error[2] && error[1] !== error[2] ? { container: error[1] } : {}), reason: error[3]!.trim() });
    }
  }
  if (pull && !failures.has(pull.service)) {
    const reason = pull.after.filter((l) => !/^(Encountered errors|ERROR: Encountered)/.test(l)).at(-1) ?? 'no reason given';
    failures.set(pull.service, { service: pull.service, image: pull.image, reason });
  }
  return [...failures.values()];
}

const PODMAN_CONTAINER_CMD = /^podman (run|create|start) (.*)$/;
const PODMAN_EXIT = /^exit code: (-?\d+)$/;

/**
 * The containers podman-compose 1.0.x's `up` did not get running, from its output `lines`: a `podman start
 * NAME` (tried after a failed `podman run`) that ended non-zero, or a `podman run` that did and was not
 * followed by a start. The reason is podman's `Error:` line of the run (else of the start); the image, when
 * podman could not pull it.
 */
export function podmanComposeFailures(lines: readonly string[]): UpFailure[] {
  interface Attempt {
    name: string;
    service: string;
    errors: string[];
    pulling?: string;
    run?: number;
    start?: number;
  }
  const attempts = new Map<string, Attempt>();
  let current: { attempt: Attempt; cmd: string } | null = null;
  for (const raw of lines) {
    const line = raw.trim();
    const cmd = PODMAN_CONTAINER_CMD.exec(line);
    if (cmd) {
      const rest = cmd[2]!;
      const name = cmd[1] === 'start' ? rest.split(/\s+/).at(-1)! : (/--name[= ](\S+)/.exec(rest)?.[1] ?? '');
      const attempt = attempts.get(name) ?? { name, service: /com\.docker\.compose\.service=(\S+)/.exec(rest)?.[1] ?? name, errors: [] };
      attempts.set(name, attempt);
      current = { attempt, cmd: cmd[1]! };
      continue;
    }
    // A podman command podman-compose runs for itself (network, volume: printed as a Python list) ends the attribution.
    if (line.startsWith("['podman'") || line.startsWith('podman ')) {
      current = null;
      continue;
    }
    if (!current) continue;
    const exit = PODMAN_EXIT.exec(line);
    if (exit) {
      if (current.cmd === 'start') current.attempt.start = Number(exit[1]);
      else current.attempt.run = Number(exit[1]);
      continue;
    }
    const pulling = /^Trying to pull (\S+?)\.\.\.$/.exec(line);
    if (pulling) current.attempt.pulling = pulling[1];
    if (/^Error: /.test(line)) current.attempt.errors.push(line.slice('Error: '.length));
  }
  const failures: UpFailure[] = [];
  for (const a of attempts.values()) {
    const failed = a.start !== undefined ? a.start !== 0 : a.run !== undefined && a.run !== 0;
    if (!failed) continue;
    const reason = a.errors[0] ?? `podman exited with ${a.start ?? a.run}`;
    const image = /initializing source docker:\/\/(\S+?):\s/.exec(reason)?.[1] ?? (/(pull|manifest|registry|repository|image)/i.test(reason) ? a.pulling : undefined);
    failures.push({ service: a.service, container: a.name, ...(image ? { image } : {}), reason });
  }
  return failures;
}

/** One sentence per failure: `the image IMG of service S is not on the engine and could not be pulled: WHY`, `service S did not start: WHY`. */
export function describeFailures(failures: readonly UpFailure[]): string {
  return failures
    .map((f) => (f.image ? `the image ${f.image} of service ${f.service} is not on the engine and could not be pulled: ${f.reason}` : `service ${f.service}${f.container ? ` (${f.container})` : ''} did not start: ${f.reason}`))
    .join('; ');
}

/** A project's container as the engine lists it, for stackState. */
export interface ListedContainer {
  service: string;
  state: string;
  /** The list's status text, e.g. `Exited (127) 2 seconds ago`. */
  status: string;
}

/**
 * What the engine shows of a project now, in words: `on the engine now: 1 of 2 containers running (web
 * running; broken created, never started)`. One-off containers are left out by the caller.
 */
export function stackState(containers: readonly ListedContainer[]): string {
  if (!containers.length) return 'on the engine now: no container of the stack';
  const running = containers.filter((c) => c.state === 'running').length;
  const words = [...containers]
    .sort((a, b) => a.service.localeCompare(b.service))
    .map((c) => {
      if (c.state === 'created') return `${c.service} created, never started`;
      const code = /^Exited \((-?\d+)\)/.exec(c.status)?.[1];
      return `${c.service} ${c.state}${code ? ` (exit code ${code})` : ''}`;
    });
  const n = containers.length;
  const summary = running === n ? `all ${n} containers running` : running === 0 ? `none of ${n} containers running` : `partly running, ${running} of ${n} containers up`;
  return `on the engine now: ${summary} (${words.join('; ')})`;
}
