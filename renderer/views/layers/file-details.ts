/**
 * Pure wording of a path's metadata for the preview's "File details" table: mode, owner, link target and
 * what a layer changed, with old → new values (`mode 0755 → 4755`, `owner 0:0 → 1000:1000`).
 */
import { modeString, octalMode, ownerString } from '../../../shared/file-mode';
import type { FileInfo, FileMeta } from '../../../shared/layers';
import { formatBytes } from '../../format';

/** How a change list item reads with its old and new values. */
function changeText(what: string, prev: FileMeta, cur: FileMeta): string {
  switch (what) {
    case 'content':
      return prev.size === cur.size ? 'content' : `content (${formatBytes(prev.size)} → ${formatBytes(cur.size)})`;
    case 'mode':
      return `mode ${octalMode(prev.mode)} → ${octalMode(cur.mode)} (${modeString(prev.type, prev.mode)} → ${modeString(cur.type, cur.mode)})`;
    case 'owner':
      return `owner ${ownerString(prev.uid, prev.gid)} → ${ownerString(cur.uid, cur.gid)}`;
    case 'type':
      return `type ${prev.type} → ${cur.type}`;
    case 'target':
      return `target ${prev.linkname ?? '(none)'} → ${cur.linkname ?? '(none)'}`;
    default:
      return what;
  }
}

/**
 * What the layer that wrote this version changed against the version below, in words; undefined when
 * there is no version below (the path was added). A chmod-only layer reads `mode 0644 → 4755 …;
 * content unchanged`.
 */
export function changesText(info: FileInfo): string | undefined {
  const { current: cur, previous: prev, changed } = info;
  if (!cur || !prev || !changed) return undefined;
  if (changed.length === 0) return 'nothing (listed again with the same content and metadata)';
  const parts = changed.map((c) => changeText(c, prev, cur));
  if (cur.type === 'file' && prev.type === 'file' && !changed.includes('content')) parts.push('content unchanged');
  return parts.join('; ');
}

/** Rows of the details table: [label, value]. */
export function detailRows(info: FileInfo): [string, string][] {
  const cur = info.current;
  if (!cur) return [];
  const rows: [string, string][] = [
    ['Type', cur.type === 'hardlink' ? 'hard link' : cur.type === 'dir' ? 'directory' : cur.type],
    ['Mode', `${modeString(cur.type, cur.mode)} (${octalMode(cur.mode)})`],
    ['Owner', ownerString(cur.uid, cur.gid)],
  ];
  if (cur.type === 'symlink' && cur.linkname !== undefined) rows.push(['Target', `→ ${cur.linkname}`]);
  if (cur.type === 'hardlink' && cur.linkname !== undefined) rows.push(['Hard link to', cur.linkname]);
  const changes = changesText(info);
  if (changes) rows.push([`Changed in layer ${cur.layer}`, changes]);
  return rows;
}
