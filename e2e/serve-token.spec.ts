// Serve mode's gate: static files for anyone, engine data only for a WebSocket that proves the token.
import { expect, test, type Page } from '@playwright/test';

test.beforeEach(() => {
  test.skip(!!process.env.BERTH_E2E_SKIP, `SKIPPING: ${process.env.BERTH_E2E_SKIP}`);
});

const GATE = /Open the URL with #token=… that npm run serve printed/;

/** Every WebSocket frame the page receives from now on. */
function framesReceived(page: Page): string[] {
  const frames: string[] = [];
  page.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(String(f.payload))));
  return frames;
}

test('a page without the token, or with a wrong one, loads but shows how to get in and receives no engine data', async ({ page }) => {
  const origin = process.env.BERTH_E2E_ORIGIN!;
  const frames = framesReceived(page);
  for (const url of [`${origin}/`, `${origin}/#token=wrong-token-wrong-token-wrong-token`]) {
    await page.goto('about:blank');
    const res = await page.goto(url);
    expect(res?.status()).toBe(200);
    await expect(page.getByText(GATE)).toBeVisible();
    await expect(page.getByRole('navigation')).toHaveCount(0);
    expect(page.url()).toBe(`${origin}/`);
    await page.evaluate(() => sessionStorage.clear());
  }
  expect(frames).toEqual([]);
});

test('a WebSocket that does not authenticate first gets nothing and is closed with 4401', async ({ page }) => {
  const origin = process.env.BERTH_E2E_ORIGIN!;
  await page.goto(`${origin}/`);
  const outcome = await page.evaluate(
    (wsUrl) =>
      new Promise<{ code: number; messages: string[] }>((resolve) => {
        const ws = new WebSocket(wsUrl);
        const messages: string[] = [];
        ws.onopen = () => ws.send(JSON.stringify({ t: 'sub', topic: 'containers' }));
        ws.onmessage = (e) => messages.push(String(e.data));
        ws.onclose = (e) => resolve({ code: e.code, messages });
      }),
    `${origin.replace('http', 'ws')}/ws`,
  );
  expect(outcome).toEqual({ code: 4401, messages: [] });
});

test('with the token the app loads, drops it from the address bar, sets no cookie, survives a reload; a new tab without it is refused', async ({ page }) => {
  const origin = process.env.BERTH_E2E_ORIGIN!;
  const cookies: string[] = [];
  page.on('response', (r) => {
    const c = r.headers()['set-cookie'];
    if (c) cookies.push(`${r.url()}: ${c}`);
  });
  await page.goto(process.env.BERTH_E2E_URL!);
  await expect(page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Containers' })).toBeVisible();
  expect(page.url()).toBe(`${origin}/`);
  await page.reload();
  await expect(page.getByRole('table', { name: 'Containers' })).toBeVisible();
  expect(page.url()).not.toContain('token');
  expect(cookies).toEqual([]);
  expect(await page.context().cookies()).toEqual([]);

  const second = await page.context().newPage();
  await second.goto(`${origin}/`);
  await expect(second.getByText(GATE)).toBeVisible();
  await expect(second.getByRole('navigation')).toHaveCount(0);
});
