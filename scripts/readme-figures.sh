#!/bin/sh
# Regenerates the README's figures from a run (default: the shipped default model) with the `figure` command.
# Usage: sh scripts/readme-figures.sh [run dir]
set -eu
RUN="${1:-assets/default-run}"
OUT=docs/figures
mkdir -p "$OUT"
npx tsx src/cli.ts figure scatter --run "$RUN" --title "MNIST test set in the latent plane" --scale 2 --out "$OUT/scatter.png"
npx tsx src/cli.ts figure grid --run "$RUN" --grid 20 --title "What the decoder draws across the plane" --scale 2 --out "$OUT/grid.png"
npx tsx src/cli.ts figure interpolation --run "$RUN" --from test:3 --to test:2 --steps 10 --title "From a 0 to a 1: latent path vs pixel blend" --scale 2 --out "$OUT/interpolation.png"
npx tsx src/cli.ts animate interpolation --run "$RUN" --from test:3 --to test:2 --frames 10 --scale 2 --title "From a 0 to a 1: latent path vs pixel blend" --out "$OUT/interpolation.gif"
