#!/usr/bin/env bash
# The CUDA backend on a real GPU (issue 12). Three steps, the first two here (with .NET), the last on the GPU machine
# (no .NET there: the runner is published self-contained):
#
#   tests/Benchmarks/gpu/run-on-gpu.sh publish     # publish AttendGpu (trimmed, linux-x64) to tests/Benchmarks/gpu/publish
#                                                  # and check its size against the GPU machine's 64 MiB carry limit
#   tests/Benchmarks/gpu/run-on-gpu.sh check       # run the published binary here on ILGPU's CPU accelerator
#   tests/Benchmarks/gpu/run-on-gpu.sh run [DIR]   # on the GPU machine: parity suite on the real GPU, then the speed
#                                                  # table against PyTorch eager CUDA; results into DIR
#
# With this workplace's device tool: run(command="tests/Benchmarks/gpu/run-on-gpu.sh run $OUT",
# carry=["tests/Benchmarks/gpu/publish"], timeout_s=540). See tests/Benchmarks/README.md, "CUDA".
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
publish="$here/publish"

case "${1:-}" in
publish)
    dotnet publish "$here/AttendGpu.csproj" -c Release -r linux-x64 --self-contained \
        -p:PublishTrimmed=true -p:TrimMode=partial -p:SuppressTrimAnalysisWarnings=true -p:EnableTrimAnalyzer=false \
        -p:TreatWarningsAsErrors=false -o "$publish" || exit 1
    bytes=$(du -sb "$publish" | cut -f1)
    echo "published $publish: $bytes bytes ($((bytes / 1048576)) MiB; the GPU machine takes at most 64 MiB)"
    [ "$bytes" -lt $((64 * 1048576)) ] || { echo "the published runner is too large to carry" >&2; exit 1; }
    ;;
check)
    # The same binary, cuda:0 = ILGPU's CPU accelerator: every parity case, and one tiny timed step.
    ATTEND_CUDA_EMULATE=1 "$publish/AttendGpu" parity || exit 1
    ATTEND_CUDA_EMULATE=1 "$publish/AttendGpu" bench --batches 2 --seconds 0.2 --filter memn2n || exit 1
    ;;
run)
    out="${2:-$here/results}"
    mkdir -p "$out"
    export PYTHONUNBUFFERED=1
    (nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv; python3 -c \
        "import torch; print('torch', torch.__version__, 'cuda', torch.version.cuda, torch.cuda.get_device_name(0))") \
        > "$out/gpu.txt" 2>&1
    cat "$out/gpu.txt"
    status=0
    "$publish/AttendGpu" parity --json "$out/parity.json" 2>&1 | tee "$out/parity.txt" || status=1
    "$publish/AttendGpu" bench --batches 64,128 --seconds "${BENCH_SECONDS:-3}" --json "$out/attend.json" 2>&1 \
        | tee "$out/attend.txt" || status=1
    python3 "$here/gpu_bench.py" --batches 64,128 --seconds "${BENCH_SECONDS:-3}" --ours "$out/attend.json" \
        --json "$out/pytorch.json" 2>&1 | tee "$out/table.md" || status=1
    exit $status
    ;;
*)
    sed -n '2,13p' "$0"
    exit 64
    ;;
esac
