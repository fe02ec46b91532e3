using Attend.Backends;
using Attend.Modules;

namespace Attend.NeuralProgrammer;

/// <summary>
/// The question GRU's recurrence over a padded batch as one recorded autograd op (Chapter 9, §9.3 and "Making it
/// fast"): given the inputs' share of the gates for every word, gi = x·W_ihᵀ + b_ih [B, Q, 3H], it runs
/// <code>
/// next_t = GRU(gi_t, h_{t−1}·W_hhᵀ + b_hh, h_{t−1})      (see <see cref="GRUCell"/>)
/// h_t    = h_{t−1} + mask_t (next_t − h_{t−1})           (a padding word leaves the state as it was)
/// </code>
/// from h_0 = 0 and returns every state [B, Q, H].
/// </summary>
/// <remarks>
/// Recorded step by step, the backward computes W_hh's gradient as Q separate [3H, B] × [B, H] products with an inner
/// dimension of only B (packing costs dominate such small GEMMs) and allocates a [3H, H] gradient for each of them
/// before summing. Here the backward keeps each step's gate gradient dgh_t [B, 3H] and forms
/// dW_hh = Σ_t dgh_tᵀ h_{t−1} as one [3H, B·Q] × [B·Q, H] product at the end, as cuDNN's RNN does.
/// <para>
/// Padding words are skipped, as PyTorch's packed sequences skip them: the rows are put in order of decreasing
/// question length, so that at word t the questions still running are a prefix of n_t rows, and the recurrent
/// product, the gate kernel and their backward run on those n_t rows only (at least two: a one-row product takes the
/// matrix-vector path, which adds in another order). A padding word's state is the previous one, so the values are
/// those of the masked form above; with the managed GEMM, whose rows do not depend on how many rows a product has,
/// they are the same bit for bit (tested). The rows are put back in the caller's order at the end, and W_hh's gradient
/// is formed over all B·Q positions in that order (the padding rows' gate gradients are 0), so it too is the masked
/// form's sum.
/// </para>
/// The composed form (GRUCell.Step per word) is what the tests compare it with, values and gradients, besides a
/// finite-difference check.
/// </remarks>
internal static class MaskedGruSequence
{
    /// <summary>
    /// States [B, Q, H] for input gates [B, Q, 3H], a right-padded mask [B, Q] (1 for each question's words, then 0 for
    /// its padding; no gradient), W_hh [3H, H] and b_hh [3H] (or null).
    /// </summary>
    public static Tensor Run(Tensor inputGates, Tensor mask, Tensor weightHh, Tensor? biasHh)
    {
        ArgumentNullException.ThrowIfNull(inputGates);
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentNullException.ThrowIfNull(weightHh);
        var hidden = weightHh.ndim == 2 ? weightHh.size(1) : -1;
        if (hidden <= 0 || weightHh.size(0) != 3 * hidden || inputGates.ndim != 3 || inputGates.size(2) != 3 * hidden)
        {
            throw new ArgumentException(
                $"MaskedGruSequence: expected input gates [B, Q, 3H] and W_hh [3H, H], got {Tensor.Format(inputGates.shape)} and " +
                $"{Tensor.Format(weightHh.shape)}.", nameof(inputGates));
        }

        int b = inputGates.size(0), q = inputGates.size(1);
        if (mask.ndim != 2 || mask.size(0) != b || mask.size(1) != q)
        {
            throw new ArgumentException($"MaskedGruSequence: expected mask [B, Q] = [{b}, {q}], got {Tensor.Format(mask.shape)}.", nameof(mask));
        }

        if (biasHh is not null && (biasHh.ndim != 1 || biasHh.size(0) != 3 * hidden))
        {
            throw new ArgumentException($"MaskedGruSequence: expected b_hh [{3 * hidden}], got {Tensor.Format(biasHh.shape)}.", nameof(biasHh));
        }

        var (order, running) = Pack(mask.ToArray(), b, q);
        var sorted = !order.Select((row, i) => row == i).All(same => same);
        int[] restore = new int[b];
        for (var i = 0; i < b; i++)
        {
            restore[order[i]] = i;
        }

        // What the backward needs per step: the state before it (all B rows: a finished question's row holds its last
        // state), the gates' two shares (gi_t, and gh_t = h·W_hhᵀ + b_hh for the rows the product ran on) and how many
        // questions were still running. The gate arithmetic is the backend's fused GRU kernel (GRUCell.Step's): one pass
        // forward and one backward per word. The backward recomputes r, z and n from gi_t and gh_t instead of keeping them.
        var backend = inputGates.Backend;
        var h3 = 3 * hidden;
        var before = new Tensor[q];
        Tensor[] gi;
        var gh = new Tensor?[q];
        var states = new Tensor[q];
        using (torch.no_grad())
        {
            gi = (sorted ? inputGates.TakeAlong(0, order, "masked_gru_sequence") : inputGates).unbind(1);
            var h = torch.zeros([b, hidden], inputGates.device);
            for (var t = 0; t < q; t++)
            {
                before[t] = h;
                int n = running[t], m = ProductRows(n, b);
                if (n > 0)
                {
                    var ght = h.NewLike([m, h3], zero: false);
                    backend.Gemm(false, true, 1, m, h3, hidden, 1f, h.storage, 0, weightHh.storage, 0, 0f, ght.storage, 0);
                    if (biasHh is not null)
                    {
                        // As linear's broadcast add of the bias, in place.
                        backend.Binary(BinaryOp.Add, ght.storage, [h3, 1], biasHh.storage, [0, 1], ght.storage, [m, h3]);
                    }

                    gh[t] = ght;
                    var next = h.NewLike([m, hidden], zero: false);
                    backend.GruGates(gi[t].storage, ght.storage, h.storage, m, hidden, next.storage);
                    // h + (next − h), written as the masked form writes it (with mask 1), so that the sums round alike.
                    var updated = h.NewLike([n, hidden], zero: false);
                    backend.Binary(BinaryOp.Sub, next.storage, [hidden, 1], h.storage, [hidden, 1], updated.storage, [n, hidden]);
                    backend.Binary(BinaryOp.Add, h.storage, [hidden, 1], updated.storage, [hidden, 1], updated.storage, [n, hidden]);
                    h = WithRows(updated, h, n, b, hidden);
                }

                states[t] = h;
            }
        }

        var result = torch.stack(states, 1);
        if (sorted)
        {
            result = result.TakeAlong(0, restore, "masked_gru_sequence");
        }

        Tensor[] inputs = biasHh is null ? [inputGates, mask, weightHh] : [inputGates, mask, weightHh, biasHh];
        return Tensor.Record(result, "masked_gru_sequence", inputs, g =>
        {
            var gStates = (sorted ? g.TakeAlong(0, order, "masked_gru_sequence") : g).unbind(1);
            var dGi = new Tensor[q];
            var dGh = new Tensor[q];
            Tensor? dh = null;
            for (var t = q - 1; t >= 0; t--)
            {
                // Every row takes its state's gradient; a finished question's row passes it on unchanged to its last word.
                dh = dh is null ? gStates[t] : dh.add(gStates[t]);
                int n = running[t], m = ProductRows(n, b);
                // The rows past n (padding words) get a zero gradient.
                dGi[t] = dh.NewLike([b, h3], zero: n < b);
                dGh[t] = dh.NewLike([b, h3], zero: n < b);
                if (n == 0)
                {
                    continue;
                }

                var dCell = dh.NewLike([n, hidden], zero: false);
                backend.GruGatesBackward(gi[t].storage, gh[t]!.storage, before[t].storage, dh.storage, n, hidden,
                    dGi[t].storage, dGh[t].storage, dCell.storage);
                // The running rows: dh_{t−1} = dCell + dgh_t·W_hh ([n, 3H] × [3H, H]). The masked form's
                // ((dh − m·dh) + dCell) + dgh_t·W_hh is the same sum, as dh − dh is 0.
                var through = dh.NewLike([m, hidden], zero: false);
                backend.Gemm(false, false, 1, m, hidden, h3, 1f, dGh[t].storage, 0, weightHh.storage, 0, 0f, through.storage, 0);
                backend.Binary(BinaryOp.Add, dCell.storage, [hidden, 1], through.storage, [hidden, 1], dCell.storage, [n, hidden]);
                dh = WithRows(dCell, dh, n, b, hidden);
            }

            var gh3 = torch.stack(dGh, 1); // [B, Q, 3H]
            var h3d = torch.stack(before, 1);
            var gInput = torch.stack(dGi, 1);
            if (sorted)
            {
                gh3 = gh3.TakeAlong(0, restore, "masked_gru_sequence");
                h3d = h3d.TakeAlong(0, restore, "masked_gru_sequence");
                gInput = gInput.TakeAlong(0, restore, "masked_gru_sequence");
            }

            // W_hh's gradient over all B·Q positions in the caller's order, as the masked form sums it.
            var gh2 = gh3.view(b * q, h3);            // [B·Q, 3H]
            var h2 = h3d.view(b * q, hidden);         // [B·Q, H]
            // One [3H, B·Q] × [B·Q, H] product, reading gh2 transposed as it lies (gh2.t() would copy it first).
            var gWeight = Tensor.BatchedGemm(gh2.unsqueeze(0), true, h2.unsqueeze(0), false, "masked_gru_sequence").squeeze(0);
            return biasHh is null ? [gInput, null, gWeight] : [gInput, null, gWeight, gh2.sum(0)];
        });
    }

