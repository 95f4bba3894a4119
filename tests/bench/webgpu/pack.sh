#!/bin/bash
# Packs what `npm run bench -- webgpu` needs on a GPU machine that has neither Node nor a browser:
# Debian's chromium-headless-shell with the libraries it links (glibc's own left out), xz-compressed
# and split into 40 MiB parts (for transfers with a size limit), and the two built bench pages.
# Usage: bash tests/bench/webgpu/pack.sh [DEST]   (default .tmp/gpu-pack; run from the repo root)
# There: bash tests/bench/webgpu/device-run.sh DEST [serve.py options], after joining the parts.
set -euo pipefail
DEST=${1:-.tmp/gpu-pack}
# The browser, and libglvnd (the NVIDIA driver's Vulkan and EGL libraries load it; the machine may lack it).
[ -x /usr/lib/chromium/chromium-headless-shell ] && [ -f /usr/lib/x86_64-linux-gnu/libGLdispatch.so.0 ] ||
  apt-get install -y chromium-headless-shell libglvnd0 libegl1 libgl1 libglx0 libopengl0 libgles2
rm -rf "$DEST" && mkdir -p "$DEST"
stage=$(mktemp -d)
mkdir -p "$stage/chromium/locales" "$stage/lib"
(cd /usr/lib/chromium && cp -a chromium-headless-shell headless_lib_data.pak headless_lib_strings.pak \
  headless_command_resources.pak icudtl.dat libEGL.so libGLESv2.so libvulkan.so.1 libvk_swiftshader.so \
  vk_swiftshader_icd.json v8_context_snapshot.bin "$stage/chromium/" && cp locales/en-US.pak "$stage/chromium/locales/")
for binary in chromium-headless-shell libEGL.so libGLESv2.so libvulkan.so.1; do ldd "$stage/chromium/$binary"; done \
  | awk '/=>/ {print $3}' | sort -u | grep -v -E '/(libc|libm|libdl|libpthread|librt|libresolv|ld-linux-x86-64|libgcc_s|libstdc\+\+|libz)\.so' \
  | xargs -I{} cp -L {} "$stage/lib/"
# Loaded by name, not linked: NSS's modules at start, libglvnd by the NVIDIA driver.
for lib in libsoftokn3.so libfreebl3.so libfreeblpriv3.so libnssckbi.so libnssdbm3.so \
  libGLdispatch.so.0 libEGL.so.1 libGLX.so.0 libOpenGL.so.0 libGL.so.1 libGLESv2.so.2; do
  if [ -f "/usr/lib/x86_64-linux-gnu/$lib" ]; then cp -L "/usr/lib/x86_64-linux-gnu/$lib" "$stage/lib/"; fi
done
tar cf - -C "$stage" chromium lib | xz --x86 --lzma2=preset=9e | split -b 40M -d -a 2 - "$DEST/chromium.tar.xz.part-"
rm -rf "$stage"
npm run --silent bench -- webgpu --build-only && npm run --silent bench -- gpu-share --build-only
for page in webgpu gpu-share; do
  cp -r ".tmp/bench-$page" "$DEST/$page" && rm -rf "$DEST/$page/examples" "$DEST/$page/datasets/"{digits-images.zip,iris.csv,wine.csv}
done
cp tests/bench/webgpu/serve.py tests/bench/webgpu/device-run.sh "$DEST/"
du -sh "$DEST"/*
