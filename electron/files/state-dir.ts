/** Berth's state folder, where what Berth remembers between starts lives (engines.json, engine.json, window.json, settings.json). */
import os from 'node:os';
import path from 'node:path';

/** Berth's state folder: `$BERTH_STATE_DIR`, else `$XDG_CONFIG_HOME/berth`, else `~/.config/berth`. */
export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.BERTH_STATE_DIR || path.join(env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config'), 'berth');
}
