import { describe, expect, it } from 'vitest';
import { unreachableText } from './EngineBanner';

describe('unreachableText', () => {
  it('claims a last known state only for an engine this window has reached (review 27, F6)', () => {
    expect(unreachableText('unix:///x.sock', true)).toBe('Engine unreachable: unix:///x.sock. Showing the last known state; retrying (details in the status bar).');
    expect(unreachableText('unix:///x.sock', false)).toBe('Engine unreachable: unix:///x.sock. Nothing has been read from it yet; retrying (details in the status bar).');
  });
});
