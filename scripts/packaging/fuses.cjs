/**
 * Electron fuses Berth flips at packaging (https://www.electronjs.org/docs/latest/tutorial/fuses), with
 * @electron/fuses from electron-builder's afterPack hook: Berth never needs to run as plain Node, takes no
 * NODE_OPTIONS or --inspect from whoever launches it, and loads its code only from its own app.asar,
 * whose embedded integrity is validated (macOS and Windows; Linux has no ASAR integrity yet).
 * Serve mode is plain Node (`node out/main/serve.js`), not the Electron binary, so RunAsNode stays off.
 */
const { FuseV1Options, FuseVersion } = require('@electron/fuses');

/** The fuse wire as @electron/fuses takes it (`flipFuses(binary, FUSES)`). */
const FUSES = {
  version: FuseVersion.V1,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

module.exports = { FUSES, FuseV1Options };
