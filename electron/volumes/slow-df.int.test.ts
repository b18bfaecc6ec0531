// Integration: a volume listing does not wait on a slow /system/df (Docker runs one at a time; seconds, and over
// 30 s in CI on a loaded engine, which held back a new volume's row as long). Against the private engine behind a
// proxy that holds every df 5 s: the listing answers with the volume and no size; the late df's sizes come with
// the next listing, and the service says they came (the monitor lists again).
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine';
import { resolveEngineHost } from '../engine/host';
import { docker, engineMissing, TEST_IMAGE, uniqueName, waitFor } from '../testing/engine';
import { engineProxy } from '../testing/proxy';
import { VolumesService } from './service';

const missing = await engineMissing();

describe.skipIf(missing)('volumes with a slow /system/df', () => {
  const name = uniqueName('slowdf');
  afterAll(async () => {
    await docker(['volume', 'rm', '-f', name]).catch(() => {});
  });

  it('lists a new volume without waiting for df, and tells when the late sizes differ', async () => {
    let dfs = 0;
    const proxy = await engineProxy((_method, url) => (/^\/(v[\d.]+\/)?system\/df/.test(url) ? (dfs++, { delayMs: 5000 }) : 'pass'));
    try {
      const volumes = new VolumesService(new Engine(resolveEngineHost({ DOCKER_HOST: proxy.host })));
      let told = 0;
      volumes.onLateSizes(() => told++);
      await docker(['volume', 'create', name]);
      await docker(['run', '--rm', '-v', `${name}:/data`, TEST_IMAGE, 'sh', '-c', 'head -c 100000 /dev/zero > /data/blob']);
      const first = await volumes.list();
      // Answered before the df: the volume is there, its size not measured yet (it hung on the df before).
      expect(dfs).toBe(1);
      expect(first.find((v) => v.name === name)).toMatchObject({ name, size: null });
      await waitFor(() => told > 0, 30_000, 'the late sizes told');
      const later = await volumes.list();
      expect(later.find((v) => v.name === name)!.size).toBeGreaterThanOrEqual(100_000);
    } finally {
      await proxy.close();
    }
  }, 60_000);
});
