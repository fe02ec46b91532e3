namespace Attend.Plots;

/// <summary>
/// Thins a long line before drawing. A 50 000-step loss curve on a 600-pixel-wide chart puts about 80 points in
/// every pixel column; drawing them all makes a huge SVG that looks no different. For each run of consecutive
/// points in the same pixel column we keep the first, the lowest, the highest and the last (in their original
/// order), so every spike still shows.
/// </summary>
internal static class LineDecimation
{
    /// <summary>The points worth drawing, from <paramref name="points"/> in pixel coordinates.</summary>
    public static List<(double X, double Y)> Reduce(IReadOnlyList<(double X, double Y)> points)
    {
        var kept = new List<(double X, double Y)>();
        var start = 0;
        while (start < points.Count)
        {
            var column = Math.Floor(points[start].X);
            var end = start;
            int lowest = start, highest = start;
            while (end + 1 < points.Count && Math.Floor(points[end + 1].X) == column)
            {
                end++;
                lowest = points[end].Y < points[lowest].Y ? end : lowest;
                highest = points[end].Y > points[highest].Y ? end : highest;
            }

            foreach (var index in new SortedSet<int> { start, lowest, highest, end })
            {
                kept.Add(points[index]);
            }

            start = end + 1;
        }

        return kept;
    }
}
