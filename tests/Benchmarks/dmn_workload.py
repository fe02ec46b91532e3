"""Chapter 7's DMN+ training step in PyTorch, mirroring tests/Benchmarks/Workloads/DmnWorkload.cs.

Batch 128, 20 facts of 4-8 words, questions of 3-6 words, vocabulary 40, d = 80, 3 passes, dropout 0.1 on the
facts and the final memory. Written the way a PyTorch user writes DMN+ (as the re-implementations do): positional
encoding as E[ids] * l summed over words, the input fusion layer as nn.GRU(bidirectional=True) with the two
directions summed, the question as nn.GRU (packed by length), the attention gate as Linear-tanh-Linear over
z = [f*q; f*m; |f-q|; |f-m|] with a softmax over facts, the attention GRU as a Python loop over facts, untied
ReLU memory updates, a linear answer over [m; q]; mean cross-entropy, backward, Adam(lr 1e-3, weight_decay 1e-3).
"""

B, M, L, Q, V, D, T = 128, 20, 8, 6, 40, 80, 3


def dmn_workloads(torch):
    import torch.nn as nn
    import torch.nn.functional as F

    g = torch.Generator().manual_seed(0)
    lengths = torch.randint(4, L + 1, (B, M), generator=g)
    positions = torch.arange(1, L + 1)
    mem = torch.randint(2, V, (B, M, L), generator=g) * (positions <= lengths[..., None])
    qlen = torch.randint(3, Q + 1, (B,), generator=g)
    q_ids = torch.randint(2, V, (B, Q), generator=g) * (torch.arange(1, Q + 1) <= qlen[:, None])
    answer = torch.randint(2, V, (B,), generator=g)
    k_over_d = torch.arange(1, D + 1, dtype=torch.float32) / D

    class Dmn(nn.Module):
        def __init__(self):
            super().__init__()
            self.embedding = nn.Embedding(V, D)
            self.fusion = nn.GRU(D, D, batch_first=True, bidirectional=True)
            self.question = nn.GRU(D, D, batch_first=True)
            self.gate1 = nn.Linear(4 * D, D)
            self.gate2 = nn.Linear(D, 1)
            self.attn_ih = nn.Linear(D, 2 * D)
            self.attn_hh = nn.Linear(D, 2 * D)
            self.updates = nn.ModuleList([nn.Linear(3 * D, D) for _ in range(T)])
            self.answer = nn.Linear(2 * D, V)

        def forward(self):
            J = lengths[..., None].float()
            j = positions.float()
            a = (1 - j / J) * (j <= J)
            b = (2 * j / J - 1) * (j <= J)
            l = a[..., None] + k_over_d * b[..., None]                      # [B, M, L, D]
            f = (self.embedding(mem) * l).sum(2)                              # [B, M, D]
            out, _ = self.fusion(f)
            facts = F.dropout(out[..., :D] + out[..., D:], 0.1, self.training)
            packed = nn.utils.rnn.pack_padded_sequence(self.embedding(q_ids), qlen, batch_first=True, enforce_sorted=False)
            _, hq = self.question(packed)
            q = hq[0]
            m = q
            gi_all = self.attn_ih(facts)                                      # [B, M, 2D]
            for t in range(T):
                qe, me = q[:, None, :].expand_as(facts), m[:, None, :].expand_as(facts)
                z = torch.cat([facts * qe, facts * me, (facts - qe).abs(), (facts - me).abs()], 2)
                gates = torch.softmax(self.gate2(torch.tanh(self.gate1(z))).squeeze(2), 1)
                h = torch.zeros(B, D)
                for i in range(M):
                    ir, ih = gi_all[:, i].chunk(2, 1)
                    hr, hh = self.attn_hh(h).chunk(2, 1)
                    r = torch.sigmoid(ir + hr)
                    cand = torch.tanh(ih + r * hh)
                    gate = gates[:, i, None]
                    h = gate * cand + (1 - gate) * h
                m = torch.relu(self.updates[t](torch.cat([m, h, q], 1)))
            return self.answer(torch.cat([F.dropout(m, 0.1, self.training), q], 1))

    torch.manual_seed(1)
    model = Dmn()
    for p in model.parameters():
        if p.dim() == 2:
            nn.init.xavier_uniform_(p)
    adam = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=1e-3)

    def step():
        adam.zero_grad(set_to_none=True)
        F.cross_entropy(model(), answer).backward()
        adam.step()

    return {"dmn+ train step (128x20x8, d=80, 3 passes)": step}
