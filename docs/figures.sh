#!/usr/bin/env bash
# The README's figures, regenerated: run from the repository's root, `bash docs/figures.sh`.
set -euo pipefail
cd "$(dirname "$0")"
export MPLBACKEND=Agg
actplot plot swish gelu mish relu --deriv --force -o swish_gelu.png
actplot grad sigmoid tanh relu gelu --log --range -40 40 --force -o vanishing.png
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
actplot compare sigmoid tanh relu elu --experiment depth --no-cost --format json \
  -o "$scratch/x.png" > /dev/null
mv "$scratch/x_depth.png" depth.png
actplot compare relu sigmoid tanh leaky_relu elu --experiment train --no-cost --format json \
  -o "$scratch/x.png" > /dev/null
mv "$scratch/x_train.png" train.png
