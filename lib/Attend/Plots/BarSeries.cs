namespace Attend.Plots;

/// <summary>One named group of bars in a <see cref="BarChart"/>: a value per label, and a colour.</summary>
internal sealed class BarSeries(string? name, Rgb color)
{
    /// <summary>The series name (null for the values added one at a time with <see cref="BarChart.Add"/>).</summary>
    public string? Name { get; } = name;

    /// <summary>The bars' colour.</summary>
    public Rgb Color { get; } = color;

    /// <summary>Value by label.</summary>
    public Dictionary<string, double> Values { get; } = [];
}
