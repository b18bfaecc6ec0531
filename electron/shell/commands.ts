/**
 * The `app.command` topic's source: the application menu emits, subscribed pages hear (shared/app-commands.ts).
 * A command has no state, so a new subscriber receives nothing until the next one.
 */
import type { AppCommand } from '../../shared/app-commands';

export class AppCommands {
  private readonly listeners = new Set<(c: AppCommand) => void>();

  /** Hear every command from now on; returns the unsubscribe. */
  subscribe(listener: (c: AppCommand) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Send a command to every subscriber (a listener that throws does not stop the others). */
  emit(c: AppCommand): void {
    for (const l of this.listeners) {
      try {
        l(c);
      } catch (err) {
        console.error(`berth: app command listener failed: ${(err as Error).message}`);
      }
    }
  }
}
