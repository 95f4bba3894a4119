#!/bin/bash
# Runs a bench page packed by pack.sh on a machine without a browser: unpacks the headless
# Chromium, keeps the machine's own copy of each library it already has, makes the NVIDIA Vulkan
# driver visible, and runs serve.py with `--gpu`.
# Usage: bash device-run.sh PACK PAGE [serve.py options...]   (PAGE: webgpu or gpu-share)
# e.g. bash device-run.sh .tmp/gpu-pack webgpu --query 'cell_s=60' --out /tmp/bench-webgpu.json
set -euo pipefail
PACK=$1; PAGE=$2; shift 2
ROOT=/tmp/tabtune-chromium
if [ ! -x "$ROOT/chromium/chromium-headless-shell" ]; then
  mkdir -p "$ROOT"
  if command -v xz >/dev/null; then cat "$PACK"/chromium.tar.xz.part-* | xz -dc | tar xf - -C "$ROOT"
  else cat "$PACK"/chromium.tar.xz.part-* | python3 -c "import lzma,sys,shutil; shutil.copyfileobj(lzma.open(sys.stdin.buffer), sys.stdout.buffer)" | tar xf - -C "$ROOT"; fi
  # The machine's own (newer) copy of a library wins over the carried Debian one.
  have=$(ldconfig -p | awk '{print $1}' | sort -u)
  for lib in $(ls "$ROOT/lib"); do if grep -qx "$lib" <<< "$have"; then rm "$ROOT/lib/$lib"; fi; done
fi
export LD_LIBRARY_PATH="$ROOT/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
missing=$(ldd "$ROOT/chromium/chromium-headless-shell" | grep "not found" || true)
[ -z "$missing" ] || { echo "libraries missing: $missing"; exit 1; }
for icd in /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json /usr/share/vulkan/icd.d/nvidia_icd.json; do
  if [ -f "$icd" ]; then export VK_ADD_DRIVER_FILES=$icd; break; fi
done
exec python3 -u "$(dirname "$0")/serve.py" "$PACK/$PAGE" "$ROOT/chromium/chromium-headless-shell" --gpu "$@"
