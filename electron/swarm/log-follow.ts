/**
 * A followed service log that ends when its service is removed (review finding 5 of issue #16): moby keeps
 * `GET /services/{id}/logs?follow=1` open and silent once the service is gone, so the viewer would go on
 * "following" nothing. The follower listens to the swarm's own `service` `remove` event (swarm/changes.ts) for
 * the service's ID and ends the log with words saying so; the listener leaves with the follower.
 */
import type { SwarmChange } from '../../shared/swarm';
import type { LogsService } from '../logs/service';

/** The words a followed log ends with when its service `name` was removed. */
export function removedText(name: string): string {
  return `service ${name} was removed: following ended (the lines received are kept)`;
}

/**
 * End follower `id` of service `service` (`{ id, name }`, its swarm ID and name) when the swarm says it was
 * removed. `changes`: the swarm changes' subscribe (SwarmChanges.subscribe). `stillThere`: asked once the
 * listener is on, so that a removal just before it is not missed (resolves false when the service is gone).
 */
export function endOnRemoval(
  logs: Pick<LogsService, 'endWith' | 'onEnd'>,
  changes: (listener: (c: SwarmChange) => void) => () => void,
  id: string,
  service: { id: string; name: string },
  stillThere: () => Promise<boolean>,
): void {
  const off = changes((c) => {
    if (c.type === 'service' && c.action === 'remove' && c.id === service.id) logs.endWith(id, removedText(service.name), { gone: true });
  });
  logs.onEnd(id, off);
  void stillThere().then(
    (there) => there || logs.endWith(id, removedText(service.name), { gone: true }),
    () => undefined,
  );
}
