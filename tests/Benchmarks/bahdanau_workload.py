"""Chapter 3's Bahdanau translation training step in PyTorch, mirroring tests/Benchmarks/Workloads/BahdanauWorkload.cs
(Attend.Seq2Seq.EncoderDecoder.Bahdanau): vocabularies of 3000, embeddings and hidden 128, a bidirectional GRU encoder
over 12 source tokens (lengths 6-12, padding masked: a padded step keeps the state, padded annotations are zero), a
bridge tanh(Linear(2H -> H)) from the final states, and a decoder whose step is additive attention
(v . tanh(W s + U h_j), masked softmax) -> GRUCell([e; c], s) -> Linear([s; c; e] -> V), teacher forced over 12 target
tokens; cross-entropy ignoring padding (id 0), clip_grad_norm_(1.0), Adam(lr 2e-3). Written the way a PyTorch user
writes it: GRUCell loops, one Python step per token."""

V, E, H, S, T = 3000, 128, 128, 12, 12


def bahdanau_workloads(torch, device="cpu", batches=(64,)):
    import torch.nn as nn
    import torch.nn.functional as F

    class Model(nn.Module):
        def __init__(self):
            super().__init__()
            self.src_emb = nn.Embedding(V, E, padding_idx=0)
            self.fwd = nn.GRUCell(E, H)
            self.bwd = nn.GRUCell(E, H)
            self.tgt_emb = nn.Embedding(V, E, padding_idx=0)
            self.bridge = nn.Linear(2 * H, H)
            self.W = nn.Linear(H, H, bias=False)
            self.U = nn.Linear(2 * H, H, bias=False)
            self.v = nn.Parameter(torch.zeros(H))
            self.cell = nn.GRUCell(E + 2 * H, H)
            self.out = nn.Linear(H + 2 * H + E, V)

        def encode(self, src, mask):
            x = self.src_emb(src)
            keep = mask.unsqueeze(2) > 0
            batch = src.shape[0]
            outs = []
            for cell, order in ((self.fwd, range(S)), (self.bwd, reversed(range(S)))):
                h = torch.zeros(batch, H, device=src.device)
                states = [None] * S
                for t in order:
                    h = torch.where(keep[:, t], cell(x[:, t], h), h)
                    states[t] = h
                outs.append((torch.stack(states, 1), h))
            memory = torch.cat([outs[0][0], outs[1][0]], 2) * keep
            return memory, torch.cat([outs[0][1], outs[1][1]], 1)

        def forward(self, src, mask, tgt_in):
            memory, summary = self.encode(src, mask)
            s = torch.tanh(self.bridge(summary))
            logits = []
            for t in range(tgt_in.shape[1]):
                e = self.tgt_emb(tgt_in[:, t])
                scores = torch.tanh(self.W(s).unsqueeze(1) + self.U(memory)) @ self.v
                weights = torch.softmax(scores.masked_fill(mask == 0, float("-inf")), 1)
                context = torch.bmm(weights.unsqueeze(1), memory).squeeze(1)
                s = self.cell(torch.cat([e, context], 1), s)
                logits.append(self.out(torch.cat([s, context, e], 1)))
            return torch.stack(logits, 1)

    work = {}
    for batch in batches:
        g = torch.Generator().manual_seed(0)
        slen = torch.randint(6, S + 1, (batch,), generator=g)
        tlen = torch.randint(6, T + 1, (batch,), generator=g)
        pos = torch.arange(S)
        src = (torch.randint(4, V, (batch, S), generator=g) * (pos < slen[:, None])).to(device)
        mask = (pos < slen[:, None]).float().to(device)
        tgt_out = torch.randint(4, V, (batch, T), generator=g) * (pos < tlen[:, None])
        tgt_in = torch.cat([torch.ones(batch, 1, dtype=torch.long), tgt_out[:, :-1]], 1).to(device)
        tgt_out = tgt_out.to(device)
        torch.manual_seed(0)
        model = Model().to(device)
        adam = torch.optim.Adam(model.parameters(), lr=2e-3)

        def step(model=model, adam=adam, src=src, mask=mask, tgt_in=tgt_in, tgt_out=tgt_out):
            logits = model(src, mask, tgt_in)
            loss = F.cross_entropy(logits.reshape(-1, V), tgt_out.reshape(-1), ignore_index=0)
            adam.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            adam.step()

        work["bahdanau train step (%dx12->12, V=3000, d=128)" % batch] = step
    return work
