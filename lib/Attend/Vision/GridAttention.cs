using Attend.Modules;

namespace Attend.Vision;

/// <summary>
/// Additive (Bahdanau-style) soft attention over the locations of a feature grid, as in Show, Attend and Tell:
/// e_ti = wᵀ tanh(W_a a_i + W_h h_{t−1} + b), α_t = softmax(e_t) over the L locations, context = Σ_i α_ti a_i.
/// W_a a_i does not change while a caption is written, so <see cref="Keys"/> computes it once per picture.
/// Kept internal to the captioner on purpose: the general attention modules of the course live in
/// <c>Attend.Attention</c>; this one is the paper's, written out in a few lines.
/// </summary>
/// <remarks>Chapter 4: visual attention (notebooks/04-visual-attention.ipynb).</remarks>
internal sealed class GridAttention : Module
{
    private readonly Linear key;
    private readonly Linear query;
    private readonly Linear score;

    /// <summary>Creates attention from features of size <paramref name="featureDim"/> and a state of size <paramref name="hiddenDim"/>.</summary>
    public GridAttention(int featureDim, int hiddenDim, int attentionDim)
        : base(nameof(GridAttention))
    {
        key = new Linear(featureDim, attentionDim);               // W_a, b
        query = new Linear(hiddenDim, attentionDim, bias: false); // W_h
        score = new Linear(attentionDim, 1, bias: false);         // w
        RegisterComponents();
    }

    /// <summary>W_a a_i + b for every location: [B, L, D] → [B, L, A].</summary>
    public Tensor Keys(Tensor features) => key.call(features);

    /// <summary>
    /// The attention weights α [B, L] of the state <paramref name="h"/> [B, H] over the locations, and the context
    /// Σ_i α_i a_i [B, D] they select from <paramref name="features"/> [B, L, D].
    /// </summary>
    public (Tensor Alpha, Tensor Context) Attend(Tensor keys, Tensor features, Tensor h)
    {
        var e = score.call(keys.add(query.call(h).unsqueeze(1)).tanh()).squeeze(-1); // [B, L]
        var alpha = e.softmax(1);
        var context = alpha.unsqueeze(1).bmm(features).squeeze(1);                     // [B, 1, L]·[B, L, D] → [B, D]
        return (alpha, context);
    }
}
