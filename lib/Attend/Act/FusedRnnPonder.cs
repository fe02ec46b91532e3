using Attend.Backends;

namespace Attend.Act;

/// <summary>
/// The ponder loop of one input step for a tanh <see cref="Modules.RNNCell"/>, recorded as ONE autograd node
/// (Chapter 8, §8.2 "Making it fast"). The composed loop in <see cref="AdaptiveComputationTime"/> records some forty
/// small ops per ponder step (the cell, the halting unit, the masks, the remainder, the masked mean-field sum), each
/// with a fresh tensor and a node; here a ponder step is four backend calls forward and nine backward, on buffers
/// that are reused, and the backward pass is written out by hand (below). It calls only existing
/// <see cref="IBackend"/> kernels (GEMM, elementwise, reductions, copies), so it runs on every device.
/// <para>
/// Forward, ponder step n = 1, 2, … (gi = x·W_ihᵀ + b_ih without the flag's column f, computed once per input step):
/// sⁿ = tanh(gi + 𝟙(n = 1)·f + sⁿ⁻¹W_hhᵀ + b_hh), zⁿ = sⁿ·w_hᵀ + b_h, hⁿ = σ(zⁿ); the halting rule
/// (<see cref="HaltingDistribution"/>, on the host, where it already runs) turns the hⁿ into the weights pⁿ and
/// R = 1 − Σ_{n&lt;N} hⁿ; the mean-field state is m = Σₙ pⁿsⁿ.
/// </para>
/// <para>
/// Backward, given ∂L/∂m = g and ∂L/∂R = g_R per example: dⁿ = g·sⁿ is ∂L/∂pⁿ. Since p^N = R depends on every hⁿ with
/// n &lt; N, ∂L/∂hⁿ = cⁿ (dⁿ − d^N − g_R) with cⁿ = 1 while the example goes on after step n (0 at and after its last
/// step), and ∂L/∂zⁿ = ∂L/∂hⁿ · hⁿ(1 − hⁿ). Then back through the steps, n = N_max … 1:
/// ∂L/∂sⁿ = pⁿ g + (∂L/∂zⁿ) w_h + (∂L/∂aⁿ⁺¹) W_hh and ∂L/∂aⁿ = ∂L/∂sⁿ ⊙ (1 − (sⁿ)²) for the pre-activation aⁿ;
/// ∂L/∂W_hh = Σₙ (∂L/∂aⁿ)ᵀ sⁿ⁻¹, ∂L/∂gi = Σₙ ∂L/∂aⁿ, ∂L/∂b_hh its column sums, ∂L/∂f the column sums of
/// ∂L/∂a¹, ∂L/∂s⁰ = (∂L/∂a¹) W_hh, ∂L/∂w_h = Σₙ (∂L/∂zⁿ)ᵀ sⁿ, ∂L/∂b_h = Σ ∂L/∂zⁿ. An example that has halted has
/// pⁿ = cⁿ = 0 from then on, so all of its terms vanish, as in the composed loop.
/// </para>
/// The tests check values and gradients against the composed loop and by finite differences
/// (tests/Attend.Tests/ActFusedTests.cs).
/// </summary>
/// <remarks>Chapter 8: adaptive computation time, §8.2 (notebooks/08-adaptive-computation-time.ipynb).</remarks>
internal static class FusedRnnPonder
{
    /// <summary>
    /// Runs the ponder loop: gi [B, H], flag [H], s0 [B, H], weightHh [H, H], biasHh [H], haltingWeight [1, H],
    /// haltingBias [1]. Returns [B, H + 1]: the mean-field state in the first H columns and R in the last (one
    /// node, so one output); <paramref name="rule"/> holds N, R and the weights on the host.
    /// <paramref name="zeroState"/> says that s0 is all zeros (a sequence's first step without a given state): then
    /// the products with s⁰ are skipped, forward and backward, as they would only add zeros.
    /// </summary>
    public static Tensor Run(Tensor gi, Tensor flag, Tensor s0, Tensor weightHh, Tensor biasHh, Tensor haltingWeight,
                             Tensor haltingBias, HaltingDistribution rule, bool zeroState = false)
    {
        int batch = gi.size(0), hidden = gi.size(1);
        var backend = gi.Backend;
        var bh = haltingBias.item();
        int[] matrix = [batch, hidden];
        int[] rowStrides = [hidden, 1];
        int[] perRow = [1, 0]; // a [B] vector broadcast along each row
        int[] alongRows = [0, 1]; // an [H] vector broadcast down the rows

        // base = gi + b_hh, the part of the pre-activation that is the same at every ponder step.
        var baseline = backend.Allocate(batch * hidden, zero: false);
        backend.Binary(BinaryOp.Add, gi.storage, rowStrides, biasHh.storage, alongRows, baseline, matrix);
        var first = backend.Allocate(batch * hidden, zero: false);
        backend.Binary(BinaryOp.Add, baseline, rowStrides, flag.storage, alongRows, first, matrix);

        var states = new List<Storage> { s0.storage };   // s⁰, s¹, …: kept for the backward pass
        var weights = new List<Storage>();                // pⁿ [B] on the device
        var halting = new List<float[]>();                // hⁿ [B] on the host
        var continuing = new List<float[]>();             // cⁿ [B] on the host
        var z = backend.Allocate(batch, zero: false);
        var hostZ = new float[batch];
        var mean = backend.Allocate(batch * hidden);
        var weighted = backend.Allocate(batch * hidden, zero: false);
        while (rule.AnyRunning)
        {
            var n = rule.StepsTaken;
            var s = backend.Allocate(batch * hidden, zero: false);
            backend.CopyBlock(n == 0 ? first : baseline, 0, 0, s, 0, 0, 1, batch * hidden);
            if (n > 0 || !zeroState)
            {
                backend.Gemm(false, true, 1, batch, hidden, hidden, 1f, states[n], 0, weightHh.storage, 0, 1f, s, 0);
            }

            backend.Unary(UnaryOp.Tanh, s, s, batch * hidden);
            backend.Gemm(false, true, 1, batch, 1, hidden, 1f, s, 0, haltingWeight.storage, 0, 0f, z, 0);
            backend.ToHost(z, hostZ);
            var h = new float[batch];
            for (var b = 0; b < batch; b++)
            {
                h[b] = 1f / (1f + MathF.Exp(-(hostZ[b] + bh)));
            }

            var (goOn, _, p) = rule.Step(h);
            var pn = backend.FromHost(p);
            backend.Binary(BinaryOp.Mul, s, rowStrides, pn, perRow, weighted, matrix);
            backend.Binary(BinaryOp.Add, mean, rowStrides, weighted, rowStrides, mean, matrix);
            states.Add(s);
            weights.Add(pn);
            halting.Add(h);
            continuing.Add(goOn);
        }

        // Pack [m, R] into one output.
        var packed = backend.Allocate(batch * (hidden + 1), zero: false);
        backend.CopyBlock(mean, 0, hidden, packed, 0, hidden + 1, batch, hidden);
        var remainders = backend.FromHost(rule.Remainders);
        backend.CopyBlock(remainders, 0, 1, packed, hidden, hidden + 1, batch, 1);
        var result = new Tensor(packed, [batch, hidden + 1]);
        var steps = (int[])rule.Steps.Clone();
        return Tensor.Record(result, "act_rnn_ponder", [gi, flag, s0, weightHh, biasHh, haltingWeight, haltingBias],
            g => Backward(backend, g, batch, hidden, states, weights, halting, continuing, steps, weightHh, haltingWeight, zeroState,
                          s0.requires_grad));
    }

