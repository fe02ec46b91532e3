using F = Attend.torch.nn.functional;

namespace Attend.Tests.Devices;

/// <summary>
/// One parity check: <see cref="Run"/> builds its inputs from its own seeded generator on the CPU, moves them to the
/// device it is given, runs an op forward and (through autograd) backward, and returns the outputs and gradients on
/// the CPU. The same case run on the CPU backend and on the CUDA backend must agree within <see cref="Tolerance"/>
/// (|a − b| ≤ tol · (1 + |a|), elementwise). Shared by the xunit suite (ILGPU's CPU accelerator) and the GPU runner
/// (tests/Benchmarks/gpu), which runs the same cases against a real GPU.
/// </summary>
/// <param name="Name">What the case exercises (op family and the IBackend kernels behind it).</param>
/// <param name="Tolerance">The relative-plus-absolute bound; see the list for why each is what it is.</param>
/// <param name="Run">Computes the case on a device.</param>
public sealed record ParityCase(string Name, float Tolerance, Func<Device, Tensor[]> Run)
{
    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>The parity cases: every IBackend kernel forward, and backward through autograd.</summary>
public static class CudaParityCases
{
    // Elementwise kernels compute the same float expression on both sides (differences come from exp/log/tanh
    // implementations only): 1e-5. Reductions, products and convolutions sum in another order: 1e-4.
    private const float Elementwise = 1e-5f;
    private const float Summed = 1e-4f;

    /// <summary>A leaf input of the given shape drawn from <paramref name="g"/>, on <paramref name="d"/>.</summary>
    private static Tensor In(Generator g, Device d, params int[] shape) =>
        torch.randn(shape, g).to(d).requires_grad_();

    /// <summary>Applies <paramref name="op"/> to fresh inputs, backpropagates a random weighting of the output.</summary>
    private static ParityCase Grad(string name, float tol, int seed, int[][] shapes, Func<Tensor[], Tensor> op,
                                   Func<Tensor, Tensor>? prepare = null) =>
        new(name, tol, d =>
        {
            var g = new Generator(seed);
            var inputs = shapes.Select(s =>
            {
                var x = torch.randn(s, g);
                return (prepare is null ? x : prepare(x)).to(d).requires_grad_();
            }).ToArray();
            var y = op(inputs);
            var weights = torch.randn(y.shape, g).to(d);
            y.mul(weights).sum().backward();
            return [y.cpu(), .. inputs.Select(x => x.grad!.cpu())];
        });

    private static ParityCase Forward(string name, float tol, int seed, int[][] shapes, Func<Tensor[], Tensor[]> op) =>
        new(name, tol, d =>
        {
            var g = new Generator(seed);
            var inputs = shapes.Select(s => torch.randn(s, g).to(d)).ToArray();
            return op(inputs).Select(t => t.cpu()).ToArray();
        });

    private static Tensor Positive(Tensor x) => x.abs().add(0.1f);

    private static readonly int[] V = [3, 5];

