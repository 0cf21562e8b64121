#!/usr/bin/env bash
# Compiles the shared kernels (backend-kernels) as CUDA C to PTX for the cuda backend's jar.
# Usage: compile-ptx.sh KERNEL_DIR WORK_DIR OUTPUT_PTX ARCH
# nvcc is looked up on PATH, in $CUDA_HOME/bin and in /usr/local/cuda*/bin. A compile error fails the build;
# no nvcc at all skips the step with a message (the backend then says at run time that its PTX is missing).
set -euo pipefail
kernels=$1 work=$2 output=$3 arch=$4

nvcc=$(command -v nvcc || true)
if [[ -z $nvcc ]]; then
  for candidate in "${CUDA_HOME:-}/bin/nvcc" /usr/local/cuda/bin/nvcc /usr/local/cuda-*/bin/nvcc; do
    if [[ -x $candidate ]]; then nvcc=$candidate; break; fi
  done
fi
if [[ -z $nvcc ]]; then
  echo "[earshot] nvcc not found (PATH, \$CUDA_HOME/bin, /usr/local/cuda*/bin): the CUDA kernels are NOT compiled;" \
       "the cuda backend of this build will report 'no PTX'. Install the CUDA toolkit to build them."
  exit 0
fi

mkdir -p "$work" "$(dirname "$output")"
source="$work/kernels.cu"
{
  cat "$kernels/prelude_cuda.h"
  grep -v -e '^#' -e '^[[:space:]]*$' "$kernels/sources.txt" | while read -r file; do
    printf '#line 1 "%s"\n' "$file"
    cat "$kernels/$file"
  done
} > "$source"
echo "[earshot] $("$nvcc" --version | tail -1): compiling the shared kernels to PTX for $arch"
"$nvcc" -ptx -arch="$arch" -Werror all-warnings -o "$output" "$source"
