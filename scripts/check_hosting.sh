#!/usr/bin/env bash
# The hosting recipe, checked as far as this machine allows (by hand, not in CI):
#   1. pip resolves requirements.txt (a dry run in a throwaway venv) on Python 3.11 and 3.12;
#   2. uv, installed into a throwaway venv, compiles requirements.txt for Python 3.12 (what a hosted
#      install resolves) and shows which torch build that is, then tries the demo branch's variant
#      (torch from the PyTorch CPU index, see README "Deploying");
#   3. with HOSTING_PYTHON=/path/to/python (an environment where the requirements are installed), the app
#      starts on that interpreter and answers /_stcore/health.
# Nothing is installed outside a temporary folder. No torch wheel is downloaded: pip reads a wheel's
# dependencies by downloading it whole, and PyPI's Linux torch is the multi-GB CUDA build, so pip resolves
# everything but torch on 3.12 and uv (which reads metadata only) resolves torch.
#
#   bash scripts/check_hosting.sh
set -uo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d /tmp/check_hosting.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
py() {  # an interpreter of version $1 that runs (a pyenv shim of a version not selected does not)
    for exe in "$(command -v "python$1")" $(ls /root/.pyenv/versions/"$1".*/bin/python 2>/dev/null); do
        [ -n "$exe" ] && "$exe" -c pass 2>/dev/null && echo "$exe" && return
    done
}
quiet() { grep -v "^WARNING: Location" || true; }  # pip's note for each package the local indexes lack
grep -v '^torch' requirements.txt > "$tmp/no-torch.txt"

for v in 3.11 3.12; do
    exe=$(py "$v")
    if [ -z "$exe" ]; then echo "python $v: not on this machine"; continue; fi
    "$exe" -m venv "$tmp/venv$v"
    req=requirements.txt
    # the local CPU wheel serves 3.11 here; on 3.12 torch would come from PyPI as the CUDA build
    [ "$v" = 3.12 ] && req="$tmp/no-torch.txt"
    if "$tmp/venv$v/bin/python" -m pip install --dry-run --quiet --report "$tmp/report$v.json" -r "$req" 2>&1 \
            | quiet > "$tmp/pip$v.log"; then
        "$tmp/venv$v/bin/python" - "$tmp/report$v.json" "$v" "$req" <<'EOF'
import json, sys
items = json.load(open(sys.argv[1]))["install"]
names = {i["metadata"]["name"].lower(): i["metadata"]["version"] for i in items}
top = ", ".join(f"{k} {names[k]}" for k in ("torch", "streamlit", "plotly", "pandas", "numpy", "statsmodels")
                if k in names)
print(f"pip, python {sys.argv[2]} ({sys.argv[3].split('/')[-1]}): resolves {len(items)} packages: {top}")
EOF
    else
        echo "pip, python $v: FAILED"; tail -5 "$tmp/pip$v.log"
    fi
done
exe=$(py 3.12)
pin=$(sed -n 's/^torch==//p' requirements.txt)
[ -n "$exe" ] && echo "pip index, python 3.12: torch $pin $("$exe" -m pip index versions torch 2>/dev/null \
    | grep -q -E "[ ,]$pin(,|$)" && echo "is" || echo "is NOT") on the index"

"$(py 3.11 || py 3.12)" -m venv "$tmp/uv" && "$tmp/uv/bin/python" -m pip install --quiet uv 2>&1 | quiet
export UV_CACHE_DIR="$tmp/uv-cache"
uv="$tmp/uv/bin/uv"
if "$uv" pip compile requirements.txt --python-version 3.12 --python-platform x86_64-manylinux_2_28 --no-header \
        -o "$tmp/uv312.txt" > "$tmp/uv.log" 2>&1; then
    n=$(grep -c "==" "$tmp/uv312.txt")
    cuda=$(grep -c -E "^(nvidia-|cuda-)" "$tmp/uv312.txt")
    echo "uv $("$uv" --version | cut -d' ' -f2), python 3.12: resolves $n packages, $(grep '^torch==' "$tmp/uv312.txt");" \
         "$cuda of them CUDA packages (metadata read: $(du -sh "$UV_CACHE_DIR" | cut -f1))"
else
    echo "uv, python 3.12: FAILED"; tail -5 "$tmp/uv.log"
fi
# the demo branch's requirements.txt, as README "Deploying" makes it
sed -e '1i --extra-index-url https://download.pytorch.org/whl/cpu' -e 's/^torch==\(.*\)$/torch==\1+cpu/' \
    requirements.txt > "$tmp/demo.txt"
if "$uv" pip compile "$tmp/demo.txt" --python-version 3.12 --python-platform x86_64-manylinux_2_28 --no-header \
        --no-python-downloads -o "$tmp/demo312.txt" > "$tmp/demo.log" 2>&1; then
    echo "uv, demo branch, python 3.12: resolves, $(grep '^torch==' "$tmp/demo312.txt")," \
         "$(grep -c -E '^(nvidia-|cuda-)' "$tmp/demo312.txt") CUDA packages"
else
    echo "uv, demo branch, python 3.12: does not resolve here: $(grep -m1 '^error' "$tmp/demo.log")" \
         "($(grep -m1 'Failed to fetch' "$tmp/demo.log" | sed 's/^ *//'))"
fi

if [ -n "${HOSTING_PYTHON:-}" ]; then
    port=$("$HOSTING_PYTHON" -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
    "$HOSTING_PYTHON" -m streamlit run streamlit_app.py --server.port "$port" --server.address 127.0.0.1 \
        --server.headless true --browser.gatherUsageStats false > "$tmp/app.log" 2>&1 &
    pid=$!
    health="no answer within 60 s"
    for _ in $(seq 1 120); do
        [ "$(curl -s "http://127.0.0.1:$port/_stcore/health")" = ok ] && health="/_stcore/health answers ok" && break
        sleep 0.5
    done
    echo "app on $("$HOSTING_PYTHON" --version) (torch $("$HOSTING_PYTHON" -c 'import torch; print(torch.__version__)')):" \
         "$health; RSS $(($(ps -o rss= -p $pid) / 1024)) MB"
    kill "$pid"
fi