    /// <summary>Every case, in kernel-family order.</summary>
    public static IReadOnlyList<ParityCase> All { get; } =
    [
        // ---- Unary (one kernel, the op as an argument) -------------------------------------------------------------
        Grad("unary neg", Elementwise, 1, [V], x => x[0].neg()),
        Grad("unary exp", Elementwise, 2, [V], x => x[0].exp()),
        Grad("unary log", Elementwise, 3, [V], x => x[0].log(), Positive),
        Grad("unary sqrt", Elementwise, 4, [V], x => x[0].sqrt(), Positive),
        Grad("unary abs + sign", Elementwise, 5, [V], x => x[0].abs()),
        Grad("unary tanh", Elementwise, 6, [V], x => x[0].tanh()),
        Grad("unary sigmoid", Elementwise, 7, [V], x => x[0].sigmoid()),
        Grad("unary relu + step", Elementwise, 8, [V], x => x[0].relu()),
        Grad("unary softplus", Elementwise, 9, [V], x => x[0].softplus()),
        Grad("unary clamp + in-range", Elementwise, 10, [V], x => x[0].clamp(-0.5f, 0.7f)),
        Grad("unary pow 3, 2, 0.5", Elementwise, 11, [V], x => x[0].pow(3f).add(x[0].pow(2f)).add(x[0].abs().add(0.1f).pow(0.5f))),
        Grad("unary scalar add/mul/div/rdiv/rsub", Elementwise, 12, [V],
             x => x[0].add(2f).mul(3f).div(7f).add(Positive(x[0]).rdiv(2f)).add(x[0].rsub(1f))),
        Grad("unary sin, cos", Elementwise, 13, [V], x => x[0].sin().add(x[0].cos())),
        Grad("unary square, reciprocal", Elementwise, 14, [V], x => x[0].square().add(Positive(x[0]).reciprocal())),

        // ---- Binary over broadcast shapes ------------------------------------------------------------------------------
        Grad("binary add broadcast [2,1,4]+[3,1]", Elementwise, 20, [[2, 1, 4], [3, 1]], x => x[0].add(x[1])),
        Grad("binary sub row broadcast", Elementwise, 21, [[4, 5], [5]], x => x[0].sub(x[1])),
        Grad("binary mul column broadcast", Elementwise, 22, [[4, 5], [4, 1]], x => x[0].mul(x[1])),
        Grad("binary div", Elementwise, 23, [[3, 4], [3, 4]], x => x[0].div(Positive(x[1]))),
        Grad("binary pow tensor", Elementwise, 24, [[3, 4], [3, 4]], x => Positive(x[0]).pow(x[1])),
        Grad("binary maximum/minimum", Elementwise, 25, [[3, 4], [1, 4]], x => x[0].maximum(x[1]).add(x[0].minimum(x[1]))),
        Grad("binary rank-5 broadcast", Elementwise, 26, [[2, 1, 3, 1, 2], [1, 4, 1, 5, 2]], x => x[0].mul(x[1])),
        Forward("binary comparisons", 0f, 27, [[4, 6], [6]],
                x => [x[0].eq(x[0]), x[0].ne(x[1]), x[0].lt(x[1]), x[0].le(x[1]), x[0].gt(x[1]), x[0].ge(x[1])]),
        Grad("where + masked_fill", Elementwise, 28, [[3, 4], [3, 4]],
             x => torch.where(x[0].gt(0f), x[0], x[1]).add(x[1].masked_fill(x[0].lt(0f), 2f))),

        // ---- Copies: strided (permute, expand), block (cat, narrow), fill ---------------------------------------------
        Grad("strided permute", Elementwise, 30, [[2, 3, 4]], x => x[0].permute(2, 0, 1).mul(torch.arange(24).reshape(4, 2, 3).to(x[0].device))),
        Grad("strided transpose", Elementwise, 31, [[3, 5]], x => x[0].transpose(0, 1).exp()),
        Grad("strided expand", Elementwise, 32, [[3, 1]], x => x[0].expand(3, 4).mul(x[0].expand(3, 4))),
        Grad("strided flip, roll", Elementwise, 33, [[3, 5]], x => x[0].flip(1).add(x[0].roll(2, 1))),
        Grad("block cat, narrow, select", Elementwise, 34, [[2, 3], [2, 2]],
             x => torch.cat([x[0], x[1]], 1).narrow(1, 1, 3).add(torch.stack([x[0].select(1, 0), x[1].select(1, 1)], 1).sum(1, keepdim: true))),
        Forward("fill, zero, clone, copy_", 0f, 35, [[3, 4]],
                x => [x[0].clone().fill_(2.5f), x[0].clone().zero_(), x[0].clone().copy_(x[0].mul(2f)), torch.full([2, 3], 7f, x[0].device)]),

        // ---- Reductions and softmax --------------------------------------------------------------------------------------
        Grad("reduce sum all, inner, outer", Summed, 40, [[3, 4, 5]], x => x[0].sum(2).sum(0).add(x[0].sum())),
        Grad("reduce mean, var, std, norm", Summed, 41, [[4, 6]], x => x[0].mean(0).add(x[0].var(1).sum()).add(x[0].std(0)).add(x[0].norm())),
        Grad("reduce max/min with indices", Elementwise, 42, [[4, 6]], x => x[0].max(1).Values.add(x[0].min(1).Values).add(x[0].max(0).Values.sum())),
        Forward("reduce argmax/argmin", 0f, 43, [[5, 7]], x => [x[0].argmax(1), x[0].argmin(0), x[0].max(0).Indices, x[0].argmax()]),
        Grad("reduce logsumexp", Summed, 44, [[3, 4, 5]], x => x[0].logsumexp(1).add(x[0].logsumexp(2).sum())),
        Grad("softmax last dim", Summed, 45, [[4, 7]], x => x[0].softmax(-1)),
        Grad("softmax middle dim", Summed, 46, [[2, 5, 3]], x => x[0].softmax(1)),
        Grad("log_softmax last and first dim", Summed, 47, [[4, 7]], x => x[0].log_softmax(1).add(x[0].log_softmax(0))),

        // ---- Matrix products (cuBLAS or the tiled kernel) ---------------------------------------------------------------
        Grad("gemm matmul [9,13]@[13,11]", Summed, 50, [[9, 13], [13, 11]], x => x[0].matmul(x[1])),
        Grad("gemm transposes Aᵀ·Bᵀ", Summed, 51, [[13, 9], [11, 13]], x => x[0].t().matmul(x[1].t())),
        Grad("gemm bmm [3,5,7]@[3,7,4]", Summed, 52, [[3, 5, 7], [3, 7, 4]], x => x[0].bmm(x[1])),
        Grad("gemm broadcast batch [2,3,4,5]@[5,6]", Summed, 53, [[2, 3, 4, 5], [5, 6]], x => x[0].matmul(x[1])),
        Grad("gemm matrix-vector and dot", Summed, 54, [[6, 17], [17]], x => x[0].matmul(x[1]).add(x[1].dot(x[1]))),
        Grad("gemm linear with bias", Summed, 55, [[5, 8], [3, 8], [3]], x => F.linear(x[0], x[1], x[2])),
        Grad("gemm larger than a tile [37,70]@[70,29]", Summed, 56, [[37, 70], [70, 29]], x => x[0].matmul(x[1])),

        // ---- Index kernels -----------------------------------------------------------------------------------------------
        Grad("index_select with repeats", Elementwise, 60, [[5, 4]],
             x => x[0].index_select(0, torch.tensor([3f, 0f, 3f, 1f, 3f], [5]).to(x[0].device))),
        Grad("embedding (index_select/index_add)", Elementwise, 61, [[6, 3]],
             x => F.embedding(torch.tensor([1f, 5f, 1f, 1f, 0f, 2f], [2, 3]).to(x[0].device), x[0])),
        Grad("gather along dims 1 and 0", Elementwise, 62, [[3, 5]],
             x => x[0].gather(1, torch.tensor([0f, 4f, 4f, 2f, 1f, 1f], [3, 2]).to(x[0].device))
                      .add(x[0].gather(0, torch.tensor([2f, 0f, 2f, 1f, 0f, 2f], [3, 2]).to(x[0].device)))),
        Grad("scatter_add with repeats", Elementwise, 63, [[3, 4], [3, 2]],
             x => x[0].scatter_add(1, torch.tensor([3f, 3f, 0f, 1f, 2f, 2f], [3, 2]).to(x[0].device), x[1])),
        Forward("one_hot", 0f, 64, [[1]], x => [torch.one_hot(torch.tensor([2f, 0f, 3f], [3]).to(x[0].device), 5)]),

        // ---- Image kernels (Chapter 4) -----------------------------------------------------------------------------------
        Grad("conv2d stride 2 pad 1 (im2col/col2im)", Summed, 70, [[2, 3, 7, 6], [4, 3, 3, 3], [4]],
             x => F.conv2d(x[0], x[1], x[2], stride: 2, padding: 1)),
        Grad("unfold 2x2", Elementwise, 71, [[1, 2, 4, 5]], x => F.unfold(x[0], 2, stride: 1, padding: 1)),
        Grad("max_pool2d 3x3 stride 2 pad 1", Elementwise, 72, [[2, 2, 7, 7]], x => F.max_pool2d(x[0], 3, 2, 1)),
        Grad("avg_pool2d pad, count_include_pad false", Elementwise, 73, [[2, 2, 6, 5]],
             x => F.avg_pool2d(x[0], 3, 2, 1, count_include_pad: false)),
        Grad("avg_pool2d count_include_pad true", Elementwise, 74, [[1, 3, 6, 6]], x => F.avg_pool2d(x[0], 2)),
        Grad("adaptive_avg_pool2d", Elementwise, 75, [[2, 3, 6, 4]], x => F.adaptive_avg_pool2d(x[0], 2)),

        // ---- Neural Turing Machine fused kernels (Chapter 5) and embedding_bag (Chapter 6) ---------------------------
        Grad("ntm row cosine (RowCosine)", Summed, 100, [[2, 5, 4], [2, 4]], x => Ntm.FusedOps.RowCosine(x[0], x[1], 1e-8f)),
        Grad("ntm circular shift K=3 (CircularConv)", Summed, 101, [[2, 6], [2, 3]], x => torch.circular_conv(x[0], x[1])),
        Grad("ntm erase-add write (EraseAdd)", Summed, 102, [[2, 5, 4], [2, 5], [2, 4], [2, 4]],
             x => Ntm.FusedOps.EraseAdd(x[0], x[1], x[2], x[3])),
        Grad("ntm sharpen (Sharpen)", Summed, 103, [[2, 6], [2, 1]], x => Ntm.FusedOps.Sharpen(x[0], x[1].add(1f), 1e-6f), Positive),
        Grad("ntm read (WeightedRows)", Summed, 104, [[2, 5, 4], [2, 5]], x => Ntm.FusedOps.WeightedRows(x[0], x[1])),
        Grad("gru gates (GruGates)", Summed, 106, [[3, 12], [3, 12], [3, 4]], x => Modules.GRUCell.Step(x[0], x[1], x[2])),
        Grad("lstm cell pointwise update (LstmCell)", Summed, 107, [[2, 8], [2, 8], [2, 2]],
             x =>
             {
                 var (h, c) = Modules.LSTMCell.FusedStep(x[0], x[1], x[2]);
                 return torch.cat([h, c], 1);
             }),
        Grad("dmn+ attention gru step (AttentionGruGates)", Summed, 108, [[3, 10], [3, 10], [3, 5], [3]],
             x => Dmn.AttentionGru.FusedStep(x[0], x[1], x[2], x[3].sigmoid())),
        Grad("embedding_bag sum with per-sample weights", Summed, 105, [[6, 3], [2, 3]],
             x => F.embedding_bag(torch.tensor([1f, 5f, 1f, 0f, 2f, 2f], [2, 3]).to(x[0].device), x[0], x[1])),
        ActPonder(),

        // ---- Losses and normalization (compositions of the kernels above) ------------------------------------------------
        Grad("cross_entropy", Summed, 80, [[6, 5]], x => F.cross_entropy(x[0], torch.tensor([0f, 4f, 2f, 2f, 1f, 3f], [6]).to(x[0].device))),
        Grad("mse_loss, bce_with_logits", Summed, 81, [[4, 3], [4, 3]],
             x => F.mse_loss(x[0], x[1]).add(F.binary_cross_entropy_with_logits(x[0], x[1].sigmoid()))),
        Grad("layer_norm", Summed, 82, [[4, 6], [6], [6]], x => F.layer_norm(x[0], [6], x[1], x[2])),

        // ---- Optimizers' fused updates (AddScaled) ---------------------------------------------------------------------
        Optimizer("optimizer SGD momentum nesterov", p => torch.optim.SGD(p, 0.1, momentum: 0.9, nesterov: true)),
        Optimizer("optimizer Adam", p => torch.optim.Adam(p, 0.05)),
        Optimizer("optimizer RMSprop", p => torch.optim.RMSprop(p, 0.01)),
        Optimizer("optimizer Adagrad", p => torch.optim.Adagrad(p, 0.1)),
    ];

