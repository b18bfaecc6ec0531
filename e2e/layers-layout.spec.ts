// The Layers table is the heart of the Layers view: at 1280×720, 1440×900 and 1920×1080 it shows at least
// five layer rows whatever else the view holds (a long "Wasted space by file" table), and the split between
// the table and the layer's details can be moved by the person, within minimum sizes.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { docker, TEST_IMAGE, uniqueName } from '../electron/testing/engine';
import { expect, row, test } from './support/fixtures';

const run = promisify(execFile);
const tag = `berth-test/${uniqueName('layout')}:v1`;

test.beforeAll(async () => {
  if (process.env.BERTH_E2E_SKIP) return;
  // Eight layers, each rewriting the same 20 files: many layer rows and a long wasted-space table.
  const ctx = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-ctx-'));
  const steps = Array.from({ length: 8 }, (_, i) => `RUN mkdir -p /w && for f in $(seq 1 20); do echo ${i}-$f > /w/f$f; done`);
  fs.writeFileSync(path.join(ctx, 'Dockerfile'), [`FROM ${TEST_IMAGE}`, ...steps, 'ENV A=1', 'CMD ["sh"]'].join('\n'));
  await run('docker', ['build', '-q', '-t', tag, ctx], { env: { ...process.env, DOCKER_BUILDKIT: '0' } });
  fs.rmSync(ctx, { recursive: true });
});
test.afterAll(async () => {
  if (process.env.BERTH_E2E_SKIP) return;
  await docker(['rmi', '-f', tag]).catch(() => {});
});

for (const [width, height] of [
  [1280, 720],
  [1440, 900],
  [1920, 1080],
]) {
  test(`at ${width}×${height} the Layers table shows at least 5 rows and its split can be resized`, async ({ berth }) => {
    await berth.setViewportSize({ width, height });
    await berth.getByRole('link', { name: 'Images' }).click();
    await row(berth, 'Images', tag).getByRole('button', { name: 'Layers' }).click();
    const layers = berth.getByRole('table', { name: 'Layers' });
    await expect(layers.locator('tbody tr')).not.toHaveCount(0);
    await expect(berth.getByRole('table', { name: 'Wasted space by file' })).toBeVisible();

    const visibleRows = async () => {
      const box = await layers.locator('xpath=..').boundingBox();
      const rows = await layers.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getBoundingClientRect()).map((r) => ({ top: r.top, bottom: r.bottom })));
      return rows.filter((r) => box && r.top >= box.y - 1 && r.bottom <= box.y + box.height + 1).length;
    };
    expect(await visibleRows()).toBeGreaterThanOrEqual(5);
    await berth.screenshot({ path: test.info().outputPath(`layers-${width}x${height}.png`) });

    // The split moves by keyboard (the separator is focusable), and never below the table's minimum.
    const split = berth.getByRole('separator', { name: 'Resize the Layers table' });
    const before = (await layers.locator('xpath=..').boundingBox())!.height;
    await split.focus();
    for (let i = 0; i < 30; i++) await berth.keyboard.press('ArrowUp');
    const after = (await layers.locator('xpath=..').boundingBox())!.height;
    expect(after).toBeLessThan(before);
    expect(await visibleRows()).toBeGreaterThanOrEqual(5);
  });
}
