namespace Attend.Data;

/// <summary>
/// One object of a <see cref="ShapesScene"/>: a <see cref="Color"/>ed <see cref="Noun"/> (a shape or a digit) in
/// the layout cell (<see cref="Row"/>, <see cref="Column"/>), whose painted pixels lie in <see cref="Box"/>.
/// </summary>
/// <remarks>Chapter 4: visual attention (notebooks/04-visual-attention.ipynb).</remarks>
/// <param name="Color">"red", "green", "blue" or "yellow".</param>
/// <param name="Noun">"circle", "square", "triangle" or a digit "0" … "9".</param>
/// <param name="Row">The layout row (0 at the top).</param>
/// <param name="Column">The layout column (0 at the left).</param>
/// <param name="Box">The tight box around the painted pixels (the ground truth for where attention should look).</param>
public sealed record SceneObject(string Color, string Noun, int Row, int Column, PixelBox Box)
{
    /// <summary>The object as the caption says it: "a red circle".</summary>
    public string Phrase => $"a {Color} {Noun}";
}
