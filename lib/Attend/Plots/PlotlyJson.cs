using System.Text.Json;
using System.Text.Json.Nodes;

namespace Attend.Plots;

/// <summary>
/// Pieces of a Plotly figure as JSON nodes. A figure is <c>{"data": [traces…], "layout": {…}}</c>; JSON has no NaN,
/// so missing values become <c>null</c>, which Plotly draws as a gap.
/// </summary>
internal static class PlotlyJson
{
    /// <summary>Numbers as a JSON array, non-finite values as null.</summary>
    public static JsonArray Numbers(IEnumerable<double> values) =>
        [.. values.Select(v => double.IsFinite(v) ? JsonValue.Create(v) : null)];

    /// <summary>Strings as a JSON array.</summary>
    public static JsonArray Strings(IEnumerable<string> values) => [.. values.Select(v => (JsonNode?)JsonValue.Create(v))];

    /// <summary>A colour scale as Plotly wants it: [[0, "#440154"], …, [1, "#fde725"]].</summary>
    public static JsonArray Colors(ColorScale scale)
    {
        var stops = new JsonArray();
        for (var i = 0; i < scale.Stops.Count; i++)
        {
            stops.Add(new JsonArray(i / (double)(scale.Stops.Count - 1), scale.Stops[i].ToString()));
        }

        return stops;
    }

    /// <summary>An axis or plot title object, <c>{"text": …}</c>, or null when there is none.</summary>
    public static JsonObject? Title(string? text) => text is null ? null : new JsonObject { ["text"] = text };

    /// <summary>
    /// The figure as compact JSON. The default encoder writes &lt;, &gt;, &amp; and quotes as \u escapes, so the JSON can
    /// sit inside an HTML &lt;script&gt; element without closing it early.
    /// </summary>
    public static string Figure(JsonArray data, JsonObject layout) =>
        new JsonObject { ["data"] = data, ["layout"] = layout }.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
}
