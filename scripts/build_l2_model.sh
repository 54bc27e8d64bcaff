#!/usr/bin/env bash
# Rebuilds assets/l2/model.json (the L2 suggestion's model) from assets/l2/source/ and
# assets/l2/lexicon.json with the native tool ftblock_l2_build; no network. Run it after editing
# the lexicon or the material, then commit the model (the CTest l2_model_current checks it).
#   bash scripts/build_l2_model.sh [BUILD_DIR]     (default build/native)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
build=${1:-build/native}
if [ ! -f "$build/CMakeCache.txt" ]; then cmake --preset native; fi
cmake --build "$build" --target ftblock_l2_build --parallel 2
"$build/bench/ftblock_l2_build" assets/l2/source/l2_examples_train.json assets/l2/lexicon.json assets/l2/model.json
