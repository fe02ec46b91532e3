"""The PyTorch mirror of Workloads/ActParityWorkload.cs (Chapter 8, adaptive computation time): one ACT parity
training step with a tanh RNN cell of 128 units, batch 128 of 64-bit inputs, at most 100 ponder steps,
binary cross-entropy + tau * ponder cost, backward, Adam (lr 1e-3).

The same masked ponder loop as the library: the input's share of the gates is computed once, the flag bit's
column of W_ih is added on the first ponder step, examples that have halted get weight 0 (no per-example branch),
and the loop stops when no example is running. As on the C# side the halting unit's weights are 0 and its bias is
logit(0.104), frozen, so every example takes exactly N = 10 ponder steps on both sides.
"""

import math

NAME = "act parity step (rnn 128, batch 128, 10 ponder steps)"
HALTING = 0.104


def workloads(torch):
    import torch.nn.functional as F

    class Act(torch.nn.Module):
        def __init__(self, inputs, hidden, outputs, epsilon=0.01, max_steps=100):
            super().__init__()
            self.cell = torch.nn.RNNCell(inputs + 1, hidden)
            self.halting = torch.nn.Linear(hidden, 1)
            self.output = torch.nn.Linear(hidden, outputs)
            self.epsilon, self.max_steps = epsilon, max_steps

        def forward(self, x):
            batch = x.size(0)
            w_ih = self.cell.weight_ih
            gates = F.linear(x, w_ih[:, :-1], self.cell.bias_ih)   # the input's share, once
            flag = w_ih[:, -1]
            s = x.new_zeros(batch, self.cell.hidden_size)
            cumulative = x.new_zeros(batch)
            remainder = x.new_zeros(batch)
            steps = x.new_zeros(batch)
            mean = None
            running = torch.ones(batch, dtype=torch.bool)
            for n in range(1, self.max_steps + 1):
                gi = gates + flag if n == 1 else gates
                s = torch.tanh(gi + F.linear(s, self.cell.weight_hh, self.cell.bias_hh))
                h = torch.sigmoid(self.halting(s)).squeeze(1)
                with torch.no_grad():
                    halts = running & ((cumulative + h >= 1 - self.epsilon) | (n == self.max_steps))
                    goes_on = running & ~halts
                    steps += running.float()
                go_on, stop = goes_on.float(), halts.float()
                last = (1 - cumulative) * stop
                p = h * go_on + last
                remainder = remainder + last
                cumulative = cumulative + h * go_on
                weighted = s * p.unsqueeze(1)
                mean = weighted if mean is None else mean + weighted
                running = goes_on
                if not bool(running.any()):
                    break
            return self.output(mean), steps + remainder, steps

    torch.manual_seed(0)
    model = Act(64, 128, 1)
    with torch.no_grad():
        model.halting.weight.zero_()
        model.halting.bias.fill_(math.log(HALTING / (1 - HALTING)))
    model.halting.weight.requires_grad_(False)
    model.halting.bias.requires_grad_(False)
    adam = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=1e-3)

    generator = torch.Generator().manual_seed(0)
    x = torch.zeros(128, 64)
    for row in range(128):
        k = int(torch.randint(1, 65, (1,), generator=generator))
        positions = torch.randperm(64, generator=generator)[:k]
        x[row, positions] = torch.randint(0, 2, (k,), generator=generator).float() * 2 - 1
    y = ((x == 1).sum(1) % 2).float()

    def step():
        adam.zero_grad(set_to_none=True)
        logits, ponder, steps = model(x)
        loss = F.binary_cross_entropy_with_logits(logits.squeeze(1), y) + 1e-3 * ponder.mean()
        loss.backward()
        adam.step()
        if int(steps[0]) != 10:
            raise RuntimeError("act mirror: expected 10 ponder steps, got %d" % int(steps[0]))

    return {NAME: step}
