using Attend.Autograd;

namespace Attend.Dmn;

/// <summary>
/// The hidden-side product of a recurrence, h_t ↦ h_t Wᵀ + b at every step t, with the weight's and the bias's
/// gradients formed once for the whole sequence: ∂W = Σ_t g_tᵀ h_t is one product of the stacked [T·B, ·] matrices
/// instead of T products of [·, B] × [B, ·] and T − 1 additions, and ∂b one column sum (what cuDNN-style recurrent
/// layers do). Each step still returns ∂h_t = g_t W at once, which the recurrence needs.
/// </summary>
/// <remarks>
/// How: every step's node hangs off one scalar "gate" node whose inputs are W and b. A step's backward saves its
/// (h_t, g_t) and gives the gate a zero; the engine visits the gate only after all of its steps (it is their common
/// input), and the gate then forms ∂W and ∂b from everything saved — the same device as
/// <see cref="Tensor.unbind"/>'s shared buffer. Used by DMN+'s GRUs (Chapter 7, §7.2–7.3,
/// notebooks/07-dynamic-memory-networks.ipynb); the tests check it against plain <c>linear</c> per step.
/// </remarks>
internal sealed class SequenceLinear
{
    private readonly Tensor weight;
    private readonly Tensor bias;
    private readonly Tensor? gate;
    private readonly List<Tensor> inputs = [];
    private readonly List<Tensor> grads = [];

    /// <summary>A product by <paramref name="weight"/> [out, in] plus <paramref name="bias"/> [out], for one sequence.</summary>
    public SequenceLinear(Tensor weight, Tensor bias)
    {
        this.weight = weight;
        this.bias = bias;
        if (GradMode.IsEnabled && (weight.requires_grad || bias.requires_grad))
        {
            gate = Tensor.Record(torch.zeros([], device: weight.device), "sequence_linear", [weight, bias], _ =>
            {
                var x = torch.cat([.. inputs], 0); // [T·B, in]
                var g = torch.cat([.. grads], 0);  // [T·B, out]
                inputs.Clear();                   // a second backward (retain_graph) saves afresh
                grads.Clear();
                // gᵀ x with the transpose read in place by the GEMM (no transposed copy of g).
                var gw = weight.requires_grad ? Tensor.BatchedGemm(g.unsqueeze(0), true, x.unsqueeze(0), false, "sequence_linear").squeeze(0) : null;
                return [gw, bias.requires_grad ? g.sum(0) : null];
            });
        }
    }

    /// <summary>h [B, in] → h Wᵀ + b [B, out].</summary>
    public Tensor Step(Tensor h)
    {
        if (gate is null || !GradMode.IsEnabled)
        {
            return torch.nn.functional.linear(h, weight, bias);
        }

        Tensor y;
        using (torch.no_grad())
        {
            y = torch.nn.functional.linear(h, weight, bias);
        }

        return Tensor.Record(y, "sequence_linear_step", [h, gate], g =>
        {
            inputs.Add(h);
            grads.Add(g.clone()); // the engine frees g once this node is done with it
            return [h.requires_grad ? g.matmul(weight) : null, torch.zeros([], device: g.device)];
        });
    }
}
