/**
 * Image references (`name`, `name:tag`, `host:port/ns/name:tag`, `name@sha256:…`) parsed with
 * @swimlane/docker-reference, a port of the Docker reference grammar (distribution/reference), so the
 * renderer can say what is wrong before anything is sent and the Node side refuses the same inputs.
 */
import { parseFamiliarName, parseQualifiedName } from '@swimlane/docker-reference';
import { z } from 'zod';
import { REFERENCE } from './reference-grammar';

/** Docker Hub's registry host as references name it. */
export const DOCKER_HUB = 'docker.io';
/** The key under which the Docker CLI keeps Docker Hub credentials in config.json (`auths`). */
export const DOCKER_HUB_AUTH_KEY = 'https://index.docker.io/v1/';

/** A parsed, normalised image reference. */
export interface ImageReference {
  /** Registry host (and port), `docker.io` when none was given. */
  registry: string;
  /** Repository path within the registry, e.g. `library/busybox`, `ns/app`. */
  repository: string;
  tag?: string;
  /** `sha256:<64 hex>` when the reference pins a digest. */
  digest?: string;
  /**
   * What to ask the engine for: the reference as typed, with `:latest` added when it names neither tag
   * nor digest (the Engine API pulls *every* tag of a bare name; the CLI adds `latest` the same way).
   */
  pullable: string;
  /** The key of this registry's credentials in the CLI's config.json (`auths`, `credHelpers`). */
  authKey: string;
}

/** The outcome of parsing: the reference, or the grammar's complaint. */
export type ParsedReference = { ok: true; reference: ImageReference } | { ok: false; error: string };

/**
 * Parse `input` as the Docker CLI would (`docker pull INPUT`). Never throws.
 * Errors read like the CLI's: "invalid reference format: repository name must be lowercase".
 */
export function parseReference(input: string): ParsedReference {
  const text = input.trim();
  if (!text) return { ok: false, error: 'give an image reference, e.g. busybox:latest' };
  if (text !== input) return { ok: false, error: 'invalid reference format: remove the spaces around it' };
  let parsed;
  try {
    parsed = parseFamiliarName(text, guardedQualifiedName);
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
  const registry = parsed.domain ?? DOCKER_HUB;
  const repository = parsed.repository ?? '';
  const needsTag = !parsed.tag && !parsed.digest;
  return {
    ok: true,
    reference: {
      registry,
      repository,
      ...(parsed.tag ? { tag: parsed.tag } : {}),
      ...(parsed.digest ? { digest: parsed.digest } : {}),
      pullable: needsTag ? `${text}:latest` : text,
      authKey: registry === DOCKER_HUB ? DOCKER_HUB_AUTH_KEY : registry,
    },
  };
}

/**
 * The library's qualified-name parser behind a linear-time check of the same grammar (reference-grammar.ts):
 * its own expression backtracks exponentially on inputs it then refuses, so those are refused here first,
 * with the library's messages.
 * @throws Error "invalid reference format" (or "…: repository name must be lowercase") as the library does.
 */
function guardedQualifiedName(qualified: string): ReturnType<typeof parseQualifiedName> {
  if (!REFERENCE.test(qualified)) {
    throw new Error(REFERENCE.test(qualified.toLowerCase()) ? 'invalid reference format: repository name must be lowercase' : 'invalid reference format');
  }
  return parseQualifiedName(qualified);
}

/** A zod schema for a string that must parse as an image reference (the grammar's message on failure). */
export const ImageReferenceText = z
  .string()
  .max(1024)
  .superRefine((s, ctx) => {
    const r = parseReference(s);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.error });
  });

/** The registry key for a host typed by a person: `docker.io`, `index.docker.io` or empty → Docker Hub's key. */
export function registryAuthKey(host: string): string {
  const h = host.trim().replace(/^https?:\/\//, '').replace(/\/+$/, '');
  if (!h || h === DOCKER_HUB || h === 'index.docker.io' || h === 'index.docker.io/v1' || h === 'registry-1.docker.io') return DOCKER_HUB_AUTH_KEY;
  return h;
}

/**
 * The short form of a fully qualified reference, as the Docker CLI prints it (distribution/reference
 * `FamiliarString`): `docker.io/` dropped, and `library/` too for an official image.
 * `docker.io/library/busybox:1` → `busybox:1`; `docker.io/ns/app@sha256:…` → `ns/app@sha256:…`;
 * `localhost:5000/app:v1` unchanged. Podman's API answers with the qualified form, Docker's with the short.
 */
export function familiarName(ref: string): string {
  if (!ref.startsWith(`${DOCKER_HUB}/`)) return ref;
  const rest = ref.slice(DOCKER_HUB.length + 1);
  const name = rest.split(/[:@]/, 1)[0];
  return rest.startsWith('library/') && name.split('/').length === 2 ? rest.slice('library/'.length) : rest;
}

/**
 * An engine's `RepoTags` or `RepoDigests` as Berth shows them: `<none>:<none>` and `<none>@…` placeholders
 * dropped (Docker lists them for untagged images), each in its familiar form ({@link familiarName}).
 */
export function familiarNames(refs: readonly string[] | null | undefined): string[] {
  return (refs ?? []).filter((r) => !r.startsWith('<none>')).map(familiarName);
}
