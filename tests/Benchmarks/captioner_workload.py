"""Chapter 4's Show, Attend and Tell training step in PyTorch, mirroring tests/Benchmarks/Workloads/CaptionerWorkload.cs
(Attend.Vision.SoftAttentionCaptioner + CaptionLoss.Compute): batch 32 of 3x32x32 pictures through three blocks of
[Conv2d 3x3 pad 1 -> ReLU -> MaxPool2d(2)] (8, 32, 32 channels) with each location's (row, column) in (-1, 1) appended
(a 4x4 grid of 34 features); h0, c0 = tanh(Linear(mean feature)); per token: additive attention
w . tanh(W_a a_i + W_h h), softmax over the 16 locations, context, gate beta = sigmoid(f_beta(h)), LSTMCell([e; beta
context]), deep output e + L_h h + L_z z -> Linear(64 -> 24); teacher forced over 14 tokens; loss = summed
cross-entropy per caption (padding ignored) + the doubly stochastic penalty sum_i (1 - sum_t alpha_ti)^2 (lambda 1);
Adam(lr 0.005). Written the way a PyTorch user writes it: an LSTMCell loop, one Python step per token."""

V, E, H, A, T, L = 24, 64, 128, 32, 14, 16


def captioner_workloads(torch, device="cpu", batches=(32,)):
    import torch.nn as nn
    import torch.nn.functional as F

    class Captioner(nn.Module):
        def __init__(self):
            super().__init__()
            blocks, previous = [], 3
            for c in (8, 32, 32):
                blocks += [nn.Conv2d(previous, c, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2)]
                previous = c
            self.cnn = nn.Sequential(*blocks)
            d = previous + 2
            self.embedding = nn.Embedding(V, E)
            self.init_h, self.init_c = nn.Linear(d, H), nn.Linear(d, H)
            self.key, self.query = nn.Linear(d, A), nn.Linear(H, A, bias=False)
            self.score = nn.Linear(A, 1, bias=False)
            self.f_beta = nn.Linear(H, 1)
            self.lstm = nn.LSTMCell(E + d, H)
            self.out_h, self.out_z, self.output = nn.Linear(H, E), nn.Linear(d, E), nn.Linear(E, V)

        def encode(self, images):
            m = self.cnn(images)
            b, _, h, w = m.shape
            rows = ((2 * torch.arange(h, device=m.device) + 1) / h - 1).view(1, 1, h, 1).expand(b, 1, h, w)
            cols = ((2 * torch.arange(w, device=m.device) + 1) / w - 1).view(1, 1, 1, w).expand(b, 1, h, w)
            return torch.cat([m, rows, cols], 1).flatten(2).transpose(1, 2)

        def forward(self, images, tokens):
            features = self.encode(images)
            mean = features.mean(1)
            keys = self.key(features)
            h, c = torch.tanh(self.init_h(mean)), torch.tanh(self.init_c(mean))
            logits, alphas, betas = [], [], []
            for word in self.embedding(tokens).unbind(1):
                e = self.score(torch.tanh(keys + self.query(h).unsqueeze(1))).squeeze(-1)
                alpha = torch.softmax(e, 1)
                context = torch.bmm(alpha.unsqueeze(1), features).squeeze(1)
                beta = torch.sigmoid(self.f_beta(h))
                z = context * beta
                h, c = self.lstm(torch.cat([word, z], 1), (h, c))
                logits.append(self.output(word + self.out_h(h) + self.out_z(z)))
                alphas.append(alpha)
                betas.append(beta)
            return torch.stack(logits, 1), torch.stack(alphas, 1), torch.cat(betas, 1)

    work = {}
    for batch in batches:
        g = torch.Generator().manual_seed(0)
        images = torch.rand(batch, 3, 32, 32, generator=g).to(device)
        tokens = torch.zeros(batch, T + 1, dtype=torch.long)
        words = torch.randint(4, T, (batch,), generator=g)
        for b in range(batch):
            tokens[b, 0] = 1
            tokens[b, 1:words[b] + 1] = torch.randint(3, V, (int(words[b]),), generator=g)
            tokens[b, words[b] + 1] = 2
        tokens = tokens.to(device)
        inputs, targets = tokens[:, :T], tokens[:, 1:]
        torch.manual_seed(0)
        model = Captioner().to(device)
        adam = torch.optim.Adam(model.parameters(), lr=0.005)

        def step(model=model, adam=adam, images=images, inputs=inputs, targets=targets, batch=batch):
            logits, alphas, _ = model(images, inputs)
            mask = targets.ne(0)
            per_word = F.cross_entropy(logits.reshape(-1, V), targets.reshape(-1), ignore_index=0, reduction="none")
            words = mask.sum().item()
            cross_entropy = per_word.sum() / max(words, 1)  # noqa: F841 (computed by the C# side too)
            nll = per_word.sum() / batch
            penalty = (1 - (alphas * mask.unsqueeze(2)).sum(1)).square().sum(1).mean()
            total = nll + penalty
            adam.zero_grad(set_to_none=True)
            total.backward()
            adam.step()

        work["show-attend-tell train step (%dx3x32x32, T=14, V=%d)" % (batch, V)] = step
    return work