    /// <summary>
    /// Chapter 8's fused ponder loop of a tanh RNN cell (one autograd node per input step, built from Gemm with k = 1
    /// and n = 1, row-broadcast Binary, CopyBlock, Reduce and AddScaled): outputs, ponder costs and every gradient of
    /// a two-step sequence. The halting bias −0.5 keeps every running sum of halting probabilities far from 1 − ε, so
    /// both devices take the same halting decisions.
    /// </summary>
    private static ParityCase ActPonder() =>
        new("act fused ponder loop (Gemm, broadcast Binary, CopyBlock, Reduce, AddScaled)", Summed, d =>
        {
            var g = new Generator(110);
            var act = new Act.AdaptiveComputationTime(new Modules.RNNCell(3 + 1, 5), output_size: 2);
            using (torch.no_grad())
            {
                foreach (var (name, p) in act.named_parameters())
                {
                    p.copy_(torch.randn(p.shape, g).mul(name.StartsWith("halting", StringComparison.Ordinal) ? 0.05f : 0.5f));
                }

                act.halting_unit.bias.fill_(-0.5f);
            }

            act.to(d);
            var x = torch.randn([4, 2, 3], g).to(d).requires_grad_();
            var result = act.forward(x);
            var weights = torch.randn(result.Output.shape, g).to(d);
            result.Output.mul(weights).sum().add(result.Ponder.sum().mul(0.25f)).backward();
            return [result.Output.cpu(), result.Ponder.cpu(), x.grad!.cpu(), .. act.parameters().Select(p => p.grad!.cpu())];
        });

    /// <summary>Five steps of an optimizer on a least-squares problem; the parameters after each step are compared.</summary>
    private static ParityCase Optimizer(string name, Func<IEnumerable<Tensor>, Optimizers.Optimizer> create) =>
        new(name, Summed, d =>
        {
            var g = new Generator(90);
            var w = torch.randn([4, 3], g).to(d).requires_grad_();
            var x = torch.randn([8, 4], g).to(d);
            var y = torch.randn([8, 3], g).to(d);
            var optimizer = create([w]);
            var trace = new List<Tensor>();
            for (var step = 0; step < 5; step++)
            {
                optimizer.zero_grad();
                x.matmul(w).sub(y).square().mean().backward();
                optimizer.step();
                trace.Add(w.detach().cpu().clone()); // on the CPU, cpu() is w itself, which the next step changes
            }

            return [.. trace];
        });
}
