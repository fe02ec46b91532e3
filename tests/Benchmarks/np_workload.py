"""Chapter 9's neural programmer training step in PyTorch, mirroring tests/Benchmarks/Workloads/NeuralProgrammerWorkload.cs.

Batch 20, d = 256, T = 4 steps, 13 operations, tables of up to 10 rows x 4 columns, questions padded to the batch's
longest, up to 2 numbers per question; the same shapes as the C# batch (generated tables there, random values of
the same shapes here: nothing in the step depends on the values' content). Op for op as Attend.NeuralProgrammer:
a GRU question encoder over the padded words (nn.GRU on a packed sequence: the input projection of all words in
one GEMM before the loop, as Attend's MaskedGruSequence); column vectors as the mean embedding of the column's
name words; the pivot attention (state before each number . keys) with a softmax over the numbers; greater/lesser
against every number, mixed by that attention; per step: history RNNCell(2d, d), attention over the question states
with the history as the query, z = [q; context; h], operation selection softmax(keys . tanh(W z)), column selection
the same from [z; a_op . U] (the column scores plus w * name match + w' * the name match at the words the column
query attends to,
padding masked), count/sum/average,
greater/lesser/and/or/max/min/first/last/reset, print, the answer steps keeping rs_{t-1}; then Huber (delta 1) on the error relative to the larger of answer and target, lambda 5 times
the lookup cross-entropy, plus the answer-kind cross-entropy of printing at the last step (ProgrammerTraining.Train's loss), backward,
clip_grad_norm_(1.0), Adam(lr 1e-3, eps 1e-6).
"""

B, M, C, L, D, T, OPS = 20, 10, 4, 1, 256, 4, 13
COUNT, SUM, AVERAGE, GREATER, LESSER, AND, OR, MAX, MIN, FIRST, LAST, RESET, PRINT = range(OPS)


