import { describe, expect, it } from 'vitest';
import type { FileMeta } from '../../../shared/layers';
import { changesText, detailRows } from './file-details';

const file = (over: Partial<FileMeta> = {}): FileMeta => ({ layer: 2, type: 'file', size: 6, mode: 0o755, uid: 0, gid: 0, ...over });

describe('file details wording', () => {
  it('a chmod-only layer: mode old → new, content unchanged', () => {
    const info = { path: '/app/tool', current: file({ layer: 3, mode: 0o4755 }), previous: file(), changed: ['mode'] };
    expect(changesText(info)).toBe('mode 0755 → 4755 (-rwxr-xr-x → -rwsr-xr-x); content unchanged');
    expect(detailRows(info)).toEqual([
      ['Type', 'file'],
      ['Mode', '-rwsr-xr-x (4755)'],
      ['Owner', '0:0'],
      ['Changed in layer 3', 'mode 0755 → 4755 (-rwxr-xr-x → -rwsr-xr-x); content unchanged'],
    ]);
  });
  it('a chown-only layer and a content change', () => {
    expect(changesText({ path: '/o', current: file({ uid: 1000, gid: 1000 }), previous: file(), changed: ['owner'] })).toBe('owner 0:0 → 1000:1000; content unchanged');
    expect(changesText({ path: '/c', current: file({ size: 3 }), previous: file({ size: 30 }), changed: ['content'] })).toBe('content (30 B → 3 B)');
  });
  it("links: a symlink's target, a hard link's partner, a changed target and type", () => {
    const link = file({ type: 'symlink', mode: 0o777, size: 0, linkname: '/app/tool' });
    expect(detailRows({ path: '/l', current: link })).toContainEqual(['Target', '→ /app/tool']);
    expect(detailRows({ path: '/l', current: link })).toContainEqual(['Mode', 'lrwxrwxrwx (0777)']);
    expect(detailRows({ path: '/h', current: file({ type: 'hardlink', linkname: '/app/conf' }) })).toContainEqual(['Hard link to', '/app/conf']);
    expect(changesText({ path: '/l', current: { ...link, linkname: '/b' }, previous: link, changed: ['target'] })).toBe('target /app/tool → /b');
    expect(changesText({ path: '/l', current: link, previous: file(), changed: ['type', 'mode', 'target'] })).toBe(
      'type file → symlink; mode 0755 → 0777 (-rwxr-xr-x → lrwxrwxrwx); target (none) → /app/tool',
    );
  });
  it('an added path says nothing changed; nothing at the path gives no rows', () => {
    expect(changesText({ path: '/a', current: file() })).toBeUndefined();
    expect(detailRows({ path: '/a' })).toEqual([]);
  });
});
