// Serve mode refuses anyone without the token it printed.
import { expect, test } from '@playwright/test';

test.beforeEach(() => {
  test.skip(!!process.env.BERTH_E2E_SKIP, `SKIPPING: ${process.env.BERTH_E2E_SKIP}`);
});

test('a page without the token, or with a wrong one, gets 401 and no app', async ({ page }) => {
  const origin = process.env.BERTH_E2E_ORIGIN!;
  for (const url of [`${origin}/`, `${origin}/?token=wrong`]) {
    const res = await page.goto(url);
    expect(res?.status()).toBe(401);
    await expect(page.getByRole('navigation')).toHaveCount(0);
  }
});

test('a WebSocket without the token is refused', async ({ page }) => {
  const origin = process.env.BERTH_E2E_ORIGIN!;
  await page.goto(`${origin}/?token=wrong`);
  const outcome = await page.evaluate(
    (wsUrl) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(wsUrl);
        ws.onopen = () => resolve('open');
        ws.onerror = () => resolve('refused');
      }),
    origin.replace('http', 'ws') + '/ws',
  );
  expect(outcome).toBe('refused');
});

test('with the token the app loads and drops the token from the address bar', async ({ page }) => {
  await page.goto(process.env.BERTH_E2E_URL!);
  await expect(page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Containers' })).toBeVisible();
  expect(page.url()).not.toContain('token=');
  await page.reload();
  await expect(page.getByRole('table', { name: 'Containers' })).toBeVisible();
});
