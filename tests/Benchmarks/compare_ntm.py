"""Chapter 5's NTM copy training step in PyTorch, op for op as Attend.Ntm (NeuralTuringMachine, Addressing,
NtmMemory, HeadParameters), for compare.py: LSTM controller 100, memory 128x20, one read and one write head with
3 shifts, 8-bit copy sequences of length 20 (41 steps), bits-per-sequence loss, clip every component to +-10,
RMSprop (lr 1e-4, alpha 0.95, momentum 0.9)."""

import math


def ntm_workloads(torch, device="cpu", batches=(1, 32)):
    """The step at each batch size in `batches`, everything on `device` (gpu/gpu_bench.py passes cuda)."""
    import torch.nn as nn
    import torch.nn.functional as F

    N, M, H, K = 128, 20, 100, 3

    class Head(nn.Module):
        def __init__(self, write):
            super().__init__()
            self.write = write
            self.fc = nn.Linear(H, M + 3 + K + (2 * M if write else 0))
            bound = math.sqrt(6.0 / (1 + N))
            self.initial_weighting = nn.Parameter(torch.empty(N).uniform_(-bound, bound))
            self.initial_read = None if write else nn.Parameter(torch.empty(M).uniform_(-bound, bound))

        def params(self, h):
            sizes = [M, 1, 1, K, 1] + ([M, M] if self.write else [])
            p = torch.split(self.fc(h), sizes, dim=1)
            out = dict(key=p[0], beta=F.softplus(p[1]), gate=torch.sigmoid(p[2]), shift=torch.softmax(p[3], 1),
                       gamma=F.softplus(p[4]) + 1)
            if self.write:
                out.update(erase=torch.sigmoid(p[5]), add=p[6])
            return out

    def address(memory, p, previous):
        # PyTorch's own fused cosine (as pytorch-ntm uses it): x.y / sqrt(max(|x|^2 |y|^2, eps^2)), the same
        # formula as Attend's fused Addressing.Similarity.
        cosine = F.cosine_similarity(memory, p["key"].unsqueeze(1), dim=2, eps=1e-8)
        wc = torch.softmax(cosine * p["beta"], 1)
        wg = previous + (wc - previous) * p["gate"]
        shifted = torch.stack([wg.roll(c - 1, 1) for c in range(K)], 2)
        ws = (shifted * p["shift"].unsqueeze(1)).sum(2)
        with torch.no_grad():
            largest = ws.max(1, keepdim=True).values.clamp(min=1e-30)
        powered = torch.exp(torch.log(ws / largest + 1e-30) * p["gamma"])
        return powered / powered.sum(1, keepdim=True)

    class Ntm(nn.Module):
        def __init__(self):
            super().__init__()
            self.lstm = nn.LSTMCell(9 + M, H)
            self.h0 = nn.Parameter(torch.zeros(H))
            self.c0 = nn.Parameter(torch.zeros(H))
            self.read = Head(False)
            self.write = Head(True)
            self.output = nn.Linear(H + M, 8)

        def forward(self, inputs, output_steps):
            steps, batch = inputs.shape[0], inputs.shape[1]
            memory = torch.full((batch, N, M), 1e-6, device=inputs.device)
            read = self.read.initial_read.unsqueeze(0).expand(batch, M)
            rw = torch.softmax(self.read.initial_weighting, 0).unsqueeze(0).expand(batch, N)
            ww = torch.softmax(self.write.initial_weighting, 0).unsqueeze(0).expand(batch, N)
            h, c = self.h0.unsqueeze(0).expand(batch, H), self.c0.unsqueeze(0).expand(batch, H)
            features = []
            for t in range(steps):
                h, c = self.lstm(torch.cat([inputs[t], read], 1), (h, c))
                p = self.read.params(h)
                rw = address(memory, p, rw)
                read = torch.bmm(rw.unsqueeze(1), memory).squeeze(1)
                q = self.write.params(h)
                ww = address(memory, q, ww)
                w = ww.unsqueeze(2)
                memory = memory * (1 - torch.bmm(w, q["erase"].unsqueeze(1))) + torch.bmm(w, q["add"].unsqueeze(1))
                if t >= steps - output_steps:
                    features.append(torch.cat([h, read], 1))
            stacked = torch.stack(features, 0)
            return self.output(stacked.reshape(output_steps * batch, -1)).reshape(output_steps, batch, 8)

    work = {}
    for batch in batches:
        torch.manual_seed(0)
        model = Ntm().to(device)
        optimizer = torch.optim.RMSprop(model.parameters(), lr=1e-4, alpha=0.95, momentum=0.9)
        bits = (torch.rand(20, batch, 8) < 0.5).float()
        inputs = torch.zeros(41, batch, 9)
        inputs[:20, :, :8] = bits
        inputs[20, :, 8] = 1
        inputs, bits = inputs.to(device), bits.to(device)

        def step(model=model, optimizer=optimizer, inputs=inputs, targets=bits, batch=batch):
            optimizer.zero_grad(set_to_none=True)
            logits = model(inputs, 20)
            loss = F.binary_cross_entropy_with_logits(logits, targets, reduction="sum") / (math.log(2) * batch)
            loss.backward()
            torch.nn.utils.clip_grad_value_(model.parameters(), 10)
            optimizer.step()
        work["ntm copy train step (len 20, batch %d)" % batch] = step
    return work
