#!/usr/bin/env bash
# Lints every model in bpmn/ with bpmnlint, using the repository's .bpmnlintrc
# (recommended rules + Camunda Platform 7.24 compatibility). Run by `./mvnw verify`; needs Node.js and npm.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
tools="$root/tools/model-lint"
if [ ! -x "$tools/node_modules/.bin/bpmnlint" ]; then
  npm ci --prefix "$tools" --silent --no-audit --no-fund
fi
shopt -s nullglob
models=("$root"/bpmn/*.bpmn)
[ ${#models[@]} -gt 0 ] || { echo "model lint: no models in bpmn/"; exit 0; }
cd "$root"
NODE_PATH="$tools/node_modules" "$tools/node_modules/.bin/bpmnlint" "${models[@]}"
echo "model lint: ${#models[@]} BPMN models clean"
