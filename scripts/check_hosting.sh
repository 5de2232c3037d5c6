#!/usr/bin/env bash
# requirements.txt installs the CPU build of torch with pip and with uv (what Streamlit Community Cloud
# runs, on Python 3.12), proved offline; by hand, not in CI (it installs uv from PyPI into a temp folder).
#
# The PyTorch CPU index (https://download.pytorch.org/whl/cpu) cannot be reached from this machine, so a
# local PEP 503 index stands in for it. What is simulated:
#   - the stand-in index holds torch only: this machine's CPU wheel (torch-2.13.0+cpu, cp311) and, for
#     Python 3.12, a metadata-only copy of it re-tagged cp312 (its METADATA, so its Requires-Dist, is the
#     real wheel's; it holds no code and is never installed);
#   - the real index also hosts some of torch's own dependencies (numpy, jinja2, sympy, ...); uv's
#     first-index strategy takes those from it too, which the stand-in does not show.
# Everything else resolves from PyPI (reachable here). Steps:
#   1. pip, Python 3.11, requirements.txt as it is (what scripts/test.sh does on a fresh machine): the
#      real CPU index is unreachable, pip gets torch from the local wheel (pip.conf's find-links);
#   2. pip, Python 3.12, and uv, Python 3.12 (`uv pip compile`), with the index line pointing at the
#      stand-in: torch must be 2.13.0+cpu from the stand-in and no nvidia-*/cuda-* package selected;
#   3. for contrast, uv on the requirements as they were (no index line, torch==2.13.0): PyPI's CUDA torch;
#   4. with HOSTING_PYTHON=/path/to/python (an environment where the requirements are installed), the app
#      starts on that interpreter and answers /_stcore/health.
#
#   bash scripts/check_hosting.sh
set -uo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d /tmp/check_hosting.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
INDEX=https://download.pytorch.org/whl/cpu
WHEEL=$(ls /opt/wheels/torch-2.13.0+cpu-cp311-*.whl 2>/dev/null | head -1)
py() {  # an interpreter of version $1 that runs (a pyenv shim of a version not selected does not)
    for exe in "$(command -v "python$1")" $(ls /root/.pyenv/versions/"$1".*/bin/python 2>/dev/null); do
        [ -n "$exe" ] && "$exe" -c pass 2>/dev/null && echo "$exe" && return
    done
}
cuda() { grep -c -i -E "^(nvidia-|cuda-)" "$1"; }
# pip's --report as "name==version" lines, torch's with where it came from
report() {
    python3 - "$1" <<'EOF'
import json, sys
for i in json.load(open(sys.argv[1]))["install"]:
    name, version = i["metadata"]["name"].lower(), i["metadata"]["version"]
    print(f"{name}=={version}" + (f"  <- {i['download_info']['url']}" if name == "torch" else ""))
EOF
}
grep -q "^--extra-index-url $INDEX$" requirements.txt || { echo "requirements.txt lacks the CPU index line"; exit 1; }
[ -n "$WHEEL" ] || { echo "no local torch-2.13.0+cpu wheel in /opt/wheels"; exit 1; }

# the stand-in index: /simple/torch/ lists the local wheel and its cp312 metadata-only twin
mkdir -p "$tmp/cpu/torch" "$tmp/meta"
ln -s "$WHEEL" "$tmp/cpu/torch/"
(cd "$tmp/meta" && unzip -q "$WHEEL" 'torch-2.13.0+cpu.dist-info/METADATA' 'torch-2.13.0+cpu.dist-info/WHEEL' \
    && sed -i 's/^Tag: cp311-cp311-/Tag: cp312-cp312-/' torch-2.13.0+cpu.dist-info/WHEEL \
    && : > torch-2.13.0+cpu.dist-info/RECORD \
    && zip -q -r "$tmp/cpu/torch/$(basename "${WHEEL/cp311-cp311/cp312-cp312}")" torch-2.13.0+cpu.dist-info)
python3 - "$tmp/cpu/torch" <<'EOF'
import pathlib, sys, urllib.parse
d = pathlib.Path(sys.argv[1])
links = "".join(f'<a href="{urllib.parse.quote(p.name)}">{p.name}</a>\n' for p in sorted(d.glob("*.whl")))
(d / "index.html").write_text(f"<!DOCTYPE html><html><body>\n{links}</body></html>\n")
EOF
sed "s|^--extra-index-url $INDEX$|--extra-index-url file://$tmp/cpu|" requirements.txt > "$tmp/standin.txt"
# before: no index line and a pin without the "+cpu" label
grep -v -E "^--extra-index-url" requirements.txt | sed 's/==\([0-9.]*\)+cpu /==\1 /' > "$tmp/no-index.txt"
echo "stand-in for $INDEX: $(ls "$tmp/cpu/torch" | grep whl | tr '\n' ' ')"

