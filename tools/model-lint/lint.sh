#!/usr/bin/env bash
# Lints every model in bpmn/ with bpmnlint, using the repository's .bpmnlintrc
# (recommended rules + Camunda Platform 7.24 compatibility). Run by `./mvnw verify`; needs Node.js and npm.
# ENSEMBLE_NODE names the node binary (Maven property ensemble.node, default: node on the PATH). Without
# Node.js the lint is skipped and noted for the end of the build; with CI=true that is a failure.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
tools="$root/tools/model-lint"
node=${ENSEMBLE_NODE:-node}

unavailable() {
  local message="Model lint (bpmnlint) needs Node.js and npm: $1. Install them with: sudo apt-get install -y nodejs npm"
  bash "$root/tools/build/optional-tools.sh" unavailable model-lint "$message"
  exit $?
}

node_bin=$(command -v "$node" 2>/dev/null) || unavailable "no node at '$node'"
[ -x "$node_bin" ] || unavailable "no node at '$node'"
# npm and bpmnlint run on the same node
export PATH="$(dirname "$node_bin"):$PATH"
if [ ! -x "$tools/node_modules/.bin/bpmnlint" ]; then
  command -v npm >/dev/null 2>&1 || unavailable "no npm next to $node_bin or on the PATH"
  npm ci --prefix "$tools" --silent --no-audit --no-fund
fi
shopt -s nullglob
models=("$root"/bpmn/*.bpmn)
[ ${#models[@]} -gt 0 ] || { echo "model lint: no models in bpmn/"; exit 0; }
cd "$root"
NODE_PATH="$tools/node_modules" "$node_bin" "$(readlink -f "$tools/node_modules/.bin/bpmnlint")" "${models[@]}"
echo "model lint: ${#models[@]} BPMN models clean"
