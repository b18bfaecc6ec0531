/**
 * The command palette's commands, built from what the window shows now: the actions on the current object
 * (a container, an image or a stack), the global actions (Run…, Pull…, …), the views. Pure: a command says
 * what to do as an `Intent` (perform.ts carries it out), so building and ranking are unit-tested.
 */
import fuzzysort from 'fuzzysort';
import type { ContainerSummary, ImageSummary } from '../../../shared/model';
import type { DialogRequest } from '../../stores/command-ui';
import { shortId } from '../../format';
import { verbsFor, type ContainerVerb } from '../containers/actions';
import { groupStacks, projectOf, type Stack } from '../stacks/group';
import type { StackVerb } from '../stacks/stack-actions';
import { SWARM_TAB_NAMES, SWARM_TABS, swarmHref, type SwarmTab } from '../swarm/route';
import { HELP, shortcutOf, viewCommand, type Shortcut } from './shortcuts';

/** What running a command does. */
export type Intent =
  | { kind: 'go'; hash: string }
  /** Show a dialog, after going to `home` (a view's hash) unless that view is shown. */
  | { kind: 'dialog'; dialog: DialogRequest; home?: string }
  | { kind: 'container'; verb: Exclude<ContainerVerb, 'Remove'>; id: string; name: string }
  | { kind: 'session'; session: 'exec' | 'attach'; id: string; name: string }
  | { kind: 'stack'; verb: StackVerb; project: string }
  | { kind: 'help' };

/** One entry of the palette. */
export interface Command {
  /** Stable ID (`view.images`, `container.stop`, `pull`), as the shortcut table names commands. */
  id: string;
  /** What the option reads, the object named (`Stop web`, `Go to Images`, `Pull…`). */
  title: string;
  /** The kind shown beside it: `Container`, `Image`, `Stack`, `Action`, `View`, `Help`. */
  section: string;
  /** More words that find it (`exec terminal` for Open shell). */
  keywords?: string;
  /** From the shortcut table, when it has one. */
  shortcut?: string;
  /** Removes or kills something (the confirmation, if any, still comes). */
  danger?: boolean;
  intent: Intent;
}

/** The object a sub-view shows (`#/container/<id>`, `#/image/<ref>`, `#/layers/<ref>`, `#/stack/<p>`). */
export type Shown = { kind: 'container'; id: string } | { kind: 'image'; ref: string } | { kind: 'stack'; project: string };

/** The current object, found in the live lists. */
export type Target = { kind: 'container'; container: ContainerSummary } | { kind: 'image'; image: ImageSummary } | { kind: 'stack'; stack: Stack };

/**
 * The current object: the one a sub-view shows (`shown`), else the selected row of the list view shown
 * (`view`: Containers, Images, Stacks). Undefined when there is none, or it is gone from the lists.
 */
export function resolveTarget(
  view: string,
  shown: Shown | undefined,
  selection: { container?: string; image?: string; stack?: string },
  containers: readonly ContainerSummary[],
  images: readonly ImageSummary[],
): Target | undefined {
  const pick: Shown | undefined =
    shown ??
    (view === 'containers' && selection.container
      ? { kind: 'container', id: selection.container }
      : view === 'images' && selection.image
        ? { kind: 'image', ref: selection.image }
        : view === 'stacks' && selection.stack
          ? { kind: 'stack', project: selection.stack }
          : undefined);
  if (pick?.kind === 'container') {
    const container = containers.find((c) => c.id === pick.id || c.name === pick.id) ?? containers.find((c) => c.id.startsWith(pick.id));
    return container && { kind: 'container', container };
  }
  if (pick?.kind === 'image') {
    const ref = pick.ref;
    const image = images.find((i) => i.id === ref || i.repoTags.includes(ref)) ?? images.find((i) => i.id.startsWith(ref) || i.id.startsWith(`sha256:${ref}`));
    return image && { kind: 'image', image };
  }
  if (pick?.kind === 'stack') {
    const stack = groupStacks(containers.filter((c) => projectOf(c) === pick.project))[0];
    return stack && { kind: 'stack', stack };
  }
  return undefined;
}

