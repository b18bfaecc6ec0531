import { describe, expect, it } from 'vitest';
import { cpuPercent, memoryUsed, toSample } from './calc';

describe('docker stats formulas', () => {
  it('computes CPU % as the CLI does (delta ratio × online CPUs × 100)', () => {
    const pre = { cpu_usage: { total_usage: 1_000_000_000 }, system_cpu_usage: 100_000_000_000 };
    const cur = { cpu_usage: { total_usage: 1_500_000_000 }, system_cpu_usage: 102_000_000_000, online_cpus: 2 };
    // 0.5 s of CPU over 2 s of system time on 2 CPUs: 50 %.
    expect(cpuPercent(cur, pre)).toBeCloseTo(50);
    expect(cpuPercent(cur, { cpu_usage: { total_usage: 0 }, system_cpu_usage: 0 })).toBeNull();
    expect(cpuPercent({ ...cur, online_cpus: undefined, cpu_usage: { total_usage: 1_500_000_000, percpu_usage: [1, 2, 3, 4] } }, pre)).toBeCloseTo(100);
  });

  it('takes the inactive file cache off memory on cgroup v1 and v2', () => {
    expect(memoryUsed({ usage: 100, stats: { total_inactive_file: 30 } })).toBe(70);
    expect(memoryUsed({ usage: 100, stats: { inactive_file: 40 } })).toBe(60);
    expect(memoryUsed({ usage: 100 })).toBe(100);
    expect(memoryUsed({ usage: 100, stats: { inactive_file: 400 } })).toBe(100);
  });

  it('uses the previous reading when the engine sends no precpu_stats (Podman)', () => {
    const first = { cpu_stats: { cpu_usage: { total_usage: 0 }, system_cpu_usage: 1_000, online_cpus: 1 } };
    const second = {
      read: '2026-11-22T05:00:01Z',
      cpu_stats: { cpu_usage: { total_usage: 250 }, system_cpu_usage: 2_000, online_cpus: 1 },
      precpu_stats: {},
      memory_stats: { usage: 2048, limit: 4096 },
      networks: { eth0: { rx_bytes: 10, tx_bytes: 20 }, eth1: { rx_bytes: 1, tx_bytes: 2 } },
      blkio_stats: { io_service_bytes_recursive: [{ op: 'Read', value: 5 }, { op: 'Write', value: 7 }, { op: 'read', value: 1 }] },
      pids_stats: { current: 3 },
    };
    expect(toSample(second, 'id', 'web', first)).toEqual({
      id: 'id', name: 'web', time: Date.UTC(2026, 10, 22, 5, 0, 1), cpuPercent: 25, memoryUsed: 2048, memoryLimit: 4096, memoryPercent: 50,
      netRx: 11, netTx: 22, blockRead: 6, blockWrite: 7, pids: 3,
    });
  });
});
