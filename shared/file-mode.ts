/**
 * File metadata as `ls -l` prints it: the mode string (`-rwsr-xr-x`, `lrwxrwxrwx`, `drwxrwxrwt`), the
 * octal permission bits (`4755`) and `uid:gid`. The mode string is stat-mode's (TooTallNate/stat-mode,
 * `Mode#toString`, which follows coreutils' `filemodestring`: `s`/`S` for set-user/group-ID with/without
 * execute, `t`/`T` for sticky); Berth only supplies the file type bits a tar header implies (POSIX
 * `<sys/stat.h>` S_IF* values).
 */
import createMode from 'stat-mode';
import type { FileType } from './layers';

/** POSIX `S_IFMT` type bits per file type. A hard link is a regular file to `ls` (it has no type of its own). */
const TYPE_BITS: Record<FileType, number> = {
  file: 0o100000,
  hardlink: 0o100000,
  dir: 0o040000,
  symlink: 0o120000,
  char: 0o020000,
  block: 0o060000,
  fifo: 0o010000,
};

/**
 * The ten-character mode string `ls -l` prints for a file of this type and permission bits.
 * @param mode permission, set-ID and sticky bits (`mode & 0o7777`; higher bits are ignored)
 */
export function modeString(type: FileType, mode: number): string {
  return createMode(TYPE_BITS[type] | (mode & 0o7777)).toString();
}

/** The permission, set-ID and sticky bits as four octal digits, as `chmod` takes them (`0644`, `4755`). */
export function octalMode(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, '0');
}

/** Owner as `ls -n` prints it: numeric `uid:gid` (an image has no passwd of the host to name them). */
export function ownerString(uid: number, gid: number): string {
  return `${uid}:${gid}`;
}
