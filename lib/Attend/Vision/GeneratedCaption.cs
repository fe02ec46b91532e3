namespace Attend.Vision;

/// <summary>
/// A caption written greedily by <see cref="SoftAttentionCaptioner.Caption"/>, with where the model looked for each
/// word: <c>grid.Add(image, caption.Words[t], overlay: caption.Alphas.select(0, t))</c> shows it on an
/// <see cref="Plots.ImageGrid"/>.
/// </summary>
/// <remarks>Chapter 4: visual attention (notebooks/04-visual-attention.ipynb).</remarks>
/// <param name="Words">The words, without &lt;bos&gt; and &lt;eos&gt;.</param>
/// <param name="Tokens">Their ids.</param>
/// <param name="Alphas">[words, h, w]: the attention weights over the feature grid at the step that wrote each word.</param>
/// <param name="Betas">The gate β of each of those steps.</param>
public sealed record GeneratedCaption(string[] Words, int[] Tokens, Tensor Alphas, float[] Betas)
{
    /// <summary>The words joined by spaces.</summary>
    public string Text => string.Join(" ", Words);

    /// <inheritdoc/>
    public override string ToString() => Text;
}
