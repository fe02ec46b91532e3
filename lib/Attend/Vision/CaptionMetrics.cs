using Attend.Data;

namespace Attend.Vision;

/// <summary>
/// How well a captioner describes <see cref="ShapesCaptions"/> scenes, and whether it looks at what it names. The
/// grammar fixes where every word goes, so each number is an exact count, not an n-gram overlap like BLEU:
/// <list type="bullet">
/// <item><see cref="NounAccuracy"/>: the share of objects whose noun the caption has at the noun's own position
/// (13 nouns: guessing is right 1 time in 13);</item>
/// <item><see cref="ExactMatch"/>: the share of captions equal to the reference, word for word;</item>
/// <item><see cref="AttentionOnObjects(Tensor, IReadOnlyList{ShapesScene}, int, int, int)"/>: the attention weight
/// on the cells of an object's box at the step that writes its colour word.</item>
/// </list>
/// </summary>
/// <remarks>Taught in Chapter 4: visual attention (notebooks/04-visual-attention.ipynb).</remarks>
public static class CaptionMetrics
{
    /// <summary>
    /// The share of the objects of <paramref name="scenes"/> whose noun <paramref name="captions"/> get right: the
    /// noun at token position p of the reference (<see cref="ShapesScene.NounPositions"/>, &lt;bos&gt; at 0) must be
    /// word p − 1 of the generated caption. A caption that is too short misses the nouns it never reaches.
    /// </summary>
    public static double NounAccuracy(IReadOnlyList<GeneratedCaption> captions, IReadOnlyList<ShapesScene> scenes)
    {
        CheckCounts(captions, scenes, nameof(NounAccuracy));
        var (right, nouns) = (0, 0);
        for (var i = 0; i < scenes.Count; i++)
        {
            var reference = scenes[i].TokenIds;
            var written = captions[i].Tokens;
            foreach (var position in scenes[i].NounPositions)
            {
                var word = position - 1; // the generated caption has no <bos>
                right += word < written.Length && written[word] == reference[position] ? 1 : 0;
                nouns++;
            }
        }

        return nouns == 0 ? 0 : right / (double)nouns;
    }

    /// <summary>The share of <paramref name="captions"/> that equal their scene's caption word for word.</summary>
    public static double ExactMatch(IReadOnlyList<GeneratedCaption> captions, IReadOnlyList<ShapesScene> scenes)
    {
        CheckCounts(captions, scenes, nameof(ExactMatch));
        var exact = Enumerable.Range(0, scenes.Count).Count(i => captions[i].Text == scenes[i].Caption);
        return scenes.Count == 0 ? 0 : exact / (double)scenes.Count;
    }

    /// <summary>
    /// Where the model looks while it names each object, with the reference captions fed in (teacher forcing).
    /// <paramref name="alphas"/> [N, T, L = h·w] are the attention weights of the steps whose inputs are the reference
    /// tokens 0 … T − 1; the step with input "a" before object k's colour word (token position
    /// NounPositions[k] − 2) must find the object, since it writes the colour and the LSTM carries the noun on. Mass
    /// is that step's weight on the grid cells the object's box overlaps, averaged over all objects; Share is the
    /// share of cells those are, which is what the mass would be if attention were spread evenly.
    /// </summary>
    public static (double Mass, double Share) AttentionOnObjects(Tensor alphas, IReadOnlyList<ShapesScene> scenes, int gridHeight, int gridWidth,
                                                                 int imageSize)
    {
        ArgumentNullException.ThrowIfNull(alphas);
        ArgumentNullException.ThrowIfNull(scenes);
        var locations = gridHeight * gridWidth;
        if (alphas.ndim != 3 || alphas.size(0) != scenes.Count || alphas.size(2) != locations)
        {
            throw new ArgumentException(
                $"CaptionMetrics.AttentionOnObjects: expected alphas [N = {scenes.Count} scenes, T, L = {gridHeight}·{gridWidth}], got " +
                $"{Tensor.Format(alphas.shape)}.", nameof(alphas));
        }

        var steps = alphas.size(1);
        var weights = alphas.detach().ToArray(); // [N, T, L] row-major: (i·T + t)·L + l
        double mass = 0, share = 0;
        var objects = 0;
        for (var i = 0; i < scenes.Count; i++)
        {
            var scene = scenes[i];
            var nounPositions = scene.NounPositions;
            for (var k = 0; k < scene.Objects.Count; k++)
            {
                var colourStep = nounPositions[k] - 2; // input "a", target the colour word
                if (colourStep >= steps)
                {
                    throw new ArgumentException(
                        $"CaptionMetrics.AttentionOnObjects: scene {i} needs step {colourStep}, but alphas have {steps} steps.", nameof(alphas));
                }

                var covered = scene.Objects[k].Box.CellCoverage(gridHeight, gridWidth, imageSize);
                for (var l = 0; l < locations; l++)
                {
                    mass += covered[l] > 0 ? weights[(((i * steps) + colourStep) * locations) + l] : 0;
                }

                share += covered.Count(c => c > 0) / (double)locations;
                objects++;
            }
        }

        return objects == 0 ? (0, 0) : (mass / objects, share / objects);
    }

    /// <summary>
    /// <see cref="AttentionOnObjects(Tensor, IReadOnlyList{ShapesScene}, int, int, int)"/> for <paramref name="model"/>
    /// on every scene of <paramref name="data"/>: runs the reference captions through it without gradients and in
    /// evaluation mode (the mode is restored after).
    /// </summary>
    public static (double Mass, double Share) AttentionOnObjects(SoftAttentionCaptioner model, ShapesCaptions data)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var _ = torch.no_grad();
            var alphas = model.call(data.Images, data.Tokens.narrow(1, 0, data.MaxTokens - 1)).Alphas;
            var (h, w) = model.Encoder.GridShape(data.ImageSize, data.ImageSize);
            return AttentionOnObjects(alphas, data.Scenes, h, w, data.ImageSize);
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    private static void CheckCounts(IReadOnlyList<GeneratedCaption> captions, IReadOnlyList<ShapesScene> scenes, string metric)
    {
        ArgumentNullException.ThrowIfNull(captions);
        ArgumentNullException.ThrowIfNull(scenes);
        if (captions.Count != scenes.Count)
        {
            throw new ArgumentException(
                $"CaptionMetrics.{metric}: one caption per scene is needed, got {captions.Count} captions for {scenes.Count} scenes.",
                nameof(captions));
        }
    }
}
