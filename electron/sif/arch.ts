/**
 * CPU architectures as SIF names them: a two-digit code in the global header (the primary partition's
 * architecture) and in every partition descriptor, mapped to Go's GOARCH names as sylabs/sif does
 * (sylabs/sif pkg/sif/arch.go: `getSIFArch`, `archType.GoArch`). An OCI image config's `architecture` is
 * a GOARCH value too (opencontainers/image-spec config.md), so the two meet on Go's names.
 */
import { BerthError } from '../engine/errors';

/** The architectures a SIF file can name (Go's GOARCH spelling). */
export type GoArch = '386' | 'amd64' | 'arm' | 'arm64' | 'ppc64' | 'ppc64le' | 'mips' | 'mipsle' | 'mips64' | 'mips64le' | 's390x' | 'riscv64';

/**
 * GOARCH → the SIF arch code stored in the header and partition descriptors: two ASCII digits followed by a
 * NUL in a 3-byte field (sylabs/sif pkg/sif/arch.go, `hdrArch386` … `hdrArchRISCV64`; `"00"` is unknown).
 */
export const SIF_ARCH_CODES: Readonly<Record<GoArch, string>> = {
  '386': '01',
  amd64: '02',
  arm: '03',
  arm64: '04',
  ppc64: '05',
  ppc64le: '06',
  mips: '07',
  mipsle: '08',
  mips64: '09',
  mips64le: '10',
  s390x: '11',
  riscv64: '12',
};

/** The code SIF uses for "no primary partition / unknown architecture". */
export const SIF_ARCH_UNKNOWN = '00';

const BY_CODE = new Map<string, GoArch>(Object.entries(SIF_ARCH_CODES).map(([arch, code]) => [code, arch as GoArch]));

/** True when `arch` is one of SIF's architectures. */
export function isGoArch(arch: string): arch is GoArch {
  return Object.hasOwn(SIF_ARCH_CODES, arch);
}

/** The GOARCH name of a SIF arch code (`"02"` → `amd64`), or `'unknown'` (also for `"00"`), as `archType.GoArch` answers. */
export function goArchOfCode(code: string): GoArch | 'unknown' {
  return BY_CODE.get(code) ?? 'unknown';
}

/**
 * The SIF architecture of an OCI image config's `architecture` and `variant` (opencontainers/image-spec
 * config.md: GOARCH values; `variant` as in the image index, e.g. `arm` + `v7`, `arm64` + `v8`). SIF has no
 * field for a variant, so it is dropped: `arm/v6` and `arm/v7` are both `arm`, as Singularity stores them.
 * @throws BerthError('Unsupported') for an architecture SIF cannot name (e.g. `wasm`, `loong64`, an empty one).
 */
export function sifArchOfOci(architecture: string, variant?: string): GoArch {
  if (isGoArch(architecture)) return architecture;
  const shown = variant ? `${architecture}/${variant}` : architecture || '(none)';
  throw new BerthError('Unsupported', `SIF cannot record the architecture ${shown}: it knows ${Object.keys(SIF_ARCH_CODES).join(', ')}`);
}
