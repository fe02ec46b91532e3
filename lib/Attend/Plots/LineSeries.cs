namespace Attend.Plots;

/// <summary>One named line of a <see cref="LineChart"/>: paired x and y values (NaN in either breaks the line) and its colour.</summary>
internal sealed record LineSeries(string Name, double[] X, double[] Y, Rgb Color)
{
    /// <summary>The indices where both x and y are finite numbers.</summary>
    public IEnumerable<int> FiniteIndices => Enumerable.Range(0, X.Length).Where(i => double.IsFinite(X[i]) && double.IsFinite(Y[i]));
}
