import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { INFO_TTL_MS, useNotices, visibleNotices, VISIBLE_NOTICES } from './notices';

describe('notices', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    useNotices.getState().clear();
  });
  afterEach(() => vi.useRealTimers());

  it('expires successes and keeps errors until dismissed', () => {
    useNotices.getState().push('info', 'Pulled busybox');
    useNotices.getState().push('error', 'Could not stop web: gone');
    vi.advanceTimersByTime(INFO_TTL_MS + 1);
    expect(useNotices.getState().notices.map((n) => n.text)).toEqual(['Could not stop web: gone']);
    vi.advanceTimersByTime(60 * 60_000);
    expect(useNotices.getState().notices).toHaveLength(1);
  });

  it('shows the newest three and counts the rest', () => {
    for (let i = 0; i < 7; i++) useNotices.getState().push('error', `e${i}`);
    const { shown, more } = visibleNotices(useNotices.getState().notices);
    expect(shown.map((n) => n.text)).toEqual(['e4', 'e5', 'e6']);
    expect(shown).toHaveLength(VISIBLE_NOTICES);
    expect(more).toBe(4);
  });
});
