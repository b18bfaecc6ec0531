/**
 * Which group a container sits under in the Containers view: its Compose stack (the project label) first, else
 * its Podman pod (ContainerSummary `pod`, libpod's), else none. Keys carry the kind (`stack:NAME`, `pod:NAME`)
 * so a stack and a pod of the same name never share a header. Pure: unit-tested.
 */
import type { ContainerSummary } from '../../../shared/model';
import { projectOf } from '../stacks/group';

export type GroupKey = `stack:${string}` | `pod:${string}`;

/** The group of `c`, or undefined when it is in neither a stack nor a pod. */
export function groupOf(c: ContainerSummary): GroupKey | undefined {
  const project = projectOf(c);
  if (project) return `stack:${project}`;
  return c.pod ? `pod:${c.pod.name}` : undefined;
}

/** The kind and name of a group key. */
export function parseGroup(key: string): { kind: 'stack' | 'pod'; name: string } {
  const i = key.indexOf(':');
  return { kind: key.slice(0, i) === 'pod' ? 'pod' : 'stack', name: key.slice(i + 1) };
}

/** A pod's header text from its containers: `2 of 3 running · infra running` (the infra container counted apart, as `podman pod ps` does not count it among the pod's containers' states). */
export function podSummaryText(containers: readonly ContainerSummary[]): string {
  const infra = containers.find((c) => c.pod?.infra);
  const members = containers.filter((c) => !c.pod?.infra);
  const running = members.filter((c) => c.state === 'running').length;
  const parts = [`${running} of ${members.length} container${members.length === 1 ? '' : 's'} running`];
  if (infra) parts.push(`infra ${infra.state}`);
  return parts.join(' · ');
}
