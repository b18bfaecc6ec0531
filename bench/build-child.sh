#!/usr/bin/env bash
# Bundle a bench child (TypeScript) into one CommonJS file that Node runs directly: build-child.sh SRC OUT.
# import.meta.url (electron/engine/guard.ts) is given its CommonJS meaning, as electron-vite does for main.
set -euo pipefail
npx esbuild "$1" --bundle --platform=node --format=cjs --packages=external --log-level=warning \
  --define:import.meta.url=__berth_import_meta_url \
  '--banner:js=const __berth_import_meta_url = require("node:url").pathToFileURL(__filename).href;' \
  --outfile="$2"
