namespace Attend.Seq2Seq.Recipes;

/// <summary>The five models Chapter 3 compares on the same data and budget (<see cref="Translation.CreateModel(TranslationData, TranslationOptions)"/>).</summary>
/// <remarks>Taught in Chapter 3: translation with attention (notebooks/03-translation-with-attention.ipynb).</remarks>
public enum TranslationArchitecture
{
    /// <summary>The plain encoder-decoder: the whole sentence reaches the decoder as one fixed vector (<see cref="PlainDecoder"/>).</summary>
    Baseline,

    /// <summary>Bahdanau et al.'s RNNsearch: additive attention read before the GRU step (<see cref="BahdanauDecoder"/>).</summary>
    Bahdanau,

    /// <summary>Luong et al.'s global attention with the dot score h_tᵀ h̄_s (<see cref="LuongDecoder"/>).</summary>
    LuongDot,

    /// <summary>Luong et al.'s global attention with the general (bilinear) score h_tᵀ W_a h̄_s.</summary>
    LuongGeneral,

    /// <summary>Luong et al.'s global attention with the concat (additive) score v_aᵀ tanh(W_a [h_t; h̄_s]).</summary>
    LuongConcat,
}
