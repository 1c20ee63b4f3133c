#!/usr/bin/env bash
# Scaffold one published package: scripts/new-package.sh <folder> <npm name> "<description>" [deps...]
set -euo pipefail
dir=packages/$1; name=$2; desc=$3; shift 3
mkdir -p "$dir/src"
deps=""
for d in "$@"; do deps+="\"$d\": \"workspace:^\","; done
deps=${deps%,}
cat > "$dir/package.json" <<JSON
{
  "name": "$name",
  "version": "0.1.0",
  "description": "$desc",
  "license": "MIT",
  "type": "module",
  "sideEffects": false,
  "exports": {
    ".": {
      "types": "./dist/index.d.ts",
      "import": "./dist/index.js"
    },
    "./package.json": "./package.json"
  },
  "main": "./dist/index.js",
  "types": "./dist/index.d.ts",
  "files": ["dist", "src", "!src/**/*.test.ts"],
  "repository": { "type": "git", "url": "git+https://github.com/nnkit/nnkit.git", "directory": "$dir" },
  "engines": { "node": ">=20" },
  "scripts": {
    "build": "tsup",
    "typecheck": "tsc -p tsconfig.json",
    "test": "vitest run",
    "lint": "publint --strict && attw --pack . --profile esm-only"
  },
  "dependencies": { $deps },
  "devDependencies": {
    "@nnkit/tsconfig": "workspace:*",
    "@nnkit/tsup-config": "workspace:*",
    "@nnkit/vitest-config": "workspace:*"
  }
}
JSON
cat > "$dir/tsconfig.json" <<JSON
{
  "extends": "../../tooling/tsconfig/base.json",
  "include": ["src"]
}
JSON
cat > "$dir/tsup.config.ts" <<TS
import { nnkitTsupConfig } from '@nnkit/tsup-config';

export default nnkitTsupConfig();
TS
cat > "$dir/vitest.config.ts" <<TS
import { nnkitVitestConfig } from '@nnkit/vitest-config';

export default nnkitVitestConfig();
TS
