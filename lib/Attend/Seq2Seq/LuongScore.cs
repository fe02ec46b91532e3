namespace Attend.Seq2Seq;

/// <summary>The scoring functions of Luong et al. 2015's global attention (see <see cref="LuongDecoder"/>).</summary>
/// <remarks>Taught in Chapter 3: translation with attention (notebooks/03-translation-with-attention.ipynb).</remarks>
public enum LuongScore
{
    /// <summary>h_tᵀ h̄_s: needs the decoder state and the annotations to have the same size.</summary>
    Dot,

    /// <summary>h_tᵀ W_a h̄_s (bilinear).</summary>
    General,

    /// <summary>v_aᵀ tanh(W_a [h_t; h̄_s]), the additive score.</summary>
    Concat,

    /// <summary>softmax(W_a h_t): positions only, not content; needs a maximum source length.</summary>
    Location,
}
