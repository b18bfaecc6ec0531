// A person inspects layers that only chmod or chown a file, add a symlink and a hard link, or change a
// file's content, and reads in the Files tree and the preview what each layer did: the mode as `ls -l`
// prints it, the owner, the link target or partner, and what changed (mode, owner, content), old → new.
import type { Page } from '@playwright/test';
import { buildImage, docker, TEST_IMAGE, uniqueName } from '../electron/testing/engine';
import { expect, row, test } from './support/fixtures';

/** The preview's details table row labelled `label` (a row's name is its header and cell). */
function detail(berth: Page, label: string) {
  return berth.getByRole('region', { name: 'Preview' }).getByRole('table', { name: 'File details' }).getByRole('row', { name: new RegExp(`^${label}`) });
}

test('mode, owner, link targets and what changed, in the Files tree and the preview', async ({ berth }) => {
  const tag = `berth-test/${uniqueName('meta')}:v1`;
  await buildImage(tag, [
    `FROM ${TEST_IMAGE}`,
    'RUN umask 022 && mkdir -p /app && echo hello > /app/tool && echo data > /app/owned && echo v1 > /app/conf',
    'RUN chmod 4755 /app/tool',
    'RUN chown 1000:1000 /app/owned',
    'RUN ln -s /app/tool /app/tool-link && ln /app/conf /app/conf-hard',
    'RUN echo v2 > /app/conf',
  ]);
  try {
    await berth.getByRole('link', { name: 'Images' }).click();
    await row(berth, 'Images', tag).getByRole('button', { name: 'Layers' }).click();
    await expect(berth.getByRole('heading', { name: `Layers of ${tag}` })).toBeVisible();
    const layers = berth.getByRole('table', { name: 'Layers' });
    const files = berth.getByRole('tree', { name: 'Files' });
    const preview = berth.getByRole('region', { name: 'Preview' });

    // chmod only: the row says the mode changed (not the content) and shows the setuid bit as ls does.
    await layers.getByRole('row').filter({ hasText: 'chmod 4755' }).click();
    const tool = files.getByRole('treeitem', { name: 'tool, file, modified (mode), 6 B, -rwsr-xr-x, 0:0', exact: true });
    await expect(tool).toBeVisible();
    // The mode column is drawn from data-text (CSS content: the visible text then starts the item's name).
    await expect(tool.locator('.tree-mode')).toHaveAttribute('data-text', '-rwsr-xr-x');
    await tool.click();
    await expect(detail(berth, 'Mode')).toContainText('-rwsr-xr-x (4755)');
    await expect(detail(berth, 'Owner')).toContainText('0:0');
    await expect(detail(berth, 'Changed in layer')).toContainText('mode 0644 → 4755 (-rw-r--r-- → -rwsr-xr-x); content unchanged');
    await expect(preview.locator('pre')).toHaveText('hello');
    await expect(preview.getByRole('button', { name: /^Diff with layer/ })).toHaveCount(0);

    // chown only: the owner changed, old → new.
    await layers.getByRole('row').filter({ hasText: 'chown 1000:1000' }).click();
    const owned = files.getByRole('treeitem', { name: 'owned, file, modified (owner), 5 B, -rw-r--r--, 1000:1000', exact: true });
    await expect(owned.locator('.tree-owner')).toHaveAttribute('data-text', '1000:1000');
    await owned.click();
    await expect(detail(berth, 'Changed in layer')).toContainText('owner 0:0 → 1000:1000; content unchanged');

    // A symlink shows its target, a hard link its partner; both are previewed.
    await layers.getByRole('row').filter({ hasText: 'ln -s' }).click();
    const symlink = files.getByRole('treeitem', { name: 'tool-link → /app/tool, symlink, added, 0 B, lrwxrwxrwx, 0:0', exact: true });
    await expect(symlink).toContainText('→ /app/tool');
    await symlink.click();
    await expect(detail(berth, 'Target')).toContainText('→ /app/tool');
    await expect(detail(berth, 'Mode')).toContainText('lrwxrwxrwx');
    const hard = files.getByRole('treeitem', { name: /^conf-hard, hard link to \/app\/conf, added, 0 B, -rw-r--r--, 0:0$/ });
    await expect(hard).toContainText('hard link to /app/conf');
    await hard.click();
    await expect(detail(berth, 'Hard link to')).toContainText('/app/conf');
    await expect(preview.locator('pre')).toHaveText('v1');

    // A content change says content, and the diff is offered.
    await layers.getByRole('row').filter({ hasText: 'echo v2' }).click();
    const conf = files.getByRole('treeitem', { name: 'conf, file, modified (content), 3 B, -rw-r--r--, 0:0', exact: true });
    await conf.click();
    await expect(detail(berth, 'Changed in layer')).toHaveText(/content$/);
    await expect(preview.getByRole('button', { name: /^Diff with layer/ })).toBeVisible();

    // The image as of the top layer: the setuid file keeps its mode, the directory shows its own.
    await berth.getByRole('radio', { name: 'Image as of this layer' }).check();
    await berth.getByRole('searchbox', { name: 'Filter files' }).fill('app/tool');
    await expect(files.getByRole('treeitem', { name: /^tool, file, unchanged, 6 B, -rwsr-xr-x, 0:0$/ })).toBeVisible();
    await expect(files.getByRole('treeitem', { name: /^app, directory, .*, drwxr-xr-x, 0:0$/ })).toBeVisible();
  } finally {
    await docker(['rmi', '-f', tag]).catch(() => {});
  }
});
