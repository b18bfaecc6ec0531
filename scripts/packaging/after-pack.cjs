/**
 * electron-builder's afterPack hook: flip Berth's fuses (fuses.cjs) in the packaged Electron binary.
 * `BERTH_PACKAGE_STAND_IN=1` (the packaging check on machines with no Electron binary, whose stand-in has
 * no fuse wire) skips the flip and says so; a real binary without a fuse wire fails the build.
 */
const path = require('node:path');
const { flipFuses } = require('@electron/fuses');
const { FUSES } = require('./fuses.cjs');

/** The Electron binary electron-builder packed, per platform. */
function binaryOf(context) {
  const name = context.packager.appInfo.productFilename;
  switch (context.electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(context.appOutDir, `${name}.app`, 'Contents', 'MacOS', name);
    case 'win32':
      return path.join(context.appOutDir, `${name}.exe`);
    default:
      return path.join(context.appOutDir, context.packager.executableName);
  }
}

exports.default = async function afterPack(context) {
  const binary = binaryOf(context);
  if (process.env.BERTH_PACKAGE_STAND_IN === '1') {
    console.log(`  • fuses not flipped: ${binary} is a stand-in for Electron (BERTH_PACKAGE_STAND_IN=1)`);
    return;
  }
  await flipFuses(binary, { ...FUSES, resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' && context.arch === 3 /* arm64 */ });
};
