#!/usr/bin/env python3
"""Runs the benchmark workloads in PyTorch (CPU) and in Attend (--compare-json mode) in one invocation and
prints a markdown table: workload | PyTorch ms | ours ms | ratio (PyTorch time / ours; > 1 means we are faster).

    python3 tests/Benchmarks/compare.py [--threads N] [--rounds R] [--json results.json] [--no-build]

Both sides use N threads (default 2): torch.set_num_threads(N) plus OPENBLAS_NUM_THREADS/OMP_NUM_THREADS=N for
PyTorch, and --threads N plus OPENBLAS_NUM_THREADS=N for ours. The two sides take turns workload by workload
(ours runs as `Attend.Benchmarks --compare-json FILE --filter WORKLOAD`), in alternating order, for R rounds
(default 3). Each turn reports the median of many timed runs after a warm-up; the table shows each side's
median over rounds and, as the ratio, the median of the per-round ratios: a burst of load from other processes
on a shared machine hits a round's two turns alike.
"""

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", help="also write all numbers to this file")
    parser.add_argument("--filter", help="only the workloads whose name contains this (case-insensitive)")
    parser.add_argument("--no-build", action="store_true", help="skip 'dotnet build' (use the last Release build)")
    parser.add_argument("--omp-passive", action="store_true",
                        help="OMP_WAIT_POLICY=PASSIVE for PyTorch: its OpenMP threads sleep instead of spinning, which "
                             "helps it on a machine shared with other processes (not PyTorch's default)")
    return parser.parse_args()


def ensure_torch():
    """Re-runs this script under a python3 that can import torch (e.g. Debian's /usr/bin/python3 when the PATH
    python3 is a pyenv one without it)."""
    try:
        import torch  # noqa: F401
        return
    except ImportError:
        pass
    if os.environ.get("ATTEND_COMPARE_REEXEC"):
        sys.exit("compare.py: no python3 with torch found (tried %s and /usr/bin/python3)" % sys.executable)
    for candidate in ("/usr/bin/python3", "/usr/local/bin/python3"):
        if os.path.exists(candidate) and os.path.realpath(candidate) != os.path.realpath(sys.executable):
            probe = subprocess.run([candidate, "-c", "import torch"], capture_output=True)
            if probe.returncode == 0:
                env = dict(os.environ, ATTEND_COMPARE_REEXEC="1")
                os.execve(candidate, [candidate] + sys.argv, env)
    sys.exit("compare.py: PyTorch is not importable by %s or /usr/bin/python3" % sys.executable)


def time_workload(run, target_seconds=1.0):
    """Median milliseconds of one call after a 1 s warm-up, over about target_seconds of calls."""
    start = time.perf_counter()
    warmups = 0
    while warmups < 5 or time.perf_counter() - start < 1.0:
        run()
        warmups += 1
    each = (time.perf_counter() - start) / warmups
    reps = int(min(2000, max(10, target_seconds / max(each, 1e-6))))
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        run()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def torch_workloads(torch):
    """The same workloads as tests/Benchmarks/Workloads/*.cs, keyed by the names the C# side reports."""
    import torch.nn.functional as F

    work = {}
    for size in (64, 256, 1024):
        torch.manual_seed(0)
        a, b = torch.randn(size, size), torch.randn(size, size)
        work["matmul %d" % size] = (lambda a=a, b=b: torch.matmul(a, b))

    torch.manual_seed(0)
    cell = torch.nn.LSTMCell(10, 100)
    x, h, c = torch.randn(32, 10), torch.randn(32, 100), torch.randn(32, 100)

    def lstm():
        cell.zero_grad(set_to_none=True)
        h2, c2 = cell(x, (h, c))
        (h2.sum() + c2.sum()).backward()
    work["lstm cell fwd+bwd (32x10->100)"] = lstm

    keys = torch.randn(32, 50, 128, requires_grad=True)
    values = torch.randn(32, 50, 128, requires_grad=True)
    query = torch.randn(32, 128, 1, requires_grad=True)

    def attention():
        keys.grad = values.grad = query.grad = None
        scores = torch.bmm(keys, query)                            # [32, 50, 1]
        weights = torch.softmax(scores, dim=1)                     # over the 50 positions
        context = torch.bmm(weights.transpose(1, 2), values)       # [32, 1, 128]
        context.reshape(32, 128).sum().backward()
    work["attention fwd+bwd (32x50x128)"] = attention

    mlp = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 10))
    adam = torch.optim.Adam(mlp.parameters(), lr=1e-3)
    inputs, labels = torch.randn(64, 784), torch.randint(0, 10, (64,))

    def mlp_step():
        adam.zero_grad(set_to_none=True)
        F.cross_entropy(mlp(inputs), labels).backward()
        adam.step()
    work["mlp 784-256-10 adam step (batch 64)"] = mlp_step

    import act_workload  # chapter 8's ACT parity step, in a file of its own
    work.update(act_workload.workloads(torch))
    sys.path.insert(0, HERE)
    from memn2n_workload import memn2n_workloads
    work.update(memn2n_workloads(torch))
    from compare_ntm import ntm_workloads  # chapter 5
    work.update(ntm_workloads(torch))
    from dmn_workload import dmn_workloads
    work.update(dmn_workloads(torch))
    from np_workload import np_workloads  # chapter 9
    work.update(np_workloads(torch))
    from bahdanau_workload import bahdanau_workloads  # chapter 3
    work.update(bahdanau_workloads(torch))
    from captioner_workload import captioner_workloads  # chapter 4
    work.update(captioner_workloads(torch))
    return work


