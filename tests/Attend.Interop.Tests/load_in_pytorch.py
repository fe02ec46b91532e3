"""Loads a model that Attend saved (safetensors) into the equivalent torch.nn modules and checks its outputs.

Usage: python3 load_in_pytorch.py MODEL.safetensors IO.safetensors
IO holds "tokens" [B, L] (token ids as floats) and "logits" [B, C] (what Attend computed). Exit status 0 when
PyTorch's logits agree within 1e-5, 1 otherwise. Reads safetensors with the standard library and torch only (the
`safetensors` package is not needed): an 8-byte little-endian header length, a JSON header, then the raw data.
"""
import json
import struct
import sys

import torch
from torch import nn


def load_safetensors(path):
    with open(path, "rb") as f:
        (length,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(length))
        data = f.read()
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        assert entry["dtype"] == "F32", (name, entry["dtype"])
        begin, end = entry["data_offsets"]
        tensors[name] = torch.frombuffer(bytearray(data[begin:end]), dtype=torch.float32).reshape(entry["shape"])
    return tensors


class GruClassifier(nn.Module):
    """The model of GruClassifier.cs, written with torch.nn: the attribute names are the parameter names' prefixes."""

    def __init__(self, vocabulary, width, hidden, classes):
        super().__init__()
        self.embedding = nn.Embedding(vocabulary, width)
        self.gru = nn.GRU(width, hidden, batch_first=True, bidirectional=True)
        self.output = nn.Linear(2 * hidden, classes)

    def forward(self, tokens):
        _, last = self.gru(self.embedding(tokens))
        return self.output(torch.cat([last[0], last[1]], 1))


def main(model_path, io_path):
    state = load_safetensors(model_path)
    vocabulary, width = state["embedding.weight"].shape
    hidden = state["gru.weight_hh_l0"].shape[1]
    classes = state["output.weight"].shape[0]
    model = GruClassifier(vocabulary, width, hidden, classes)
    model.load_state_dict(state, strict=True)  # every name and shape must match, nothing left over
    model.eval()
    io = load_safetensors(io_path)
    with torch.no_grad():
        logits = model(io["tokens"].long())
    gap = (logits - io["logits"]).abs().max().item()
    print(f"PyTorch {torch.__version__}: largest difference from Attend's logits {gap:.2e}")
    return 0 if gap <= 1e-5 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
