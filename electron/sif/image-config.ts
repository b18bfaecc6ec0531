/**
 * The parts of `docker image inspect` the SIF feature reads, and the image config apptainer's conveyor
 * takes from them (singularity-d.ts's ImageConfigLike).
 */
import type { ImageConfigLike } from './singularity-d';

/** `GET /images/{name}/json`, the fields read here. */
export interface InspectedImage {
  Id: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  Created?: string;
  Architecture?: string;
  Variant?: string;
  Os?: string;
  Config?: { Env?: string[] | null; Entrypoint?: string[] | null; Cmd?: string[] | null; Labels?: Record<string, string> | null; WorkingDir?: string; User?: string } | null;
}

/** The image config apptainer reads (ENV, ENTRYPOINT, CMD, labels, working dir, user, platform, created). */
export function imageConfigOf(info: InspectedImage): ImageConfigLike {
  const c = info.Config ?? {};
  return {
    Env: c.Env ?? [],
    Entrypoint: c.Entrypoint ?? null,
    Cmd: c.Cmd ?? null,
    Labels: c.Labels ?? {},
    ...(c.WorkingDir ? { WorkingDir: c.WorkingDir } : {}),
    ...(c.User ? { User: c.User } : {}),
    ...(info.Architecture ? { architecture: info.Architecture } : {}),
    ...(info.Os ? { os: info.Os } : {}),
    ...(info.Created ? { created: info.Created } : {}),
  };
}
