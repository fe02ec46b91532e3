"""PyTorch eager CUDA timings of the chapter models' training steps, and the table against Attend's CUDA backend.

Runs on the GPU machine (run-on-gpu.sh run): the same workloads as tests/Benchmarks/Workloads (Bahdanau translation,
NTM copy, MemN2N) through their PyTorch mirrors (bahdanau_workload.py, compare_ntm.py, memn2n_workload.py) with every
tensor on cuda, at each batch size; each step is timed to torch.cuda.synchronize(), median of the runs in --seconds
after 3 warm-up steps, exactly as AttendGpu bench times ours. Ratio = PyTorch time / ours (> 1: Attend is faster).
"""

import argparse
import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def time_cuda(torch, step, seconds):
    for _ in range(3):
        step()
    torch.cuda.synchronize()
    times, started = [], time.perf_counter()
    while time.perf_counter() - started < seconds or len(times) < 5:
        t = time.perf_counter()
        step()
        torch.cuda.synchronize()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), len(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--batches", default="64,128")
    parser.add_argument("--seconds", type=float, default=3)
    parser.add_argument("--ours", help="AttendGpu bench --json output to compare with")
    parser.add_argument("--json", help="write PyTorch's medians (ms) here")
    args = parser.parse_args()

    import torch
    from bahdanau_workload import bahdanau_workloads
    from compare_ntm import ntm_workloads
    from memn2n_workload import memn2n_workloads

    if not torch.cuda.is_available():
        sys.exit("PyTorch sees no CUDA device")
    ours = json.load(open(args.ours)) if args.ours and os.path.exists(args.ours) else {}
    theirs = {}
    for batch in (int(b) for b in args.batches.split(",")):
        work = {}
        work.update(bahdanau_workloads(torch, "cuda", (batch,)))
        work.update(ntm_workloads(torch, "cuda", (batch,)))
        work.update(memn2n_workloads(torch, "cuda", batch))
        for name, step in work.items():
            theirs[name], runs = time_cuda(torch, step, args.seconds)
            print(f"# {name}: {theirs[name]:.2f} ms ({runs} runs)", file=sys.stderr)
    if args.json:
        json.dump(theirs, open(args.json, "w"), indent=2)

    print(f"GPU: {torch.cuda.get_device_name(0)}; PyTorch {torch.__version__} (CUDA {torch.version.cuda}), eager\n")
    print("| workload | PyTorch eager CUDA (ms) | Attend CUDA (ms) | ratio PyTorch/Attend |")
    print("|---|---:|---:|---:|")
    for name, ms in theirs.items():
        mine = ours.get(name)
        ratio = f"{ms / mine:.2f}" if mine else "n/a"
        print(f"| {name} | {ms:.2f} | {mine:.2f} | {ratio} |" if mine else f"| {name} | {ms:.2f} | n/a | n/a |")


if __name__ == "__main__":
    main()
