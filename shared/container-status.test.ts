import { describe, expect, it } from 'vitest';
import { containerStatusText, humanDuration } from './container-status';

const base = { status: 'engine text', startedAt: null, finishedAt: null, exitCode: null, health: null } as const;

describe('humanDuration (docker/go-units)', () => {
  it('words durations as the Docker CLI does', () => {
    const s = 1000;
    const h = 3600 * s;
    expect(humanDuration(400)).toBe('Less than a second');
    expect(humanDuration(1 * s)).toBe('1 second');
    expect(humanDuration(59 * s)).toBe('59 seconds');
    expect(humanDuration(90 * s)).toBe('About a minute');
    expect(humanDuration(5 * 60 * s)).toBe('5 minutes');
    expect(humanDuration(59 * 60 * s)).toBe('59 minutes');
    expect(humanDuration(h + 20 * 60 * s)).toBe('About an hour');
    expect(humanDuration(h + 40 * 60 * s)).toBe('2 hours');
    expect(humanDuration(47 * h)).toBe('47 hours');
    expect(humanDuration(3 * 24 * h)).toBe('3 days');
    expect(humanDuration(20 * 24 * h)).toBe('2 weeks');
    expect(humanDuration(90 * 24 * h)).toBe('3 months');
    expect(humanDuration(800 * 24 * h)).toBe('2 years');
  });
});

describe('containerStatusText', () => {
  const now = Date.parse('2026-12-01T12:00:00Z');
  it('ages a running container from its start time', () => {
    expect(containerStatusText({ ...base, state: 'running', startedAt: now - 300_000 }, now)).toBe('Up 5 minutes');
    expect(containerStatusText({ ...base, state: 'running', startedAt: now - 300 }, now)).toBe('Up Less than a second');
    expect(containerStatusText({ ...base, state: 'running', startedAt: now - 10_000, health: 'starting' }, now)).toBe('Up 10 seconds (health: starting)');
    expect(containerStatusText({ ...base, state: 'running', startedAt: now - 10_000, health: 'healthy' }, now)).toBe('Up 10 seconds (healthy)');
    expect(containerStatusText({ ...base, state: 'paused', startedAt: now - 10_000 }, now)).toBe('Up 10 seconds (Paused)');
  });
  it('says how a container exited and how long ago', () => {
    expect(containerStatusText({ ...base, state: 'exited', finishedAt: now - 2_000, exitCode: 3 }, now)).toBe('Exited (3) 2 seconds ago');
    expect(containerStatusText({ ...base, state: 'created' }, now)).toBe('Created');
    expect(containerStatusText({ ...base, state: 'dead' }, now)).toBe('Dead');
  });
  it('falls back to the engine text while the times are unknown', () => {
    expect(containerStatusText({ ...base, state: 'running' }, now)).toBe('engine text');
  });
});
