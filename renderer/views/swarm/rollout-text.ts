/**
 * How the Services table words a rolling update (review finding 11): the Update cell's progress (`updating: 1 of 3 on
 * v2`, counted from the running tasks' own spec images, electron/swarm/rollout.ts) and a paused update's reason
 * (`paused: task rejected: No such image: …`), the Image cell while old and new tasks run side by side, and what is
 * announced when a service's update changes state. Pure: unit-tested in rollout-text.test.ts.
 */
import type { SwarmService } from '../../../shared/swarm';

/** A reference's repository and tag (null when it names none): `host:5000/a/b:v2` → `host:5000/a/b`, `v2`. */
export function splitTag(image: string): { repo: string; tag: string | null } {
  const colon = image.lastIndexOf(':');
  return colon > image.lastIndexOf('/') ? { repo: image.slice(0, colon), tag: image.slice(colon + 1) } : { repo: image, tag: null };
}

/**
 * `image` as short as it stays clear beside `other`: its tag alone when both are tags of one repository (`v2`
 * beside `…busybox:latest`), else the whole reference.
 */
export function shortImage(image: string, other: string | null): string {
  const a = splitTag(image);
  const b = other ? splitTag(other) : null;
  return b && a.tag && a.repo === b.repo && a.tag !== b.tag ? a.tag : image;
}

/** `updating` / `rolling back` while one runs, else null. */
const running = (s: SwarmService): string | null => (s.updateStatus?.state === 'updating' ? 'updating' : s.updateStatus?.state === 'rollback_started' ? 'rolling back' : null);

/** The running tasks of another spec than the service's own (those an update or rollback has still to replace). */
const others = (s: SwarmService) => s.runningImages.filter((i) => !i.current && i.running > 0);

/**
 * The Update cell: `none`; while updating or rolling back, how many running tasks are on the service's spec image of
 * how many wanted (`updating: 1 of 3 on v2`, `rolling back: 2 of 3 on latest`) when the image changes (another spec
 * image runs or the previous spec's differs; an update of other settings only says `updating`); paused, why
 * (`paused: task rejected: No such image: nope:1`, the engine's own message when no task says more). `paused` is
 * true for the two paused states (the row then offers Resume update and Rollback).
 */
export function updateText(s: SwarmService): { text: string; title: string; paused: boolean } {
  const u = s.updateStatus;
  if (!u) return { text: 'none', title: `${s.name} was never updated`, paused: false };
  const label = running(s);
  if (label) {
    const from = others(s)[0]?.image ?? s.previousImage;
    const moving = others(s).length > 0 || (s.previousImage !== null && s.previousImage !== s.image);
    const on = s.runningImages.find((i) => i.current)?.running ?? 0;
    const text = moving ? `${label}: ${on} of ${s.replicas.desired} on ${shortImage(s.image, from)}` : label;
    return { text, title: `${text}${moving ? ` (${s.image})` : ''} — ${u.message}`, paused: false };
  }
  if (u.state === 'paused' || u.state === 'rollback_paused') {
    const text = `${u.state === 'paused' ? 'paused' : 'rollback paused'}: ${u.taskError ?? u.message}`;
    return { text, title: u.taskError ? `${text} (${u.message})` : text, paused: true };
  }
  const text = u.state.replace('_', ' ');
  return { text, title: u.message ? `${text}: ${u.message}` : text, paused: false };
}

/**
 * The Image cell: the service's image (with its short digest); while tasks of another spec still run, one line per
 * image with its running count first, `1/3 berth-test/busybox:v2` then `2/3 latest` (a tag alone when of the same
 * repository), so a cut cell still shows the counts. `lines` has one entry normally.
 */
export function imageText(s: SwarmService, short: (digest: string) => string): { lines: string[]; title: string } {
  const own = s.imageDigest ? `${s.image}@${short(s.imageDigest)}` : s.image;
  const rest = others(s);
  if (!rest.length) return { lines: [own], title: s.imageDigest ? `${s.image}@${s.imageDigest}` : s.image };
  const count = (n: number) => `${n}/${s.replicas.desired}`;
  const on = s.runningImages.find((i) => i.current)?.running ?? 0;
  const label = (i: SwarmService['runningImages'][number]) => (i.image === s.image && i.digest ? `@${short(i.digest)}` : shortImage(i.image, s.image));
  const lines = [`${count(on)} ${own}`, ...rest.map((i) => `${count(i.running)} ${label(i)}`)];
  const title = [`${on} running ${s.image}${s.imageDigest ? `@${s.imageDigest}` : ''} (the service's image)`, ...rest.map((i) => `${i.running} still running ${i.image}${i.digest ? `@${i.digest}` : ''}`)].join(', ');
  return { lines: lines.length > 2 ? [lines[0]!, lines.slice(1).join(' · ')] : lines, title };
}

/** What a change of update state is called in an announcement. */
const PHRASES: Record<NonNullable<SwarmService['updateStatus']>['state'], string> = {
  updating: 'update started',
  paused: 'update paused',
  completed: 'update completed',
  rollback_started: 'rollback started',
  rollback_paused: 'rollback paused',
  rollback_completed: 'rollback completed',
};

/**
 * What to announce when a service's update changes between two refreshes (`web1: update paused: task rejected: …`,
 * `web1: update completed`), or null: the first sight of a service, the same state again (progress counts are not
 * announced), a service whose update went away. A paused state whose task error arrives later is announced again with it.
 */
export function updateAnnouncement(before: SwarmService | undefined, after: SwarmService): string | null {
  const b = before?.updateStatus;
  const a = after.updateStatus;
  if (!before || !a) return null;
  if (b && b.state === a.state && b.taskError === a.taskError) return null;
  const why = a.state === 'paused' || a.state === 'rollback_paused' ? `: ${a.taskError ?? a.message}` : '';
  return `${after.name}: ${PHRASES[a.state]}${why}`;
}

/**
 * The Update image dialog's warning (review finding 13): with one task wanted, stop-first and failure action pause, a
 * new image that cannot start leaves the service with no task running until Rollback; null for other settings.
 */
export function outageHint(desired: number, order: string, failureAction: string): string | null {
  if (desired !== 1 || order !== 'stop-first' || failureAction !== 'pause') return null;
  return 'With 1 replica, stop-first and failure action pause, the running task stops before the new one starts: if the new image fails (e.g. no node has it), the service stays down (0/1) until you roll it back. Start-first keeps the old task running until the new one does.';
}