/** Actions on a container, as its row offers them for its state. */
function containerCommands(c: ContainerSummary): Omit<Command, 'shortcut'>[] {
  const section = 'Container';
  const at = (tab: string) => `#/container/${encodeURIComponent(c.id)}/${tab}`;
  const running = c.state === 'running';
  return [
    { id: 'container.logs', title: `Logs of ${c.name}`, section, intent: { kind: 'go', hash: at('logs') } },
    ...(running
      ? [
          { id: 'container.shell', title: `Open shell in ${c.name}`, section, keywords: 'exec terminal sh bash', intent: { kind: 'session', session: 'exec', id: c.id, name: c.name } } as const,
          { id: 'container.attach', title: `Attach to ${c.name}`, section, keywords: 'terminal tty', intent: { kind: 'session', session: 'attach', id: c.id, name: c.name } } as const,
        ]
      : []),
    ...verbsFor(c.state)
      .filter((v): v is Exclude<ContainerVerb, 'Remove'> => v !== 'Remove')
      .map((verb) => ({ id: `container.${verb.toLowerCase()}`, title: `${verb} ${c.name}`, section, danger: verb === 'Kill', intent: { kind: 'container', verb, id: c.id, name: c.name } as const })),
    { id: 'container.stats', title: `Stats of ${c.name}`, section, keywords: 'cpu memory', intent: { kind: 'go', hash: at('stats') } },
    { id: 'container.details', title: `Details of ${c.name}`, section, keywords: 'inspect', intent: { kind: 'go', hash: at('inspect') } },
    ...(verbsFor(c.state).includes('Remove') ? [{ id: 'container.remove', title: `Remove ${c.name}…`, section, danger: true, keywords: 'delete rm', intent: { kind: 'dialog', dialog: { kind: 'remove-container', id: c.id } } } as const] : []),
  ];
}

/** Actions on an image, as its row offers them. */
function imageCommands(i: ImageSummary): Omit<Command, 'shortcut'>[] {
  const name = i.repoTags[0] ?? shortId(i.id);
  const section = 'Image';
  const dialog = (kind: 'tag-image' | 'push-image' | 'export-sif' | 'remove-image'): Intent => ({ kind: 'dialog', dialog: { kind, id: i.id } });
  return [
    { id: 'image.run', title: `Run ${name}…`, section, keywords: 'container start', intent: { kind: 'dialog', dialog: { kind: 'run', image: i.repoTags[0] ?? i.id } } },
    { id: 'image.layers', title: `Layers of ${name}`, section, keywords: 'files dive', intent: { kind: 'go', hash: `#/layers/${encodeURIComponent(i.id)}` } },
    { id: 'image.details', title: `Details of ${name}`, section, keywords: 'inspect history', intent: { kind: 'go', hash: `#/image/${encodeURIComponent(i.id)}` } },
    { id: 'image.tag', title: `Tag ${name}…`, section, intent: dialog('tag-image') },
    ...(i.repoTags.length ? [{ id: 'image.push', title: `Push ${name}…`, section, keywords: 'registry upload', intent: dialog('push-image') }] : []),
    { id: 'image.sif', title: `Export ${name} as SIF…`, section, keywords: 'singularity apptainer', intent: dialog('export-sif') },
    { id: 'image.remove', title: `Remove ${name}…`, section, danger: true, keywords: 'delete rmi', intent: dialog('remove-image') },
  ];
}

/** Actions on a stack, as its row offers them. */
function stackCommands(s: Stack): Omit<Command, 'shortcut'>[] {
  const p = s.project;
  const section = 'Stack';
  const verb = (v: StackVerb): Omit<Command, 'shortcut'> => ({ id: `stack.${v.toLowerCase()}`, title: `${v} stack ${p}`, section, intent: { kind: 'stack', verb: v, project: p } });
  const starts = s.state !== 'running';
  const stops = s.state !== 'exited';
  return [
    { id: 'stack.logs', title: `Logs of stack ${p}`, section, intent: { kind: 'go', hash: `#/stack-logs/${encodeURIComponent(p)}` } },
    ...(starts ? [verb('Start')] : []),
    ...(stops ? [verb('Stop'), verb('Restart')] : []),
    { id: 'stack.details', title: `Details of stack ${p}`, section, keywords: 'services configuration compose', intent: { kind: 'go', hash: `#/stack/${encodeURIComponent(p)}/services` } },
    { id: 'stack.down', title: `Down stack ${p}…`, section, danger: true, keywords: 'compose down', intent: { kind: 'dialog', dialog: { kind: 'down-stack', project: p } } },
    { id: 'stack.remove', title: `Remove stack ${p}…`, section, danger: true, keywords: 'delete', intent: { kind: 'dialog', dialog: { kind: 'remove-stack', project: p } } },
  ];
}

/** Actions that need no object, each shown over the view its results appear in. */
const GLOBAL: readonly Omit<Command, 'shortcut'>[] = [
  { id: 'run', title: 'Run…', section: 'Action', keywords: 'container docker run new', intent: { kind: 'dialog', dialog: { kind: 'run' }, home: '#/containers' } },
  { id: 'pull', title: 'Pull…', section: 'Action', keywords: 'image download registry', intent: { kind: 'dialog', dialog: { kind: 'pull' }, home: '#/images' } },
  { id: 'build', title: 'Build…', section: 'Action', keywords: 'image dockerfile', intent: { kind: 'dialog', dialog: { kind: 'build' }, home: '#/images' } },
  { id: 'up', title: 'Up a stack…', section: 'Action', keywords: 'compose up', intent: { kind: 'dialog', dialog: { kind: 'up' }, home: '#/stacks' } },
  { id: 'open-archive', title: 'Open archive…', section: 'Action', keywords: 'docker save tar layers', intent: { kind: 'dialog', dialog: { kind: 'open-archive' }, home: '#/images' } },
  // Over the Services tab: on an engine that is not a swarm manager the tab says why, and so does the engine's refusal.
  { id: 'create-service', title: 'Create service…', section: 'Action', keywords: 'docker service create swarm', intent: { kind: 'dialog', dialog: { kind: 'create-service' }, home: '#/swarm/services' } },
  { id: 'open-sif', title: 'Open SIF…', section: 'Action', keywords: 'singularity apptainer', intent: { kind: 'dialog', dialog: { kind: 'open-sif' }, home: '#/images' } },
  { id: HELP, title: 'Keyboard shortcuts', section: 'Help', keywords: 'keys help', intent: { kind: 'help' } },
];

