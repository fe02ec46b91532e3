namespace Attend.Data;

/// <summary>
/// Which part of the scene space a <see cref="ShapesCaptions"/> set draws from. Every scene layout (which object,
/// in which colour, in which cell) belongs to exactly one part, decided by a hash of the layout, so a training set
/// and a test set never share a scene, whatever their seeds and sizes.
/// </summary>
/// <remarks>Chapter 4: visual attention (notebooks/04-visual-attention.ipynb).</remarks>
public enum ShapesSplit
{
    /// <summary>About 80% of all layouts.</summary>
    Train,

    /// <summary>The other 20%: scenes the model has never seen.</summary>
    Test,
}
