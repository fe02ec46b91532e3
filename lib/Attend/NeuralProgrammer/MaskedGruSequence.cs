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
/// dW_hh = Σ_t dgh_tᵀ h_{t−1} as one [3H, B·Q] × [B·Q, H] product at the end, as cuDNN's RNN does. Everything is
/// built from tensor ops, so it runs on any device. The composed form (GRUCell.Step per word) is what the tests
/// compare it with, values and gradients, besides a finite-difference check.
/// </remarks>
internal static class MaskedGruSequence
{
    /// <summary>
    /// States [B, Q, H] for input gates [B, Q, 3H], mask [B, Q] (1 = real word; no gradient), W_hh [3H, H] and
    /// b_hh [3H] (or null).
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

        // What the backward needs per step: the state before it, the gates' two shares (gi_t and gh_t = h·W_hhᵀ + b_hh)
        // and the mask. The gate arithmetic is the backend's fused GRU kernel (GRUCell.Step's): one pass over [B, H]
        // forward and one backward per word, where the composed form made about 12 and 20 small ops, each with its own
        // allocation. The backward recomputes r, z and n from gi_t and gh_t instead of keeping them.
        var backend = inputGates.Backend;
        var before = new Tensor[q];
        Tensor[] gi;
        var gh = new Tensor[q];
        var keep = new Tensor[q];
        var states = new Tensor[q];
        using (torch.no_grad())
        {
            gi = inputGates.unbind(1);
            var h = torch.zeros([b, hidden], inputGates.device);
            for (var t = 0; t < q; t++)
            {
                before[t] = h;
                keep[t] = mask.select(1, t).unsqueeze(1);
                gh[t] = torch.nn.functional.linear(h, weightHh, biasHh);
                var next = h.NewLike([b, hidden], zero: false);
                backend.GruGates(gi[t].storage, gh[t].storage, h.storage, b, hidden, next.storage);
                h = h.add(next.sub(h).mul(keep[t])); // a padding word (mask 0) leaves the state as it was
                states[t] = h;
            }
        }

        var result = torch.stack(states, 1);
        Tensor[] inputs = biasHh is null ? [inputGates, mask, weightHh] : [inputGates, mask, weightHh, biasHh];
        return Tensor.Record(result, "masked_gru_sequence", inputs, g =>
        {
            var gStates = g.unbind(1);
            var dGi = new Tensor[q];
            var dGh = new Tensor[q];
            Tensor? dh = null;
            for (var t = q - 1; t >= 0; t--)
            {
                dh = dh is null ? gStates[t] : dh.add(gStates[t]);
                var dNext = dh.mul(keep[t]);
                // Through h_t = h_{t−1} + m (next − h_{t−1}): h_{t−1} gets (1 − m)·dh directly, the rest through the cell.
                dGi[t] = gi[t].NewLike([b, 3 * hidden], zero: false);
                dGh[t] = gh[t].NewLike([b, 3 * hidden], zero: false);
                var dCell = dh.NewLike([b, hidden], zero: false);
                backend.GruGatesBackward(gi[t].storage, gh[t].storage, before[t].storage, dNext.storage, b, hidden,
                    dGi[t].storage, dGh[t].storage, dCell.storage);
                dh = dh.sub(dNext).add(dCell).add(dGh[t].matmul(weightHh)); // [B, 3H] × [3H, H]
            }

            var gh2 = torch.stack(dGh, 1).view(b * q, 3 * hidden); // [B·Q, 3H]
            var h2 = torch.stack(before, 1).view(b * q, hidden);   // [B·Q, H]
            var gWeight = gh2.t().matmul(h2);                       // one [3H, B·Q] × [B·Q, H] product
            var gInput = torch.stack(dGi, 1);
            return biasHh is null ? [gInput, null, gWeight] : [gInput, null, gWeight, gh2.sum(0)];
        });
    }
}
