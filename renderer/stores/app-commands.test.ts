import { afterEach, describe, expect, it } from 'vitest';
import { dispatchAppCommand } from './app-commands';
import { useCommandUi } from './command-ui';

describe('dispatchAppCommand', () => {
  afterEach(() => useCommandUi.getState().close());
  it('asks the command layer for the menu\'s dialogs, the palette and the shortcuts help', () => {
    dispatchAppCommand({ command: 'open', what: 'sif' });
    expect(useCommandUi.getState().dialog).toEqual({ kind: 'open-sif' });
    dispatchAppCommand({ command: 'open', what: 'archive' });
    expect(useCommandUi.getState().dialog).toEqual({ kind: 'open-archive' });
    dispatchAppCommand({ command: 'palette' });
    expect(useCommandUi.getState()).toMatchObject({ palette: true, dialog: null });
    dispatchAppCommand({ command: 'shortcuts' });
    expect(useCommandUi.getState()).toMatchObject({ palette: false, help: true });
  });

  it("opens a clicked desktop notification's task or container", () => {
    const g = globalThis as { window?: unknown };
    const had = g.window;
    const location = { hash: '' };
    g.window = { location };
    try {
      dispatchAppCommand({ command: 'show', target: { view: 'task', id: 't-1' } });
      expect(location.hash).toBe('#/tasks/t-1');
      dispatchAppCommand({ command: 'show', target: { view: 'container', id: 'abc' } });
      expect(location.hash).toBe('#/container/abc/logs');
    } finally {
      g.window = had;
    }
  });
});
