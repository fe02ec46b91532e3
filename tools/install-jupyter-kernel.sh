#!/usr/bin/env bash
# Registers the .NET Interactive C# kernel for Jupyter without a public HTTP listener (issue 13, item 3).
#
#   tools/install-jupyter-kernel.sh [JUPYTER_DATA_DIR]
#
# Writes JUPYTER_DATA_DIR/kernels/.net-csharp/kernel.json (default: the user's Jupyter data folder,
# ~/.local/share/jupyter). `dotnet interactive jupyter install` writes the same spec but with
# `--http-port-range 2048-3000`, whose listener answered on every interface of the machine; this one passes
# `--http-local-only` instead, which binds it to loopback. The kernel is the repository's local tool
# (.config/dotnet-tools.json, `dotnet tool restore`), found from the notebook's folder inside the repository.
# The spec also starts the kernel with DOTNET_gcConcurrent=0: the chapters' CPU training steps run 1.2-2x faster
# without the background garbage collector (tests/Benchmarks/README.md, "Garbage collector").
set -euo pipefail
data="${1:-${JUPYTER_DATA_DIR:-$HOME/.local/share/jupyter}}"
spec="$data/kernels/.net-csharp"
mkdir -p "$spec"
cat > "$spec/kernel.json" <<'JSON'
{
  "argv": [
    "dotnet",
    "tool",
    "run",
    "dotnet-interactive",
    "--",
    "jupyter",
    "--default-kernel",
    "csharp",
    "--http-local-only",
    "{connection_file}"
  ],
  "env": {
    "DOTNET_gcConcurrent": "0"
  },
  "display_name": ".NET (C#)",
  "language": "C#",
  "metadata": {
    "vscode": {
      "extension_id": "ms-dotnettools.dotnet-interactive-vscode",
      "kernel_id": "dotnet-interactive"
    }
  }
}
JSON
echo "registered the .NET (C#) kernel in $spec"
