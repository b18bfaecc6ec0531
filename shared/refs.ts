/**
 * How the contract names engine objects: container, image, volume and network references, each with the
 * engine's own grammar. These strings end up in the Engine API's URL paths (`/containers/{id}/json`,
 * `/images/{name}/json`, …), so the contract refuses everything the grammar refuses: no `/` where the
 * grammar has none, never a `..` or `.` path segment, a doubled or leading `/`, `%`, `?`, `#`, spaces or
 * control characters. (Docker answers a path holding `..` or `//` with a 301 redirect; a client that
 * followed it would send a request wherever a crafted name points: see docs/ARCHITECTURE.md, engine pitfalls.)
 *
 * Sources: moby `daemon/names/names.go` (`RestrictedNameChars = [a-zA-Z0-9][a-zA-Z0-9_.-]`,
 * `RestrictedNamePattern = ^RestrictedNameChars+$`, used for container names and, in `volume/local`, for
 * volume names); moby `pkg/stringid` (IDs are 64 lowercase hex, shown truncated to 12; the daemon resolves
 * any unique prefix); distribution/reference `reference.go` (the image reference grammar, applied through
 * @swimlane/docker-reference in ./reference.ts).
 */
import { z } from 'zod';
import { parseReference } from './reference';

/** moby's `RestrictedNamePattern`: container and volume names (two characters at least). */
export const RESTRICTED_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
/** A full (64 hex) or short object ID, as the daemon resolves it: any prefix of the ID. */
export const HEX_ID = /^[0-9a-f]{1,64}$/;
/** An image ID: `sha256:` and 64 hex, or a short form of at least 12 hex (the CLI's truncated ID). */
export const IMAGE_ID = /^(sha256:[0-9a-f]{12,64}|[0-9a-f]{12,64})$/;

const NAME_MESSAGE = 'use letters, digits, _ . - and start with a letter or digit (at least 2 characters)';

/** A container: its ID (full or any prefix, lowercase hex) or its name (`RestrictedNamePattern`, no leading `/`). */
export const ContainerRef = z
  .string()
  .min(1)
  .max(255)
  .refine((s) => HEX_ID.test(s) || RESTRICTED_NAME.test(s), `not a container ID or name: ${NAME_MESSAGE}`);

/**
 * An image: its ID (`sha256:<hex>` or ≥ 12 hex) or a reference that parses with the distribution/reference
 * grammar (`busybox`, `ghcr.io/org/app:1.0`, `localhost:5000/a/b@sha256:<64 hex>`). The grammar's path
 * components are `[a-z0-9]+` joined by `.`, `_`, `__` or dashes, so no component is empty, `.` or `..`:
 * `a//b`, `/x`, `x/..` and `a/../../127.0.0.1:9/x` are refused. An archive subject of `layers.openArchive`
 * (`archive-<16 hex>`) is a reference too.
 */
export const ImageRef = z
  .string()
  .min(1)
  .max(1024)
  .superRefine((s, ctx) => {
    if (IMAGE_ID.test(s)) return;
    const r = parseReference(s);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: `not an image ID or reference: ${r.error}` });
  });

/** A volume name (moby `volume/local` validates names with `RestrictedNamePattern`; anonymous volumes are 64 hex). */
export const VolumeRef = z.string().min(2).max(255).regex(RESTRICTED_NAME, `not a volume name: ${NAME_MESSAGE}`);

/**
 * A network: its ID (full or prefix) or its name. Docker itself accepts almost any network name; Berth
 * creates and addresses networks by `RestrictedNamePattern` names and by ID, which every network has.
 */
export const NetworkRef = z
  .string()
  .min(1)
  .max(255)
  .refine((s) => HEX_ID.test(s) || /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(s), `not a network ID or name: ${NAME_MESSAGE}`);
