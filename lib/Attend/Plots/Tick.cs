namespace Attend.Plots;

/// <summary>A labelled mark on an axis.</summary>
/// <param name="Value">Where it sits, in data units.</param>
/// <param name="Label">What it says.</param>
internal readonly record struct Tick(double Value, string Label);
