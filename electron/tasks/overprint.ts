/**
 * Carriage returns in a log line, applied as a terminal applies them: `\r` moves back to the line's start
 * and what follows overwrites what was there. apt, pip and curl draw their progress this way; a build log
 * shows the line's last state ("100% [Done]") instead of every state run together.
 */

/** The text a terminal would show for one line (no `\n` inside) holding carriage returns. */
export function overprint(line: string): string {
  if (!line.includes('\r')) return line;
  const screen: string[] = [];
  for (const segment of line.split('\r')) {
    // Array.from walks code points, so a surrogate pair overwrites one column, not two.
    Array.from(segment).forEach((ch, col) => (screen[col] = ch));
  }
  // Trailing blanks are what progress lines pad with to clear a longer state: invisible on a terminal.
  return screen.join('').trimEnd();
}
