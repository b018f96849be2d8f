#!/usr/bin/env bash
# Trains the MRZ OCR model (static/ocr/mrz.traineddata) from scratch.
# Everything is generated from fixed seeds, so a rerun gives the same data;
# all work files live under $WORK (default /tmp/mrz-training), never in the repo.
#
#   src/lib/ocr/training/train-mrz-model.sh            # full run, see README.md for timings
#   PAGES=8 ITERATIONS=300 EVAL_LINES=40 ./train-mrz-model.sh   # smoke test
#
# Needs Debian packages: tesseract-ocr (text2image, lstmtraining, ...),
# fonts-ocr-b, imagemagick, python3.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../../../.." && pwd)
WORK=${WORK:-/tmp/mrz-training}
PAGES=${PAGES:-240}            # 20 lines each
EVAL_PAGES=${EVAL_PAGES:-6}   # held back from training, used by lstmtraining itself
EVAL_LINES=${EVAL_LINES:-400}  # held back single lines: first half clean, second damaged
ITERATIONS=${ITERATIONS:-40000}
OUTPUT=${OUTPUT:-$REPO/static/ocr/mrz.traineddata}
# Small net: the alphabet has 37 symbols and one font, so a few LSTM layers suffice
# and keep the int model small enough to ship to phones.
NET_SPEC='[1,36,0,1 Ct3,3,16 Mp3,3 Lfys48 Lfx96 Lrx96 Lfx96 O1c###]'

# One core: two OpenMP threads made lstmtraining several times slower, and the
# machine is shared.
export OMP_THREAD_LIMIT=1 MAGICK_THREAD_LIMIT=1
NICE="nice -n 10"

# REUSE_PAGES=1 keeps already rendered training pages (rendering is deterministic, so this only
# saves time, e.g. after an interrupted run).
if [ "${REUSE_PAGES:-0}" = 1 ]; then
	find "$WORK" -mindepth 1 -maxdepth 1 ! -name train -exec rm -rf {} +
	rm -f "$WORK"/train/*.lstmf
else
	rm -rf "$WORK"
fi
mkdir -p "$WORK/train" "$WORK/eval" "$WORK/lines" "$WORK/lang" "$WORK/model" "$WORK/tessdata"
started=$(date +%s)
log() { echo "[$(($(date +%s) - started))s] $*"; }

log "rendering $PAGES training pages and $EVAL_PAGES evaluation pages"
[ "${REUSE_PAGES:-0}" = 1 ] || $NICE python3 "$HERE/render_lines.py" pages "$WORK/train" 1 "$PAGES"
$NICE python3 "$HERE/render_lines.py" pages "$WORK/eval" 2 "$EVAL_PAGES"

log "cutting lines into .lstmf files"
for set in train eval; do
	for image in "$WORK/$set"/page_*.png; do
		# The .box next to the image gives each line's text and position;
		# the stock model is only used for page layout, not for recognition.
		$NICE tesseract "$image" "${image%.png}" --psm 6 lstm.train >/dev/null 2>&1
	done
	ls "$WORK/$set"/page_*.lstmf >"$WORK/$set.list"
done

log "building the starter traineddata"
cat "$WORK"/train/page_*.txt >"$WORK/all-text.txt"
unicharset_extractor --output_unicharset "$WORK/unicharset" --norm_mode 1 "$WORK/all-text.txt" >/dev/null 2>&1
# combine_lang_model insists on a non-empty radical-stroke table ("unicode radical...",
# integers; only used for Han), so give it one harmless entry.
printf '13312 3 2\n' >"$WORK/lang/radical-stroke.txt"
combine_lang_model --input_unicharset "$WORK/unicharset" --script_dir "$WORK/lang" \
	--output_dir "$WORK/lang" --lang mrz >/dev/null 2>&1
# It exits 0 even when it could not build the recoder, so check for it.
components=$(combine_tessdata -d "$WORK/lang/mrz/mrz.traineddata" 2>&1)
[[ $components == *lstm-recoder* ]] || {
	echo "combine_lang_model built no recoder" >&2
	exit 1
}
symbols=$(head -n1 "$WORK/unicharset")

log "training from scratch for $ITERATIONS iterations"
$NICE lstmtraining --traineddata "$WORK/lang/mrz/mrz.traineddata" \
	--net_spec "${NET_SPEC/c###/c$symbols}" --model_output "$WORK/model/mrz" \
	--learning_rate 0.002 --train_listfile "$WORK/train.list" \
	--eval_listfile "$WORK/eval.list" --max_iterations "$ITERATIONS" \
	--debug_interval 0 >"$WORK/training.log" 2>&1 || {
	tail -20 "$WORK/training.log"
	exit 1
}
grep -E 'At iteration|Finished' "$WORK/training.log" | tail -3

log "converting the last checkpoint to an int model"
lstmtraining --stop_training --convert_to_int --continue_from "$WORK/model/mrz_checkpoint" \
	--traineddata "$WORK/lang/mrz/mrz.traineddata" \
	--model_output "$WORK/tessdata/mrz.traineddata" >/dev/null 2>&1
mkdir -p "$(dirname "$OUTPUT")"
cp "$WORK/tessdata/mrz.traineddata" "$OUTPUT"
log "wrote $OUTPUT ($(stat -c %s "$OUTPUT") bytes)"

log "evaluating on $EVAL_LINES held-back lines"
$NICE python3 "$HERE/render_lines.py" lines "$WORK/lines" 3 "$EVAL_LINES"
$NICE python3 "$HERE/evaluate.py" "$WORK/lines" "$WORK/tessdata"
log "done"