/** More words per Swarm tab: the docker CLI's own command for the same list. */
const SWARM_KEYWORDS: Record<SwarmTab, string> = {
  nodes: 'cluster docker node ls drain promote',
  services: 'cluster docker service ls scale update rollback',
  tasks: 'cluster docker service ps',
  secrets: 'cluster docker secret ls',
  configs: 'cluster docker config ls',
  networks: 'cluster overlay docker network ls',
};

/** `Go to Swarm <tab>` for each of the Swarm view's tabs (`#/swarm/<tab>`). */
function swarmCommands(): Omit<Command, 'shortcut'>[] {
  return SWARM_TABS.map((t) => ({ id: `view.swarm.${t}`, title: `Go to Swarm ${SWARM_TAB_NAMES[t].toLowerCase()}`, section: 'View', keywords: SWARM_KEYWORDS[t], intent: { kind: 'go', hash: swarmHref({ tab: t }) } }));
}

/**
 * Every command for now, in the order shown before anything is typed: the current object's actions, the
 * global actions, then one `Go to <view>` per view (`views`: App.tsx's IDs and titles), Swarm's followed by one per tab. `table` gives each
 * command its shortcut.
 */
export function buildCommands(views: readonly { id: string; title: string }[], target: Target | undefined, table: readonly Shortcut[]): Command[] {
  const own = !target ? [] : target.kind === 'container' ? containerCommands(target.container) : target.kind === 'image' ? imageCommands(target.image) : stackCommands(target.stack);
  const go = views.flatMap((v): Omit<Command, 'shortcut'>[] => [{ id: viewCommand(v.id), title: `Go to ${v.title}`, section: 'View', intent: { kind: 'go', hash: `#/${v.id}` } }, ...(v.id === 'swarm' ? swarmCommands() : [])]);
  return [...own, ...GLOBAL, ...go].map((c) => ({ ...c, shortcut: shortcutOf(table, c.id) }));
}

/** A command that matches the query, with the positions of its title's matched characters (for highlighting). */
export interface Ranked {
  command: Command;
  /** Indexes into `command.title`; empty when the query matched the keywords only, or is empty. */
  marks: readonly number[];
}

/** How much a keyword match counts, against a title match's 1. */
const KEYWORD_WEIGHT = 0.6;
/** How much a query whose words are found only in title and keywords together counts. */
const SPLIT_WEIGHT = 0.3;

/** The best score of the whole query in the title or (weighted) in the keywords; 0 when neither holds all of it. */
function wholeQueryScore(q: string, c: Command): number {
  return Math.max(fuzzysort.single(q, c.title)?.score ?? 0, (c.keywords ? (fuzzysort.single(q, c.keywords)?.score ?? 0) : 0) * KEYWORD_WEIGHT);
}

/**
 * The commands matching `query` fuzzily (fuzzysort, over the title and the keywords), best first, equal
 * scores in the commands' own order (the current object's actions first); all of them, in order, for an
 * empty query.
 */
export function rankCommands(query: string, commands: readonly Command[]): Ranked[] {
  const q = query.trim();
  if (!q) return commands.map((command) => ({ command, marks: [] }));
  const order = new Map(commands.map((c, i) => [c, i]));
  return fuzzysort
    // A match in the title counts more than one in the keywords (`img`: Go to Images before Build…'s `image`).
    // Each is scored on the whole query: fuzzysort's per-key scores of a query with spaces count the words
    // found in that key only (`docker service create` scored Go to Swarm services' title, which holds just
    // `service`, above Create service…'s keywords, which hold all three). Words found only across title and
    // keywords together count least.
    .go(q, commands, { keys: ['title', 'keywords'], limit: 0, threshold: 0, scoreFn: (r) => wholeQueryScore(q, r.obj) || Math.max(r[0]?.score ?? 0, r[1]?.score ?? 0) * SPLIT_WEIGHT })
    .map((r) => ({ command: r.obj, marks: r[0]?.indexes ?? [], score: r.score }))
    .sort((a, b) => b.score - a.score || order.get(a.command)! - order.get(b.command)!)
    .map(({ command, marks }) => ({ command, marks }));
}