    /// <summary>
    /// The row order by decreasing length (stable: equal lengths keep the caller's order) and, per word t, how many
    /// questions have a word there. Throws unless every row of the mask is 1s followed by 0s.
    /// </summary>
    private static (int[] Order, int[] Running) Pack(float[] mask, int b, int q)
    {
        var lengths = new int[b];
        for (var i = 0; i < b; i++)
        {
            var length = 0;
            while (length < q && mask[(i * q) + length] == 1f)
            {
                length++;
            }

            for (var t = length; t < q; t++)
            {
                if (mask[(i * q) + t] != 0f)
                {
                    throw new ArgumentException(
                        $"MaskedGruSequence: the mask must be right-padded (1 for each question's words, then 0), but row {i} has " +
                        $"{mask[(i * q) + t]} at position {t} after its first {length} word(s).", nameof(mask));
                }
            }

            lengths[i] = length;
        }

        var order = Enumerable.Range(0, b).OrderByDescending(i => lengths[i]).ToArray(); // OrderBy is stable
        var running = new int[q];
        for (var t = 0; t < q; t++)
        {
            running[t] = lengths.Count(length => length > t);
        }

        return (order, running);
    }

    /// <summary>
    /// Rows the recurrent products run on for n running questions: n, but at least two when the batch has two, because
    /// a one-row product takes the GEMM's matrix-vector path, which sums in another order than the row it would be in
    /// a larger product (the extra row's result is not used).
    /// </summary>
    private static int ProductRows(int n, int b) => n == 0 ? 0 : Math.Max(n, Math.Min(2, b));

    /// <summary>[B, H]: the first n rows from <paramref name="head"/> ([n, H]), the rest from <paramref name="rest"/> ([B, H]).</summary>
    private static Tensor WithRows(Tensor head, Tensor rest, int n, int b, int hidden)
    {
        if (n == b)
        {
            return head;
        }

        var backend = head.Backend;
        var result = head.NewLike([b, hidden], zero: false);
        backend.CopyBlock(head.storage, 0, hidden, result.storage, 0, hidden, n, hidden);
        backend.CopyBlock(rest.storage, n * hidden, hidden, result.storage, n * hidden, hidden, b - n, hidden);
        return result;
    }
}
