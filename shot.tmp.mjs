import { chromium } from '@playwright/test';
const [url, out, hash] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run'] });
const p = await b.newPage({ viewport: { width: 1280, height: 720 } });
p.on('console', m => console.log('console:', m.type(), m.text()));
p.on('pageerror', e => console.log('pageerror:', e.message));
await p.goto(url);
await p.waitForTimeout(1500);
if (hash) { await p.getByRole('link', { name: hash }).click(); await p.waitForTimeout(800); }
await p.screenshot({ path: out });
console.log(await p.getByRole('table').first().getAttribute('aria-label'), await p.getByRole('row').count());
await b.close();
