"""Executes a notebook through Jupyter's nbclient with the .NET (C#) kernel, as `jupyter nbconvert --execute` would.

    /usr/bin/python3 run_nbclient.py NOTEBOOK OUTPUT --cwd DIR [--timeout SEC] [--env NAME=VALUE ...] [--listeners FILE]

The kernel spec is found the ordinary way (JUPYTER_PATH, then the user's and the system's Jupyter folders). Errors
in cells do not stop the run (allow_errors): the caller reads the saved outputs. The saved notebook is checked with
nbformat's own validator. With --listeners, the TCP sockets the kernel's process tree listens on are written to FILE
while the kernel runs (read with `ss`), so the caller can check that nothing listens beyond loopback.
"""
import argparse
import os
import subprocess
import sys

import nbformat
from nbclient import NotebookClient


def listening_sockets(pid):
    """The local addresses (addr:port) on which pid or one of its descendants listens (TCP)."""
    pids = {str(pid)}
    changed = True
    while changed:
        changed = False
        for entry in os.listdir("/proc"):
            if not entry.isdigit() or entry in pids:
                continue
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parent = stat.read().rsplit(")", 1)[1].split()[1]
            except OSError:
                continue
            if parent in pids:
                pids.add(entry)
                changed = True
    out = subprocess.run(["ss", "-H", "-ltnp"], capture_output=True, text=True, check=False).stdout
    found = []
    for line in out.splitlines():
        if any(f"pid={p}," in line for p in pids):
            found.append(line.split()[3])
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("notebook")
    parser.add_argument("output")
    parser.add_argument("--cwd", required=True)
    parser.add_argument("--timeout", type=int, default=600)
    parser.add_argument("--kernel", default=".net-csharp")
    parser.add_argument("--env", action="append", default=[])
    parser.add_argument("--listeners")
    args = parser.parse_args()

    for pair in args.env:
        name, _, value = pair.partition("=")
        os.environ[name] = value

    nb = nbformat.read(args.notebook, as_version=4)
    client = NotebookClient(nb, timeout=args.timeout, kernel_name=args.kernel, allow_errors=True,
                            resources={"metadata": {"path": args.cwd}})
    with client.setup_kernel():
        if args.listeners:
            pid = client.km.provisioner.process.pid if client.km.provisioner else client.km.kernel.pid
            # The HTTP listener starts with the kernel: run one cell first so that it is up.
            client.execute_cell(nbformat.v4.new_code_cell("1"), 0)
            with open(args.listeners, "w") as f:
                f.write("\n".join(listening_sockets(pid)) + "\n")
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
    nbformat.validate(nb)
    nbformat.write(nb, args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
