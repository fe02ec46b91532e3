namespace Attend.Data;

/// <summary>
/// One generated picture's description: its objects in the order the caption mentions them (reading order: top
/// row first, left to right) and the caption itself, e.g. "a red circle left of a blue 7 above a green square",
/// where each relation relates the object before it to the one after it ("left of" within a row, "above" when the
/// next object is on a lower row).
/// </summary>
/// <remarks>Chapter 4: visual attention (notebooks/04-visual-attention.ipynb).</remarks>
/// <param name="Objects">The objects, in caption order.</param>
/// <param name="Caption">The caption, words separated by single spaces.</param>
public sealed record ShapesScene(IReadOnlyList<SceneObject> Objects, string Caption)
{
    /// <summary>The caption's token ids: &lt;bos&gt;, the words, &lt;eos&gt;.</summary>
    public int[] TokenIds => ShapesVocabulary.Encode(Caption);

    /// <summary>
    /// For each object, the position of its noun in <see cref="TokenIds"/> (1 + the word index): where the decoder
    /// must name it, and whose attention weights should fall on <see cref="SceneObject.Box"/>.
    /// </summary>
    public int[] NounPositions
    {
        get
        {
            var ids = TokenIds;
            return Enumerable.Range(0, ids.Length).Where(i => ShapesVocabulary.IsNoun(ids[i])).ToArray();
        }
    }

    /// <summary>A stable text key of the layout (cells, colours, nouns): equal layouts have equal keys.</summary>
    internal string LayoutKey => string.Join("|", Objects.Select(o => $"{o.Row},{o.Column}:{o.Color} {o.Noun}"));
}
