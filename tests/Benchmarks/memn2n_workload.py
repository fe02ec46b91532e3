"""Chapter 6's MemN2N training step in PyTorch, mirroring tests/Benchmarks/Workloads/MemN2NWorkload.cs.

Batch 32, 50 memory slots of up to 10 words (4-10 used), vocabulary 176, d = 50, 3 hops, position encoding with
each sentence's own length J, temporal encoding, adjacent tying (E_0..E_3, T_0..T_3), padding words weighted 0;
summed cross-entropy, backward, clip_grad_norm_(40), SGD(lr=0.01) step. Written the way a PyTorch user writes
MemN2N: an embedding lookup E[ids] -> [B, M, L, d] times the position weights, summed over the words (the
library does the same lookup, with its per-sentence weights a_j, b_j summed by one batched product and the four
tables concatenated into one gather; the arithmetic is the same function). The position weights are rebuilt
inside the step from the lengths, as the C# side rebuilds its word weights.
"""

B, M, L, V, D, K = 32, 50, 10, 176, 50, 3


def memn2n_workloads(torch, device="cpu", batch=B):
    """The step at batch `batch` (32 in the CPU table) with every tensor on `device` (gpu/gpu_bench.py passes cuda)."""
    import torch.nn.functional as F

    B = batch
    g = torch.Generator().manual_seed(0)
    lengths = torch.randint(4, L + 1, (B, M), generator=g)
    positions = torch.arange(1, L + 1)
    mem = torch.randint(2, V, (B, M, L), generator=g) * (positions <= lengths[..., None])
    qlen = torch.randint(3, 6, (B,), generator=g)
    q = torch.randint(2, V, (B, L), generator=g) * (positions <= qlen[:, None])
    answer = torch.randint(2, V, (B,), generator=g)
    time = torch.arange(M - 1, -1, -1).expand(B, M)
    mask = torch.ones(B, M)
    lengths, mem, qlen, q, answer, time, mask = (t.to(device) for t in (lengths, mem, qlen, q, answer, time, mask))
    positions = positions.to(device)

    E = [torch.nn.Parameter((torch.randn(V, D) * 0.1).to(device)) for _ in range(K + 1)]
    T = [torch.nn.Parameter((torch.randn(60, D) * 0.1).to(device)) for _ in range(K + 1)]
    params = E + T
    sgd = torch.optim.SGD(params, lr=0.01)
    k_over_d = (torch.arange(1, D + 1, dtype=torch.float32) / D).to(device)

    def position_weights(length):
        """l_kj = (1 - j/J) - (k/d)(1 - 2j/J) for j <= J, 0 beyond: [..., L, D]."""
        J = length[..., None].float()
        j = positions.float()
        a = (1 - j / J) * (j <= J)
        b = (2 * j / J - 1) * (j <= J)
        return a[..., None] + k_over_d * b[..., None]

    def step():
        sgd.zero_grad(set_to_none=True)
        lm = position_weights(lengths)                           # [B, M, L, D]
        lq = position_weights(qlen)                              # [B, L, D]
        u = (E[0][q] * lq).sum(1)                                # [B, D]
        memories = [(E[k][mem] * lm).sum(2) + T[k][time] for k in range(K + 1)]
        for k in range(1, K + 1):
            scores = torch.bmm(memories[k - 1], u[:, :, None]).squeeze(2)
            p = torch.softmax(scores.masked_fill(mask == 0, -1e9), dim=1)
            u = u + torch.bmm(p[:, None, :], memories[k]).squeeze(1)
        loss = F.cross_entropy(u @ E[K].t(), answer, reduction="sum")
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 40)
        sgd.step()

    return {"memn2n train step (%dx50x10, d=50, 3 hops)" % B: step}
