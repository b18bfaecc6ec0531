/**
 * Compose stacks from the engine's containers alone: the `com.docker.compose.*` labels that Compose v1,
 * Compose v2 and podman-compose set on every container they create (compose-spec, "Labels" in Compose's
 * `api/labels.go`: project, service, container-number, oneoff, project.config_files,
 * project.working_dir). A container without a project label is in no stack.
 * podman-compose 1.0.3 sets no `oneoff` label: its `run` containers carry the service's labels (container
 * number 1 included) and are told apart by podman-compose's name for them, `PROJECT_SERVICE_tmpNNNNN`.
 */
import type { ContainerSummary } from '../../../shared/model';

export const PROJECT_LABEL = 'com.docker.compose.project';
export const SERVICE_LABEL = 'com.docker.compose.service';
export const NUMBER_LABEL = 'com.docker.compose.container-number';
export const ONEOFF_LABEL = 'com.docker.compose.oneoff';
export const CONFIG_FILES_LABEL = 'com.docker.compose.project.config_files';
export const WORKING_DIR_LABEL = 'com.docker.compose.project.working_dir';

/** One Compose project as its containers show it. */
export interface Stack {
  project: string;
  /** Service names, sorted. */
  services: string[];
  /** The project's containers, by service then container number. */
  containers: ContainerSummary[];
  running: number;
  paused: number;
  /** `running` (all up), `exited` (none up), `partly running` (some up: never shown as healthy). */
  state: 'running' | 'exited' | 'partly running';
  /** The compose files and working directory the labels name (those of the first container that has them). */
  configFiles: string[];
  workingDir: string | null;
  /** Earliest container creation (the `created` of ContainerSummary). */
  created: number;
}

/**
 * A one-off container (`compose run`): labelled `oneoff=True` (Compose v1 and v2), or, with no `oneoff`
 * label at all, named `PROJECT_SERVICE_tmpN` as podman-compose 1.0.x names its `run` containers.
 */
export function isOneOff(c: ContainerSummary): boolean {
  const oneoff = c.labels[ONEOFF_LABEL];
  if (oneoff !== undefined) return oneoff === 'True';
  const project = c.labels[PROJECT_LABEL];
  const service = c.labels[SERVICE_LABEL];
  return !!project && !!service && new RegExp(`^${escape(project)}_${escape(service)}_tmp\\d+$`).test(c.name);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The stack a container belongs to, if any. */
export function projectOf(c: ContainerSummary): string | undefined {
  return c.labels[PROJECT_LABEL] || undefined;
}

/** Group containers into stacks, sorted by project name. One-off containers (`compose run`) are listed but do not count toward the state. */
export function groupStacks(containers: readonly ContainerSummary[]): Stack[] {
  const byProject = new Map<string, ContainerSummary[]>();
  for (const c of containers) {
    const p = projectOf(c);
    if (p) byProject.set(p, [...(byProject.get(p) ?? []), c]);
  }
  return [...byProject]
    .map(([project, list]) => {
      const sorted = [...list].sort(
        (a, b) => (a.labels[SERVICE_LABEL] ?? '').localeCompare(b.labels[SERVICE_LABEL] ?? '') || Number(a.labels[NUMBER_LABEL] ?? 0) - Number(b.labels[NUMBER_LABEL] ?? 0) || a.name.localeCompare(b.name),
      );
      const counted = sorted.filter((c) => !isOneOff(c));
      const base = counted.length ? counted : sorted;
      const running = base.filter((c) => c.state === 'running').length;
      const paused = base.filter((c) => c.state === 'paused').length;
      const up = running + paused;
      const withFiles = sorted.find((c) => c.labels[CONFIG_FILES_LABEL]);
      return {
        project,
        services: [...new Set(sorted.map((c) => c.labels[SERVICE_LABEL]).filter((s): s is string => !!s))].sort(),
        containers: sorted,
        running,
        paused,
        state: up === 0 ? 'exited' : up === base.length ? 'running' : 'partly running',
        configFiles: withFiles ? withFiles.labels[CONFIG_FILES_LABEL]!.split(',').filter(Boolean) : [],
        workingDir: sorted.find((c) => c.labels[WORKING_DIR_LABEL])?.labels[WORKING_DIR_LABEL] ?? null,
        created: Math.min(...sorted.map((c) => c.created)),
      } satisfies Stack;
    })
    .sort((a, b) => a.project.localeCompare(b.project));
}

/** What a person reads in the Status column: `running 3/3`, `partly running 1/3`, `exited 0/3` (paused counted as up, and said). */
export function stackStatusText(s: Stack): string {
  const total = s.containers.filter((c) => !isOneOff(c)).length || s.containers.length;
  const up = s.running + s.paused;
  return `${s.state} ${up}/${total}${s.paused ? `, ${s.paused} paused` : ''}`;
}
