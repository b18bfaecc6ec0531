import { afterEach, describe, expect, it } from 'vitest';
import { squashfsTools } from './squashfs';

describe('squashfs tools', () => {
  const path = process.env.PATH;
  afterEach(() => {
    process.env.PATH = path;
  });

  it('says what to install when tar2sqfs or sqfs2tar is missing', async () => {
    process.env.PATH = '/nonexistent-berth-test';
    await expect(squashfsTools('write')).rejects.toMatchObject({ name: 'Unsupported', message: expect.stringMatching(/tar2sqfs is not installed.*squashfs-tools-ng/) });
    await expect(squashfsTools('read')).rejects.toMatchObject({ name: 'Unsupported', message: expect.stringMatching(/sqfs2tar is not installed/) });
  });
});
