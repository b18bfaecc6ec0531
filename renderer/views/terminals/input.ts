/**
 * A terminal's input on its way to the TTY, in order. Keystrokes (and a paste up to INPUT_CHUNK) go as
 * they come, as the one-way `sessions.keys` (no answer to wait for); a longer paste is cut into INPUT_CHUNK
 * slices, each the call `sessions.input`, sent once the Node side has accepted the previous one (it answers
 * when the TTY stream has taken it: shared/sessions.ts), and keys typed meanwhile wait behind it, so a large paste moves
 * at the TTY's pace, never over the message limit, and can be cancelled. While a paste streams, listeners
 * hear its progress ("Pasting… 1.2 MB / 3 MB" in the Terminals view).
 */
import { INPUT_CHUNK } from '../../../shared/sessions';
import { client } from '../../client/client';

/** A paste in progress: UTF-8 bytes sent and in all. */
export interface PasteProgress {
  sent: number;
  total: number;
}

const utf8 = new TextEncoder();

/** Bracketed paste (xterm wraps a paste in these when the application asked for it with DECSET 2004). */
const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';

/** Slices of at most `size` units, never splitting a surrogate pair. */
export function slices(text: string, size = INPUT_CHUNK): string[] {
  const out: string[] = [];
  for (let at = 0; at < text.length; ) {
    let end = Math.min(text.length, at + size);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    out.push(text.slice(at, end));
    at = end;
  }
  return out;
}

export class TerminalInput {
  private queue: Promise<void> = Promise.resolve();
  private paste: (PasteProgress & { cancelled: boolean; bracketed: boolean }) | null = null;
  private readonly listeners = new Set<(p: PasteProgress | null) => void>();

  constructor(private readonly id: string) {}

  /** What xterm's `onData` gives: typed keys, or a whole paste. */
  send(data: string): void {
    if (data.length <= INPUT_CHUNK) return this.enqueue(async () => client().signal('sessions.keys', { id: this.id, data }));
    const paste = { sent: 0, total: utf8.encode(data).length, cancelled: false, bracketed: data.startsWith(PASTE_START) && data.endsWith(PASTE_END) };
    this.enqueue(async () => {
      this.paste = paste;
      this.tell();
      try {
        for (const part of slices(data)) {
          if (paste.cancelled) {
            // Leave the application's bracketed-paste mode as it would be after a whole paste.
            if (paste.bracketed) await this.call(PASTE_END);
            break;
          }
          if (!(await this.call(part))) break;
          paste.sent += utf8.encode(part).length;
          if (this.paste === paste) this.tell();
        }
      } finally {
        if (this.paste === paste) {
          this.paste = null;
          this.tell();
        }
      }
    });
  }

  /**
   * Stop the paste in progress: no further slice is sent (the one on its way stays on its way: when the
   * application does not read, it waits in the TTY). Listeners hear at once that no paste streams.
   */
  cancelPaste(): void {
    if (!this.paste) return;
    this.paste.cancelled = true;
    this.paste = null;
    this.tell();
  }

  /** Hear the paste progress (null when none streams); told at once. */
  onPaste(listener: (p: PasteProgress | null) => void): () => void {
    this.listeners.add(listener);
    listener(this.progress());
    return () => this.listeners.delete(listener);
  }

  private progress(): PasteProgress | null {
    return this.paste ? { sent: this.paste.sent, total: this.paste.total } : null;
  }

  private tell(): void {
    const p = this.progress();
    for (const l of this.listeners) l(p);
  }

  private enqueue(job: () => Promise<unknown>): void {
    this.queue = this.queue.then(job).then(
      () => undefined,
      () => undefined,
    );
  }

  /** One `sessions.input`; false when the session refused it (ended). */
  private async call(data: string): Promise<boolean> {
    try {
      await client().call('sessions.input', { id: this.id, data });
      return true;
    } catch {
      return false;
    }
  }
}