def torch_key(name):
    """Our matmul rows ('matmul 64 (managed)', 'matmul 64 (provider)') both compare with PyTorch's 'matmul 64'."""
    return name.split(" (")[0] if name.startswith("matmul") else name


def blas_in_use(torch):
    """Which BLAS library the torch process actually mapped (Debian's torch links libblas.so.3, an alternative)."""
    libraries = set()
    try:
        with open("/proc/self/maps") as maps:
            for line in maps:
                path = line.split()[-1]
                name = os.path.basename(path).lower()
                if any(key in name for key in ("blas", "mkl", "lapack")) and path.startswith("/"):
                    libraries.add(os.path.realpath(path))
    except OSError:
        pass
    config = torch.__config__.show()
    info = [part.strip() for part in config.replace("\n", ",").split(",") if "BLAS_INFO" in part]
    return sorted(libraries), (info[0] if info else "BLAS_INFO unknown")


def run_ours(threads, output, workload):
    env = dict(os.environ, OPENBLAS_NUM_THREADS=str(threads))
    dll = os.path.join(HERE, "bin", "Release", "net10.0", "Attend.Benchmarks.dll")
    subprocess.run(["dotnet", dll, "--compare-json", output, "--threads", str(threads), "--filter", workload],
                   check=True, env=env, stderr=subprocess.DEVNULL)
    with open(output) as f:
        return json.load(f)


def cpu_model():
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        fields = dict(line.split(":", 1) for line in out.splitlines() if ":" in line)
        return "%s, %s CPU(s)" % (fields.get("Model name", "?").strip(), fields.get("CPU(s)", "?").strip())
    except OSError:
        return platform.processor() or "unknown CPU"


def main():
    args = parse_args()
    # Thread counts must be fixed before torch (and its OpenBLAS) load.
    os.environ["OPENBLAS_NUM_THREADS"] = str(args.threads)
    os.environ["OMP_NUM_THREADS"] = str(args.threads)
    if args.omp_passive:
        os.environ["OMP_WAIT_POLICY"] = "PASSIVE"
    ensure_torch()
    import torch
    torch.set_num_threads(args.threads)

    if not args.no_build:
        subprocess.run(["dotnet", "build", "-c", "Release", HERE], check=True, stdout=subprocess.DEVNULL)

    libraries, blas_info = blas_in_use(torch)
    work = torch_workloads(torch)
    if args.filter:
        work = {k: v for k, v in work.items() if args.filter.lower() in k.lower()}
    torch_rounds, our_rounds, ours_meta = {}, {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(args.rounds):
            for name, fn in work.items():
                print("round %d/%d: %s" % (r + 1, args.rounds, name), file=sys.stderr)
                for side in (("torch", "ours") if r % 2 == 0 else ("ours", "torch")):
                    if side == "torch":
                        torch_rounds.setdefault(name, []).append(time_workload(fn))
                    else:
                        ours_meta = run_ours(args.threads, os.path.join(tmp, "ours.json"), name)
                        for ours_name, ms in ours_meta["results"].items():
                            our_rounds.setdefault(ours_name, []).append(ms)

    # Sanity check on PyTorch's BLAS: the reference (netlib) BLAS needs ~1-2 s for a 1024 product, OpenBLAS ~20-40 ms.
    torch_1024 = statistics.median(torch_rounds["matmul 1024"]) if "matmul 1024" in torch_rounds else None
    if torch_1024 is None:
        blas_verdict = "not checked (matmul 1024 filtered out)"
    else:
        blas_verdict = "optimized (matmul 1024 in %.1f ms)" % torch_1024 if torch_1024 < 300 else \
            "SLOW: matmul 1024 takes %.0f ms, this looks like the reference BLAS" % torch_1024

    print()
    print("Machine: %s; %s; %s" % (cpu_model(), platform.platform(), datetime.date.today().isoformat()))
    print("Threads: %d on both sides%s; %d alternating rounds (ms: median over rounds; ratio: median of per-round ratios)."
          % (args.threads, " (PyTorch with OMP_WAIT_POLICY=PASSIVE)" if args.omp_passive else "", args.rounds))
    print("PyTorch %s, BLAS: %s (%s), %s" % (torch.__version__, ", ".join(libraries) or "none mapped", blas_info, blas_verdict))
    print("Attend GEMM provider: %s (%s); managed kernel: %s"
          % (ours_meta["gemm"], ours_meta["gemm_reason"], ours_meta["managed_kernel"]))
    print()
    # The ratio pairs the two sides round by round (they ran seconds apart, under the same load) and takes the
    # median of those pairs; the last column lists them, so the noise from other processes is visible.
    print("| workload | PyTorch ms | ours ms | ratio (PyTorch / ours) | ratio per round |")
    print("|---|---:|---:|---:|---|")
    table = []
    for name, rounds in our_rounds.items():
        ours = statistics.median(rounds)
        theirs_rounds = torch_rounds[torch_key(name)]
        theirs = statistics.median(theirs_rounds)
        paired = [t / o for t, o in zip(theirs_rounds, rounds)]
        ratio = statistics.median(paired)
        table.append({"workload": name, "pytorch_ms": theirs, "ours_ms": ours, "ratio": ratio, "ratio_per_round": paired})
        print("| %s | %.4f | %.4f | %.2f | %s |" % (name, theirs, ours, ratio, " ".join("%.2f" % r for r in paired)))

    if args.json:
        with open(args.json, "w") as f:
            json.dump({"threads": args.threads, "rounds": args.rounds, "blas": libraries, "blas_info": blas_info,
                       "attend": {k: v for k, v in ours_meta.items() if k != "results"},
                       "pytorch_rounds": torch_rounds, "attend_rounds": our_rounds, "table": table}, f, indent=2)


if __name__ == "__main__":
    main()