def np_workloads(torch, Q=18, K=2, V=56):
    import torch.nn as nn

    g = torch.Generator().manual_seed(0)
    rows = torch.randint(5, M + 1, (B,), generator=g)
    row_mask = (torch.arange(M)[None, :] < rows[:, None]).float()                  # [B, M]
    table = torch.randint(0, 100, (B, M, C), generator=g).float() * row_mask[..., None]
    cells = row_mask[..., None].expand(B, M, C).contiguous()
    column_mask = torch.ones(B, C)
    qlen = torch.randint(6, Q + 1, (B,), generator=g)
    qlen[0] = Q
    word_mask = (torch.arange(Q)[None, :] < qlen[:, None]).float()
    words = torch.randint(1, V, (B, Q), generator=g) * word_mask.long()
    column_words = torch.randint(1, V, (B, C, L), generator=g)
    column_word_mask = torch.ones(B, C, L)
    column_match = (torch.rand(B, C, generator=g) < 0.5).float()
    word_column_match = (torch.rand(B, Q, C, generator=g) < 0.1).float() * word_mask[..., None]
    numbers = torch.randint(1, 99, (B, K), generator=g).float()
    positions = torch.stack([qlen - 4, qlen - 1], 1).float()[:, :K]
    number_mask = torch.ones(B, K)
    is_lookup = (torch.rand(B, generator=g) < 0.4).float()
    scalar_target = torch.randint(0, 500, (B,), generator=g).float() * (1 - is_lookup)
    lookup_target = (torch.rand(B, M, C, generator=g) < 0.1).float() * row_mask[..., None] * is_lookup[:, None, None]

    class Selection(nn.Module):
        def __init__(self, inp):
            super().__init__()
            self.project = nn.Linear(inp, D)

        def forward(self, z, keys, mask=None, bias=None):
            return self.select(torch.tanh(self.project(z)), keys, mask, bias)

        def select(self, query, keys, mask=None, bias=None):
            scores = query @ keys.t() if keys.dim() == 2 else torch.bmm(keys, query.unsqueeze(2)).squeeze(2)
            if bias is not None:
                scores = scores + bias
            if mask is not None:
                scores = scores.masked_fill(mask == 0, -1e9)
            return torch.softmax(scores, 1)

    class Programmer(nn.Module):
        def __init__(self):
            super().__init__()
            self.embedding = nn.Embedding(V, D)
            self.rnn = nn.GRU(D, D, batch_first=True)
            self.history = nn.RNNCell(2 * D, D)
            self.select_op = Selection(3 * D)
            self.select_col = Selection(4 * D)
            self.pivot_keys = nn.Parameter(torch.zeros(2, D))
            self.op_keys = nn.Parameter(torch.zeros(OPS, D))
            self.match = nn.Parameter(torch.zeros(1))
            self.attended_match = nn.Parameter(torch.zeros(1))
            for p in self.parameters():
                nn.init.uniform_(p, -0.1, 0.1)

        def forward(self):
            # The question GRU as a PyTorch user writes it over padded questions: nn.GRU on a packed sequence (its C++
            # loop projects every word's input in one GEMM first, as ours does). Padding positions come back as 0
            # instead of the held state; the attention masks them out, so the step computes the same thing.
            vectors = self.embedding(words)
            packed = nn.utils.rnn.pack_padded_sequence(vectors, qlen, batch_first=True, enforce_sorted=False)
            out, h_n = self.rnn(packed)
            states, _ = nn.utils.rnn.pad_packed_sequence(out, batch_first=True, total_length=Q)  # [B, Q, D]
            q = h_n[0]
            columns = (self.embedding(column_words) * column_word_mask[..., None]).sum(2) / column_word_mask.sum(2, keepdim=True).clamp(min=1)
            before = (positions - 1).clamp(min=0)[..., None] == torch.arange(Q).view(1, 1, Q)
            z = torch.bmm(before.float(), states)                                       # [B, K, D]
            beta = (z @ self.pivot_keys.t()).transpose(1, 2).masked_fill(number_mask[:, None, :] == 0, -1e9).softmax(2)
            cell = table[..., None]
            pivot = numbers.view(B, 1, 1, K)
            greater = ((cell > pivot).float() * beta[:, 0].view(B, 1, 1, K)).sum(3) * cells
            lesser = ((cell < pivot).float() * beta[:, 1].view(B, 1, 1, K)).sum(3) * cells
            # max/min: beats[b, i, k, j] = row k beats row i in column j
            other, selfv = table.unsqueeze(1), table.unsqueeze(2)
            beats_max = (other > selfv).float() * cells.unsqueeze(1)
            beats_min = (other < selfv).float() * cells.unsqueeze(1)
            before_first = torch.triu(torch.ones(M, M), 1)                              # [k, i] = k < i
            before_last = torch.tril(torch.ones(M, M), -1)                              # [k, i] = k > i

            def extreme(beats, rs):
                factor = (1 - beats * rs[:, None, :, None]).clamp(min=1e-6)
                return factor.log().sum(2).exp() * rs[..., None] * cells

            def ordered(mask, rs):
                return ((1 - rs).clamp(min=1e-6).log() @ mask).exp() * rs

            h = torch.zeros(B, D)
            choice = torch.zeros(B, 2 * D)
            rs1 = rs2 = row_mask
            word_pad = word_mask == 0
            scalar = lookup = None
            for t in range(T):
                h = self.history(choice, h)
                weights = torch.bmm(states, h.unsqueeze(2)).squeeze(2).masked_fill(word_pad, -1e9).softmax(1)
                context = torch.bmm(weights.unsqueeze(1), states).squeeze(1)
                zt = torch.cat([q, context, h], 1)
                a_op = self.select_op(zt, self.op_keys)
                # the column choice attends over the question with its own query (column_attention)
                col_query = torch.tanh(self.select_col.project(torch.cat([zt, a_op @ self.op_keys], 1)))
                col_words = torch.bmm(states, col_query.unsqueeze(2)).squeeze(2).masked_fill(word_pad, -1e9).softmax(1)
                bias = column_match * self.match + torch.bmm(col_words.unsqueeze(1), word_column_match).squeeze(1) * self.attended_match
                a_col = self.select_col.select(col_query, columns, column_mask, bias)
                op = lambda o: a_op[:, o:o + 1]
                by_column = lambda per: (per * a_col.unsqueeze(1)).sum(2)
                pick = lambda per: (per * a_col).sum(1, keepdim=True)
                sums = (table * cells * rs1[..., None]).sum(1)
                counted = (cells * rs1[..., None]).sum(1).clamp(min=1e-3)
                scalar = (op(COUNT) * rs1.sum(1, keepdim=True) + op(SUM) * pick(sums) + op(AVERAGE) * pick(sums / counted)).squeeze(1)
                lookup = rs1.unsqueeze(2) * a_col.unsqueeze(1) * op(PRINT).unsqueeze(2)
                rs = (op(GREATER) * by_column(greater) + op(LESSER) * by_column(lesser)
                      + op(AND) * torch.minimum(rs1, rs2) + op(OR) * torch.maximum(rs1, rs2)
                      + op(MAX) * by_column(extreme(beats_max, rs1)) + op(MIN) * by_column(extreme(beats_min, rs1))
                      + op(FIRST) * ordered(before_first, rs1) + op(LAST) * ordered(before_last, rs1)
                      + op(RESET) * row_mask
                      + (op(COUNT) + op(SUM) + op(AVERAGE) + op(PRINT)) * rs1)
                choice = torch.cat([a_op @ self.op_keys, torch.bmm(a_col.unsqueeze(1), columns).squeeze(1)], 1)
                rs2, rs1 = rs1, rs
            return scalar, lookup, a_op[:, PRINT]

    torch.manual_seed(1)
    model = Programmer()
    params = list(model.parameters())
    adam = torch.optim.Adam(params, lr=1e-3, eps=1e-6)
    real = row_mask[..., None] * column_mask[:, None, :]

    def step():
        scalar, lookup, printing = model()
        # relative to the larger of answer and target (the answer's size without a gradient), as ProgrammerLoss(symmetric)
        residual = (scalar - scalar_target) / torch.maximum(scalar_target.abs(), scalar.detach().abs()).clamp(min=1)
        size = residual.abs()
        huber = torch.where(size <= 1, 0.5 * residual ** 2, size - 0.5)
        p = lookup.clamp(1e-6, 1 - 1e-6)
        y = lookup_target
        bce = -(y * p.log() + (1 - y) * (1 - p).log()) * real
        lookup_loss = bce.sum((1, 2)) / real.sum((1, 2)).clamp(min=1)
        loss = (huber * (1 - is_lookup) + lookup_loss * is_lookup * 5).mean()
        # the answer-kind term: printing at the last step against whether the answer is cells (weight 1)
        p_print = printing.clamp(1e-6, 1 - 1e-6)
        kind = p_print.log() - (1 - p_print).log()
        loss = loss + torch.nn.functional.binary_cross_entropy_with_logits(kind, is_lookup)
        adam.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        adam.step()

    return {"neural programmer train step (batch 20, d=256, 4 steps)": step}
