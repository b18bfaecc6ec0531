/**
 * Carries out a command's intent (commands.ts) the way the rows' own buttons do: the same engine calls,
 * the same sessions, the same dialogs (confirmations included), failures as notices.
 */
import { client } from '../../client/client';
import { useCommandUi } from '../../stores/command-ui';
import { reportError } from '../../stores/notices';
import { useContainers } from '../../stores/stores';
import { VERB_METHOD } from '../containers/actions';
import { groupStacks, projectOf } from '../stacks/group';
import { actOn } from '../stacks/stack-actions';
import { openSession } from '../terminals/open';
import type { Intent } from './commands';

/** Go to `hash` unless the view it names is the one shown (`#/images` shows over `#/images`, not over `#/image/x`). */
function goHome(hash: string): void {
  const now = window.location.hash || '#/containers';
  if (now !== hash && !now.startsWith(`${hash}/`)) window.location.hash = hash;
}

/** Do what `intent` says. Resolves when the engine call (if any) has ended; never rejects. */
export async function perform(intent: Intent): Promise<void> {
  const ui = useCommandUi.getState();
  switch (intent.kind) {
    case 'go':
      window.location.hash = intent.hash;
      return;
    case 'help':
      return ui.openHelp();
    case 'dialog':
      if (intent.home) goHome(intent.home);
      return ui.request(intent.dialog);
    case 'session':
      return openSession(intent.session, { id: intent.id, name: intent.name });
    case 'container':
      try {
        await client().call(VERB_METHOD[intent.verb], { id: intent.id });
      } catch (err) {
        reportError(`${intent.verb.toLowerCase()} ${intent.name}`, err);
      }
      return;
    case 'stack': {
      const containers = useContainers.getState().items.filter((c) => projectOf(c) === intent.project);
      const stack = groupStacks(containers)[0];
      if (stack) await actOn(stack.containers, intent.verb, `stack ${intent.project}`);
      return;
    }
  }
}