exe=$(py 3.11)
if [ -n "$exe" ]; then
    "$exe" -m venv "$tmp/venv3.11"
    start=$(date +%s)
    if PIP_RETRIES=1 "$tmp/venv3.11/bin/python" -m pip install --dry-run --quiet --report "$tmp/r311.json" \
            -r requirements.txt > "$tmp/pip311.log" 2>&1; then
        report "$tmp/r311.json" > "$tmp/pip311.txt"
        echo "1. pip $("$tmp/venv3.11/bin/pip" --version | cut -d' ' -f2), python 3.11, requirements.txt" \
             "(real index unreachable, $(grep -c "Retrying" "$tmp/pip311.log") retries, $(($(date +%s) - start)) s):" \
             "$(wc -l < "$tmp/pip311.txt") packages, $(cuda "$tmp/pip311.txt") CUDA;" \
             "$(grep '^torch==' "$tmp/pip311.txt")"
    else
        echo "1. pip, python 3.11: FAILED"; grep -v Retrying "$tmp/pip311.log" | tail -5
    fi
fi

exe=$(py 3.12)
if [ -n "$exe" ]; then
    "$exe" -m venv "$tmp/venv3.12"
    if "$tmp/venv3.12/bin/python" -m pip install --dry-run --quiet --report "$tmp/r312.json" \
            -r "$tmp/standin.txt" > "$tmp/pip312.log" 2>&1; then
        report "$tmp/r312.json" > "$tmp/pip312.txt"
        echo "2. pip $("$tmp/venv3.12/bin/pip" --version | cut -d' ' -f2), python 3.12, stand-in index:" \
             "$(wc -l < "$tmp/pip312.txt") packages, $(cuda "$tmp/pip312.txt") CUDA;" \
             "$(grep '^torch==' "$tmp/pip312.txt" | sed "s|$tmp|\$tmp|")"
    else
        echo "2. pip, python 3.12: FAILED"; grep -v "^WARNING: Location" "$tmp/pip312.log" | tail -5
    fi
fi

"$(py 3.11 || py 3.12)" -m venv "$tmp/uv" && "$tmp/uv/bin/python" -m pip install --quiet uv > /dev/null 2>&1
export UV_CACHE_DIR="$tmp/uv-cache"
uv="$tmp/uv/bin/uv"
compile() {  # requirements file, output file: uv's resolution for Linux x86_64, Python 3.12
    "$uv" pip compile "$1" --python-version 3.12 --python-platform x86_64-manylinux_2_28 --no-header \
        --no-annotate --no-python-downloads -o "$2" > "$2.log" 2>&1
}
if compile "$tmp/standin.txt" "$tmp/uv312.txt"; then
    echo "2. uv $("$uv" --version | cut -d' ' -f2), python 3.12, stand-in index: $(grep -c '==' "$tmp/uv312.txt")" \
         "packages, $(cuda "$tmp/uv312.txt") CUDA; $(grep '^torch==' "$tmp/uv312.txt")"
else
    echo "2. uv, python 3.12: FAILED"; tail -5 "$tmp/uv312.txt.log"
fi
if compile "$tmp/no-index.txt" "$tmp/pypi312.txt"; then
    echo "3. uv, python 3.12, no index line, torch==2.13.0 (from PyPI): $(grep -c '==' "$tmp/pypi312.txt")" \
         "packages, $(cuda "$tmp/pypi312.txt") CUDA; $(grep '^torch==' "$tmp/pypi312.txt")"
else
    echo "3. uv, no index line: FAILED"; tail -3 "$tmp/pypi312.txt.log"
fi
for f in pip311 pip312 uv312 pypi312; do  # the CUDA packages, if any, by name
    [ -s "$tmp/$f.txt" ] && grep -i -E "^(nvidia-|cuda-)" "$tmp/$f.txt" | sed "s/^/   CUDA in $f: /"
done

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
    echo "4. app on $("$HOSTING_PYTHON" --version) (torch $("$HOSTING_PYTHON" -c 'import torch; print(torch.__version__)')):" \
         "$health; RSS $(($(ps -o rss= -p $pid) / 1024)) MB"
    kill "$pid"
fi
