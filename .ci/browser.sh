#!/usr/bin/env bash
# Accessibility check of the portal with axe-core (WCAG 2 A and AA rules) in headless Chromium.
# Builds the demo dataset into a temporary copy of the repository, injects axe into a few pages
# of every kind, and fails when axe reports a violation. Needs chromium, node and npm.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in chromium npm; do
  command -v "$tool" >/dev/null || { echo "SKIPPED: $tool not found"; exit 0; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git archive HEAD convergence.yaml content questionnaires docs | tar -x -C "$work"
cargo build --release -q
bin=$PWD/target/release/convergence
"$bin" --root "$work" demo --force >/dev/null
"$bin" --root "$work" build >/dev/null 2>&1
(cd "$work" && npm install --silent --no-save axe-core@4 >/dev/null)
site=$work/public
cp "$work/node_modules/axe-core/axe.min.js" "$site/"
cat > "$site/axe-run.js" <<'JS'
window.addEventListener('load', function () {
  axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] }).then(function (r) {
    var pre = document.createElement('pre'); pre.id = 'axe-result';
    pre.textContent = JSON.stringify(r.violations.map(function (v) {
      return { id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(function (n) { return n.target.join(' '); }) };
    }));
    document.body.appendChild(pre);
  });
});
JS
pages=(index.html questionnaires/index.html questionnaires/interoperabilite-services/index.html
       services/index.html regions/index.html pos/index.html editeurs/index.html
       organisations/index.html doctrine/index.html faq/index.html methode.html donnees.html recherche.html
       synthese.html pos/zones.html tendances.html badges.html conformite/index.html
       conformite/telesante.html conformite/maturin-h.html)
# First sheet of each folder, without `ls | grep | head` (head closing the pipe early makes
# grep die of SIGPIPE, which pipefail turns into a failure).
first_page() { for f in "$site/$1"/*.html; do [ "${f##*/}" != index.html ] && { echo "$1/${f##*/}"; return; }; done; }
pages+=("$(first_page services)")
pages+=("$(first_page regions)")
pages+=(editeurs/occupation.html editeurs/maincare/ideophm.html)
pages+=("$(first_page widgets/regions)")
failed=0; passed=0
for p in "${pages[@]}"; do
  depth=$(echo "$p" | tr -cd '/' | wc -c); root=""
  for _ in $(seq 1 "$depth"); do root="../$root"; done
  sed -i "s#</body>#<script src=\"${root}axe.min.js\"></script><script src=\"${root}axe-run.js\"></script></body>#" "$site/$p"
  out=$(timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$(mktemp -d)" \
    --virtual-time-budget=15000 --dump-dom "file://$site/$p" 2>/dev/null \
    | grep -o '<pre id="axe-result">.*</pre>' || true)
  if [ "$out" = '<pre id="axe-result">[]</pre>' ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1)); echo "axe: $p: ${out:-no result}"
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
