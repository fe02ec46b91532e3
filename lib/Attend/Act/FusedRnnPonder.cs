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
        var temporaries = Scratch.For(backend, batch * hidden);
        var baseline = temporaries.Matrix(0);
        backend.Binary(BinaryOp.Add, gi.storage, rowStrides, biasHh.storage, alongRows, baseline, matrix);
        var first = temporaries.Matrix(1);
        backend.Binary(BinaryOp.Add, baseline, rowStrides, flag.storage, alongRows, first, matrix);

        var states = new List<Storage> { s0.storage };   // s⁰, s¹, …: kept for the backward pass
        var weights = new List<Storage>();                // pⁿ [B] on the device
        var halting = new List<float[]>();                // hⁿ [B] on the host
        var continuing = new List<float[]>();             // cⁿ [B] on the host
        var z = temporaries.Vector(0, batch);
        var hostZ = new float[batch];
        var mean = temporaries.Matrix(2);
        backend.Fill(mean, batch * hidden, 0f);
        var weighted = temporaries.Matrix(3);
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
        var temporaries = Scratch.For(backend, count);
        var gm = temporaries.Matrix(0);
        backend.CopyBlock(g.storage, 0, hidden + 1, gm, 0, hidden, batch, hidden);
        var gr = temporaries.Vector(0, batch);
        backend.CopyBlock(g.storage, hidden, hidden + 1, gr, 0, 1, batch, 1);
        var hostGr = new float[batch];
        backend.ToHost(gr, hostGr);

        // dⁿ = g·sⁿ per example, then ∂L/∂zⁿ on the host (where hⁿ, cⁿ and N already are).
        var product = temporaries.Matrix(1);
        var dot = temporaries.Vector(1, batch);
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
        var gs = temporaries.Matrix(2);
        var gaNext = temporaries.Matrix(3); // ∂L/∂aⁿ⁺¹
        var ga = temporaries.Matrix(4);
        var scratch = product;        // dⁿ are on the host by now
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

    /// <summary>
    /// The temporaries of one forward or backward call ([B, H] matrices and [B] vectors), kept per thread and reused
    /// by the next call of the same size on the same backend. They are dead when a call returns (what it returns
    /// and the saved states are fresh allocations), and a forward or backward call never runs inside another on
    /// the same thread, so one set per thread suffices. Reusing them saves a training step of ten ponder steps
    /// about 0.6 MB of fresh arrays, a quarter of its allocations, and the collections that come with them.
    /// </summary>
    private sealed class Scratch
    {
        [ThreadStatic]
        private static Scratch? current;

        private readonly IBackend backend;
        private readonly int count;
        private readonly Storage?[] matrices = new Storage?[5];
        private readonly Storage?[] vectors = new Storage?[2];
        private readonly int[] vectorLengths = new int[2];

        private Scratch(IBackend backend, int count) => (this.backend, this.count) = (backend, count);

        /// <summary>This thread's set for <paramref name="count"/> = B·H on <paramref name="backend"/> (a new set when either differs).</summary>
        public static Scratch For(IBackend backend, int count)
        {
            if (current is not { } set || !ReferenceEquals(set.backend, backend) || set.count != count)
            {
                current = set = new Scratch(backend, count);
            }

            return set;
        }

        /// <summary>Matrix temporary <paramref name="i"/> (B·H floats, contents undefined).</summary>
        public Storage Matrix(int i) => matrices[i] ??= backend.Allocate(count, zero: false);

        /// <summary>Vector temporary <paramref name="i"/> of <paramref name="length"/> floats (contents undefined).</summary>
        public Storage Vector(int i, int length)
        {
            if (vectors[i] is null || vectorLengths[i] != length)
            {
                vectors[i] = backend.Allocate(length, zero: false);
                vectorLengths[i] = length;
            }

            return vectors[i]!;
        }
    }
}
