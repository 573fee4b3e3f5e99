#!/usr/bin/env bash
# Every same-fact figure after a change that moves claims or their frames: the same-fact model
# is refitted in a snapshot of the working tree (the checkout's shipped weights stay as they
# are until you copy the refit over), then each benchmark that depends on it runs there, its
# output in a log of the snapshot. About 7 to 12 minutes on 2 cores; time nothing beside it.
#
#   bash benchmarks/refit_loop.sh SNAPDIR
#   tail -n 8 SNAPDIR/*.log
#
# To ship the refit, from the checkout:
#   cp SNAPDIR/factcheck/resources/samefact.json factcheck/resources/
#   cp SNAPDIR/models/data/samefact_{holdout,fold1,fold2}.json SNAPDIR/models/data/samefact_pairs.jsonl.gz models/data/
#   python benchmarks/judged/carry.py SNAPDIR/clean_all.jsonl --write
#   python benchmarks/judged/carry.py SNAPDIR/clean_cv.jsonl --judged benchmarks/judged/ecbplus_clean_findings_cv.jsonl --write
# and judge by hand every finding carry.py lists as new (its "judgement" left null).
set -euo pipefail
snap=${1:?usage: benchmarks/refit_loop.sh SNAPDIR}
root=$(cd "$(dirname "$0")/.." && pwd)
rm -rf "$snap"
mkdir -p "$snap"
snap=$(cd "$snap" && pwd)
# the benchmarks read ../shared beside the tree they run in: a snapshot elsewhere would measure nothing
if [ ! -d "$(dirname "$snap")/shared" ]; then
    echo "refit_loop.sh: $snap must sit beside shared/ (as the checkout does: e.g. ../snap1)" >&2
    rmdir "$snap"
    exit 2
fi
# tracked and untracked files, ignored ones left out: the tree as the next commit would have it
(cd "$root" && git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$snap")
cd "$snap"
export PYTHONPATH="$snap"
run() { local log=$1; shift; echo "== $log: $*"; "$@" > "$snap/$log.log" 2>&1 || echo "   (exit $?, see $log.log)"; }
run fit python models/fit_samefact.py
run cases_all python benchmarks/ecbplus_cases.py --no-nli --dump-clean "$snap/clean_all.jsonl"
run carry_all python benchmarks/judged/carry.py "$snap/clean_all.jsonl"
run cases_cv python benchmarks/ecbplus_cases.py --no-nli --split cv --dump-clean "$snap/clean_cv.jsonl"
run carry_cv python benchmarks/judged/carry.py "$snap/clean_cv.jsonl" --judged benchmarks/judged/ecbplus_clean_findings_cv.jsonl
run restate_all python benchmarks/restatements.py --no-nli
run restate_cv python benchmarks/restatements.py --no-nli --split cv
run seeds python benchmarks/seed_edits.py --no-nli
run meantime python benchmarks/false_alarms.py --no-nli --max-date-gap -1
echo "logs in $snap"
