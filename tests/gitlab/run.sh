#!/usr/bin/env bash
# Runs the `check` job of .gitlab-ci.yml for real with gitlab-ci-local (shell executor) on
# simulated merge requests against a temporary clone of the base fixture, with a prebuilt
# `convergence` in CONVERGENCE_BIN and the merge request read from a file:// API, and asserts
# the verdicts: an invalid answer fails with a Code Quality report naming file and line, a
# non-owner's change fails, a valid owner's change passes.
# Usage: tests/gitlab/run.sh <convergence binary> [gitlab-ci-local command]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=$(realpath "${1:?usage: tests/gitlab/run.sh <convergence binary> [gitlab-ci-local]}")
gcl=${2:-gitlab-ci-local}
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
git_() { git -c user.name=Test -c user.email=test@example.org -c commit.gpgsign=false -c init.defaultBranch=main "$@"; }

# origin.git: the base fixture with maintainers, its CODEOWNERS and the pipeline, on main;
# repo: a clone with the merge request's branch `mr` checked out.
setup() {
  rm -rf "$work/seed" "$work/origin.git" "$work/repo" "$work/api"
  cp -r "$root/tests/fixtures/base" "$work/seed"
  sed -i 's|^maintainers:$|maintainers:\n  "*": ["@ans/outillage"]\n  answers: ["@ans/observatoire"]|' "$work/seed/convergence.yaml"
  cp "$root/.gitlab-ci.yml" "$work/seed/"
  printf '.gitlab-ci-local/\n' > "$work/seed/.gitignore"
  "$bin" --root "$work/seed" codeowners --write
  git_ -C "$work/seed" init -q
  git_ -C "$work/seed" add -A
  git_ -C "$work/seed" commit -q -m base
  git_ clone -q --bare "$work/seed" "$work/origin.git"
  git_ clone -q "$work/origin.git" "$work/repo"
  git_ -C "$work/repo" checkout -q -b mr
}

# The merge request !7 of project 42, written by $1, as the API returns it.
author() {
  mkdir -p "$work/api/projects/42/merge_requests"
  printf '{"iid": 7, "author": {"id": 1, "username": "%s"}}\n' "$1" \
    > "$work/api/projects/42/merge_requests/7"
}

# Replaces $2 by $3 in file $1 of the merge request and commits.
change() {
  local f="$work/repo/$1"
  python3 - "$f" "$2" "$3" <<'PY'
import sys
p, a, b = sys.argv[1:]
s = open(p).read()
assert a in s, (p, a)
open(p, "w").write(s.replace(a, b, 1))
PY
  git_ -C "$work/repo" commit -q -am change
}

# Runs the check job; prints its log on failure when $1 is "pass", and returns its status.
job() {
  (cd "$work/repo" && "$gcl" --force-shell-executor \
    --variable CI_PIPELINE_SOURCE=merge_request_event \
    --variable CI_MERGE_REQUEST_TARGET_BRANCH_NAME=main \
    --variable CI_MERGE_REQUEST_IID=7 --variable CI_PROJECT_ID=42 \
    --variable "CI_API_V4_URL=file://$work/api" \
    --variable "CONVERGENCE_BIN=$bin" check) > "$work/log" 2>&1
}

report() { find "$work/repo" -name gl-code-quality-report.json 2>/dev/null | head -n1; }

fail() { echo "ÉCHEC : $*" >&2; cat "$work/log" >&2; exit 1; }

# 1. An invalid answer by an owner: the job fails, the report names file and line.
setup
author alpha
change answers/alpha/alpha-dcc.yaml $'      A06.2:\n        level: 1' $'      A06.2:\n        level: 4'
if job; then fail "niveau 4 accepté"; fi
r=$(report || true)
[ -n "$r" ] || fail "pas de rapport Code Quality"
jq -e '[.[] | select(.check_name == "CV301" and .location.path == "answers/alpha/alpha-dcc.yaml" and .location.lines.begin == 19)] | length == 1' "$r" > /dev/null \
  || fail "rapport sans CV301 en answers/alpha/alpha-dcc.yaml:19 : $(cat "$r")"
echo "ok : réponse invalide refusée, rapport Code Quality en answers/alpha/alpha-dcc.yaml:19"

# 2. A valid change by someone who does not own the folder: the job fails on CV401.
setup
author mallory
change answers/alpha/alpha-dcc.yaml $'        level: 0\n        not_plannable' $'        level: 1\n        not_plannable'
if job; then fail "modification d'un non-propriétaire acceptée"; fi
jq -e '[.[] | select(.check_name == "CV401")] | length == 1' "$(report)" > /dev/null \
  || fail "rapport sans CV401"
echo "ok : modification d'un non-propriétaire refusée (CV401)"

# 3. The same change by an owner passes.
setup
author alpha
change answers/alpha/alpha-dcc.yaml $'        level: 0\n        not_plannable' $'        level: 1\n        not_plannable'
job || fail "modification valide d'un propriétaire refusée"
grep -q "auteur de la merge request : alpha" "$work/log" || fail "auteur non lu dans la merge request"
echo "ok : modification valide d'un propriétaire acceptée"