    private static Tensor?[] Backward(IBackend backend, Tensor g, int batch, int hidden, List<Storage> states,
                                      List<Storage> weights, List<float[]> halting, List<float[]> continuing, int[] steps,
                                      Tensor weightHh, Tensor haltingWeight, bool zeroState, bool wantS0)
    {
        var count = batch * hidden;
        int[] matrix = [batch, hidden];
        int[] rowStrides = [hidden, 1];
        int[] perRow = [1, 0];
        var longest = weights.Count;

        // Split the packed gradient into g = ∂L/∂m [B, H] and g_R = ∂L/∂R [B].
        var gm = backend.Allocate(count, zero: false);
        backend.CopyBlock(g.storage, 0, hidden + 1, gm, 0, hidden, batch, hidden);
        var gr = backend.Allocate(batch, zero: false);
        backend.CopyBlock(g.storage, hidden, hidden + 1, gr, 0, 1, batch, 1);
        var hostGr = new float[batch];
        backend.ToHost(gr, hostGr);

        // dⁿ = g·sⁿ per example, then ∂L/∂zⁿ on the host (where hⁿ, cⁿ and N already are).
        var product = backend.Allocate(count, zero: false);
        var dot = backend.Allocate(batch, zero: false);
        var d = new float[longest][];
        for (var n = 0; n < longest; n++)
        {
            backend.Binary(BinaryOp.Mul, gm, rowStrides, states[n + 1], rowStrides, product, matrix);
            backend.Reduce(ReduceOp.Sum, product, batch, hidden, 1, dot, null);
            d[n] = new float[batch];
            backend.ToHost(dot, d[n]);
        }

        var dz = new float[longest][];
        float gBh = 0;
        for (var n = 0; n < longest; n++)
        {
            dz[n] = new float[batch];
            for (var b = 0; b < batch; b++)
            {
                if (continuing[n][b] != 0)
                {
                    var h = halting[n][b];
                    dz[n][b] = (d[n][b] - d[steps[b] - 1][b] - hostGr[b]) * h * (1 - h);
                    gBh += dz[n][b];
                }
            }
        }

        var gWhh = backend.Allocate(hidden * hidden);
        var gGi = backend.Allocate(count);
        var gWh = backend.Allocate(hidden);
        var gs = backend.Allocate(count, zero: false);
        var gaNext = backend.Allocate(count, zero: false); // ∂L/∂aⁿ⁺¹
        var ga = backend.Allocate(count, zero: false);
        var scratch = backend.Allocate(count, zero: false);
        for (var n = longest - 1; n >= 0; n--)
        {
            var s = states[n + 1];
            // ∂L/∂sⁿ = pⁿ g + (∂L/∂zⁿ) w_h + (∂L/∂aⁿ⁺¹) W_hh
            backend.Binary(BinaryOp.Mul, gm, rowStrides, weights[n], perRow, gs, matrix);
            var dzn = backend.FromHost(dz[n]);
            backend.Gemm(false, false, 1, batch, hidden, 1, 1f, dzn, 0, haltingWeight.storage, 0, 1f, gs, 0);
            if (n < longest - 1)
            {
                backend.Gemm(false, false, 1, batch, hidden, hidden, 1f, gaNext, 0, weightHh.storage, 0, 1f, gs, 0);
            }

            // ∂L/∂aⁿ = ∂L/∂sⁿ − ∂L/∂sⁿ ⊙ sⁿ ⊙ sⁿ (tanh′ = 1 − tanh²)
            backend.Binary(BinaryOp.Mul, gs, rowStrides, s, rowStrides, scratch, matrix);
            backend.Binary(BinaryOp.Mul, scratch, rowStrides, s, rowStrides, scratch, matrix);
            backend.Binary(BinaryOp.Sub, gs, rowStrides, scratch, rowStrides, ga, matrix);

            if (n > 0 || !zeroState)
            {
                backend.Gemm(true, false, 1, hidden, hidden, batch, 1f, ga, 0, states[n], 0, 1f, gWhh, 0);
            }

            backend.AddScaled(ga, null, BinaryOp.Mul, 1f, gGi, count);
            backend.Gemm(true, false, 1, 1, hidden, batch, 1f, dzn, 0, s, 0, 1f, gWh, 0);
            (ga, gaNext) = (gaNext, ga);
        }

        // After the swap gaNext holds ∂L/∂a¹.
        var gFlag = backend.Allocate(hidden, zero: false);
        backend.Reduce(ReduceOp.Sum, gaNext, 1, batch, hidden, gFlag, null);
        var gBhh = backend.Allocate(hidden, zero: false);
        backend.Reduce(ReduceOp.Sum, gGi, 1, batch, hidden, gBhh, null);
        Tensor? gS0 = null;
        if (wantS0)
        {
            gS0 = new Tensor(backend.Allocate(count, zero: false), [batch, hidden]);
            backend.Gemm(false, false, 1, batch, hidden, hidden, 1f, gaNext, 0, weightHh.storage, 0, 0f, gS0.storage, 0);
        }

        return
        [
            new Tensor(gGi, [batch, hidden]), new Tensor(gFlag, [hidden]), gS0,
            new Tensor(gWhh, [hidden, hidden]), new Tensor(gBhh, [hidden]), new Tensor(gWh, [1, hidden]),
            new Tensor(backend.FromHost([gBh]), [1]),
        ];
    }
}
