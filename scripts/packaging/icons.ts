/**
 * Regenerate Berth's PNG icons (assets/icons/NxN.png, the sizes freedesktop icon themes and electron-builder's
 * Linux targets use) from assets/icon.svg, rendered by Debian's Chromium: `npx tsx scripts/packaging/icons.ts`.
 * The PNGs are committed; this runs only when the SVG changes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';

/** Icon sizes in px (hicolor theme sizes; 512 for AppImage and the About dialog). */
export const ICON_SIZES = [16, 32, 48, 64, 128, 256, 512] as const;

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../..');
  const svg = fs.readFileSync(path.join(root, 'assets/icon.svg'), 'utf8');
  fs.mkdirSync(path.join(root, 'assets/icons'), { recursive: true });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    for (const size of ICON_SIZES) {
      const page = await browser.newPage({ viewport: { width: size, height: size } });
      await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
      await page.screenshot({ path: path.join(root, `assets/icons/${size}x${size}.png`), omitBackground: true });
      await page.close();
    }
  } finally {
    await browser.close();
  }
}

if (require.main === module) void main();
