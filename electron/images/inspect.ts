/** `docker image inspect` + `docker history` of one image, made readable (shared/images.ts ImageDetails). */
import type { ImageDetails } from '../../shared/images';
import type { Engine } from '../engine/engine';
import { familiarNames } from '../../shared/reference';

/** The parts of `GET /images/{id}/json` Berth shows. */
interface InspectAnswer {
  Id: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  Created: string;
  Size: number;
  Architecture?: string;
  Os?: string;
  Variant?: string;
  Author?: string;
  Config?: {
    Entrypoint?: string[] | string | null;
    Cmd?: string[] | string | null;
    Env?: string[] | null;
    ExposedPorts?: Record<string, unknown> | null;
    Volumes?: Record<string, unknown> | null;
    Labels?: Record<string, string> | null;
    WorkingDir?: string;
    User?: string;
    StopSignal?: string;
  } | null;
  RootFS?: { Layers?: string[] };
}

interface HistoryAnswer {
  Id: string;
  Created: number;
  CreatedBy: string;
  Size: number;
  Comment: string;
}

const list = (v: string[] | string | null | undefined): string[] => (Array.isArray(v) ? v : v ? [v] : []);

/** Shape an inspect answer and its history (newest first, as the engine gives it) into ImageDetails. */
export function toImageDetails(raw: InspectAnswer, history: HistoryAnswer[]): ImageDetails {
  const c = raw.Config ?? {};
  return {
    id: raw.Id,
    repoTags: familiarNames(raw.RepoTags),
    repoDigests: familiarNames(raw.RepoDigests),
    created: Date.parse(raw.Created) || 0,
    size: raw.Size,
    architecture: raw.Architecture ?? 'unknown',
    os: raw.Os ?? 'unknown',
    ...(raw.Variant ? { variant: raw.Variant } : {}),
    ...(raw.Author ? { author: raw.Author } : {}),
    config: {
      entrypoint: list(c.Entrypoint),
      cmd: list(c.Cmd),
      env: c.Env ?? [],
      exposedPorts: Object.keys(c.ExposedPorts ?? {}),
      volumes: Object.keys(c.Volumes ?? {}),
      labels: c.Labels ?? {},
      workingDir: c.WorkingDir ?? '',
      user: c.User ?? '',
      ...(c.StopSignal ? { stopSignal: c.StopSignal } : {}),
    },
    layers: raw.RootFS?.Layers ?? [],
    history: [...history].reverse().map((h) => ({
      created: h.Created * 1000,
      createdBy: h.CreatedBy,
      size: h.Size,
      comment: h.Comment,
      emptyLayer: h.Size === 0,
    })),
    raw: JSON.stringify(raw, null, 2),
  };
}

/** @throws BerthError `NotFound` for an unknown image. */
export async function inspectImage(engine: Engine, id: string): Promise<ImageDetails> {
  const image = engine.docker.getImage(id);
  const [raw, history] = await Promise.all([engine.call(() => image.inspect()), engine.call(() => image.history())]);
  return toImageDetails(raw as unknown as InspectAnswer, history as HistoryAnswer[]);
}
