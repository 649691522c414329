#!/usr/bin/env bash
# The information bottleneck's β sweep: recipes/bottleneck.yaml (a stochastic encoder, InfoNCE between two
# augmentations minus β times the exact leave-one-out bound on I(X; Z)) trained once per β and seed, then
# report.py reads every run folder into a table and the information plane.
#   bench/bottleneck/sweep.sh                                 4 β × 3 seeds, 300 steps each (about 12 minutes on 2 CPUs)
#   BETAS="0.01 1" SEEDS=1 bench/bottleneck/sweep.sh          fewer runs
#   ABLATIONS=0 bench/bottleneck/sweep.sh                      without the two ablation runs (seed 1): β = 1 without
#                                                              warm-up; β = 0.001 with a floor of 1e-6 on σ
# Writes bench/bottleneck/results.md and bench/bottleneck/information-plane.svg (and prints the table); the run folders
# go to bench/bottleneck/out/. Needs: the synth-av data (made here on first use); python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
HERE=bench/bottleneck
OUT=$HERE/out
BETAS=${BETAS:-"0.001 0.01 0.1 1"}
SEEDS=${SEEDS:-"1 2 3"}

[ -f data/synth-av/manifest.csv ] || ./viewpair datasets make synth-av --out data/synth-av --size 1000 >/dev/null
./viewpair validate recipes/bottleneck.yaml >/dev/null   # builds the launcher before the runs
mkdir -p "$OUT"
start=$(date +%s)
for beta in $BETAS; do
    for seed in $SEEDS; do
        run=$OUT/beta-$beta-seed-$seed
        echo "β = $beta, seed $seed → $run" >&2
        ./viewpair train recipes/bottleneck.yaml --out "$run" --overwrite \
            --set pairs.rate.weight="$beta" --set seed="$seed" > "$OUT/beta-$beta-seed-$seed.log" 2>&1 \
            || echo "β = $beta, seed $seed: the run stopped (see its log)" >&2
    done
done
if [ "${ABLATIONS:-1}" != 0 ]; then
    for ablation in no-warmup no-floor; do
        # the warm-up guards the start at a large β; the floor guards σ → 0, where a small β lets InfoNCE push it
        if [ "$ablation" = no-warmup ]; then
            sets=(--set pairs.rate.weight=1 --set seed=1 --set pairs.rate.warmup=0)
        else
            sets=(--set pairs.rate.weight=0.001 --set seed=1 --set encoders.image.stochastic.min_std=1e-6)
        fi
        echo "ablation $ablation → $OUT/ablation-$ablation" >&2
        ./viewpair train recipes/bottleneck.yaml --out "$OUT/ablation-$ablation" --overwrite "${sets[@]}" \
            > "$OUT/ablation-$ablation.log" 2>&1 || echo "ablation $ablation: the run stopped (see its log)" >&2
    done
fi
echo "sweep: $(( $(date +%s) - start )) s for $(echo $BETAS | wc -w) β × $(echo $SEEDS | wc -w) seeds" >&2
python3 "$HERE/report.py" "$OUT" "$HERE/information-plane.svg" | tee "$HERE/results.md"
