using System.Text.Json;
using System.Xml.Linq;
using Attend.Plots;
using static Attend.Tests.PlotTestHelpers;

namespace Attend.Tests;

/// <summary>Reads and sets the process-wide <see cref="PlotlyOptions"/>, so it runs alone.</summary>
[Collection(GlobalStateCollection.Name)]
public class PlotPlotlyTests
{
    private static JsonElement Figure(Plot plot) => JsonDocument.Parse(plot.ToPlotlyJson()).RootElement;

    private static List<double?> Numbers(JsonElement array) =>
        [.. array.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble())];

    [Fact]
    public void LineChartFigureCarriesTheDataWithNullGaps()
    {
        var chart = new LineChart { Title = "loss", XLabel = "step", LogY = true };
        chart.Add("train", [0.5f, 0.1f, float.NaN, 0.25f]);
        var figure = Figure(chart);
        var trace = figure.GetProperty("data")[0];
        Assert.Equal("scatter", trace.GetProperty("type").GetString());
        Assert.Equal("train", trace.GetProperty("name").GetString());
        Assert.Equal([0, 1, 2, 3], Numbers(trace.GetProperty("x")));
        Assert.Equal([0.5, 0.1, null, 0.25], Numbers(trace.GetProperty("y")));
        Assert.Contains("[0.5,0.1,null,0.25]", chart.ToPlotlyJson()); // 0.1f written as 0.1, not 0.10000000149011612
        Assert.Equal("log", figure.GetProperty("layout").GetProperty("yaxis").GetProperty("type").GetString());
        Assert.Equal("step", figure.GetProperty("layout").GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal(640, figure.GetProperty("layout").GetProperty("width").GetInt32());
    }

    [Fact]
    public void HeatmapFigureKeepsRepeatedWordsApart()
    {
        var map = new Heatmap(new float[,] { { 0.25f, 0.75f, 0f }, { 1f, 0f, 0f } }, ["a", "b"], ["the", "cat", "the"]) { ShowValues = true };
        var figure = Figure(map);
        var trace = figure.GetProperty("data")[0];
        Assert.Equal("heatmap", trace.GetProperty("type").GetString());
        var z = trace.GetProperty("z").EnumerateArray().Select(Numbers).ToList();
        Assert.Equal([0.25, 0.75, 0], z[0]);
        Assert.Equal([1, 0, 0], z[1]);
        Assert.Equal(0, trace.GetProperty("zmin").GetDouble());
        Assert.Equal(1, trace.GetProperty("zmax").GetDouble());
        var scale = trace.GetProperty("colorscale");
        Assert.Equal("[0,\"#440154\"]", scale[0].GetRawText());
        Assert.Equal("[1,\"#fde725\"]", scale[scale.GetArrayLength() - 1].GetRawText());
        Assert.Equal("%{z:.2f}", trace.GetProperty("texttemplate").GetString());

        var xaxis = figure.GetProperty("layout").GetProperty("xaxis");
        Assert.Equal([0, 1, 2], Numbers(xaxis.GetProperty("tickvals")));
        Assert.Equal(["the", "cat", "the"], xaxis.GetProperty("ticktext").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("reversed", figure.GetProperty("layout").GetProperty("yaxis").GetProperty("autorange").GetString());
    }

    [Fact]
    public void BarAndImageFigures()
    {
        var bars = new BarChart();
        bars.AddSeries("A", ["x", "y"], [1.0, -2]);
        bars.AddSeries("B", ["y", "z"], [3.0, 4]);
        var data = Figure(bars).GetProperty("data");
        Assert.Equal(["x", "y", "z"], data[1].GetProperty("x").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([1, -2, null], Numbers(data[0].GetProperty("y")));
        Assert.Equal([null, 3, 4], Numbers(data[1].GetProperty("y")));

        var grid = new ImageGrid(2);
        grid.Add(torch.ones(2, 3), "one", torch.ones(1, 1));
        grid.Add(torch.zeros(3, 2, 2), "two");
        var figure = Figure(grid);
        var traces = figure.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(3, traces.Count); // image, its overlay, image
        Assert.All(traces, t => Assert.Equal("image", t.GetProperty("type").GetString()));
        Assert.Equal("x2", traces[2].GetProperty("xaxis").GetString());
        var first = PlotPngReader.FromDataUri(traces[0].GetProperty("source").GetString()!);
        Assert.Equal((3, 2), (first.Width, first.Height));
        Assert.All(first.Pixels, p => Assert.Equal(255, p));
        Assert.Equal(4, PlotPngReader.FromDataUri(traces[1].GetProperty("source").GetString()!).Channels);
        Assert.Equal("one", figure.GetProperty("layout").GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void EveryFigureIsValidJson()
    {
        foreach (var plot in OneOfEach())
        {
            var figure = Figure(plot);
            Assert.Equal(JsonValueKind.Array, figure.GetProperty("data").ValueKind);
            Assert.Equal(JsonValueKind.Object, figure.GetProperty("layout").ValueKind);
        }
    }

    [Fact]
    public void ByDefaultTheSnippetInlinesTheVendoredPlotlyAndNeedsNoNetwork()
    {
        var chart = new LineChart { Title = "t" };
        chart.Add("s", [1.0, 2]);
        var html = chart.ToPlotlyHtml();
        Assert.Null(PlotlyOptions.ScriptUrl);
        Assert.Contains("plotly.js v" + PlotlyOptions.VendoredVersion, html); // the library's own banner
        Assert.DoesNotContain(PlotlyOptions.CdnScriptUrl, html);       // (the library itself names cdn.plot.ly for geo maps)
        Assert.DoesNotContain("script.src", html);
        Assert.True(html.IndexOf("plotly.js v", StringComparison.Ordinal) < html.IndexOf("Plotly.newPlot(document.getElementById", StringComparison.Ordinal));
        Assert.InRange(html.Length, 4_000_000, 5_000_000);
    }

    [Fact]
    public void TheVendoredTarballIsTheRegistrysByteForByte()
    {
        var tarball = VendoredPlotly.Tarball();
        Assert.Equal(VendoredPlotly.Integrity, VendoredPlotly.IntegrityOf(tarball));
        Assert.Equal("sha512-oWDTf2kYOmTtEw3epeeSBdfH/H3OSktF0suST9oI6fIgKfbyd4MT7TPh8+CVzdHYllYon24Q0HI1hZjOnLqk6g==", VendoredPlotly.Integrity);
        Assert.StartsWith("/**\n* plotly.js v2.35.2\n", VendoredPlotly.Script);
        Assert.Contains("MIT", File.ReadAllText(Path.Combine(RepositoryRoot(), "lib", "Attend", "Plots", "Vendor", "plotly.js-LICENSE.txt")));
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Notebooks.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("no Notebooks.sln above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void AUrlLoadsPlotlyFromThereAndALabelCannotCloseTheScript()
    {
        var chart = new LineChart { Title = "</script><script>alert(1)</script>" };
        chart.Add("s", [1.0, 2]);
        try
        {
            PlotlyOptions.ScriptUrl = PlotlyOptions.CdnScriptUrl;
            var html = chart.ToPlotlyHtml();
            Assert.Contains("https://cdn.plot.ly/plotly-2.35.2.min.js", html);
            Assert.Contains("Plotly.newPlot", html);
            Assert.Contains("<div id=\"attend-plotly-", html);

            // The title is inside the JSON with < and > escaped: exactly one script element, closed once.
            Assert.Equal(1, CountOf(html, "<script"));
            Assert.Equal(1, CountOf(html, "</script>"));
            Assert.Contains("\\u003C/script\\u003E", html);

            // Each snippet gets its own div id.
            Assert.NotEqual(html, chart.ToPlotlyHtml());
            Assert.Equal(chart.ToString() + " (interactive)", chart.Interactive().ToString());
            Assert.Contains("Plotly.newPlot", chart.Interactive().ToHtml());
        }
        finally
        {
            PlotlyOptions.ScriptUrl = null;
        }
    }

    [Fact]
    public void ALocalPlotlyFileIsInlinedAndAMissingOneIsExplained()
    {
        var path = Path.Combine(Path.GetTempPath(), $"attend-plotly-{Guid.NewGuid():N}.js");
        var chart = new BarChart().Add("a", 1);
        try
        {
            File.WriteAllText(path, "window.Plotly = { newPlot: function () {} }; // fake </script> inside");
            PlotlyOptions.LocalScriptPath = path;
            PlotlyOptions.ScriptUrl = "https://example.org/plotly.js";
            var html = chart.ToPlotlyHtml();
            Assert.Contains("window.Plotly = { newPlot: function () {} };", html);
            Assert.Contains("fake <\\/script> inside", html);
            Assert.True(html.IndexOf("newPlot: function", StringComparison.Ordinal) < html.IndexOf("var figure", StringComparison.Ordinal));
            Assert.DoesNotContain("https://example.org/plotly", html); // the local file wins over the URL

            PlotlyOptions.LocalScriptPath = path + ".missing";
            var error = Assert.Throws<FileNotFoundException>(chart.ToPlotlyHtml);
            Assert.Contains("LocalScriptPath", error.Message);
        }
        finally
        {
            PlotlyOptions.LocalScriptPath = null;
            PlotlyOptions.ScriptUrl = null;
            File.Delete(path);
        }
    }

    [Fact]
    public void SaveWritesSvgOrAnInteractivePageByExtension()
    {
        var folder = Directory.CreateTempSubdirectory("attend-plots-");
        try
        {
            var map = new Heatmap(new float[,] { { 1, 2 } }) { Title = "map & co" };
            map.Save(Path.Combine(folder.FullName, "map.svg"));
            map.Save(Path.Combine(folder.FullName, "map.HTML"));

            var svg = XDocument.Load(Path.Combine(folder.FullName, "map.svg"));
            Assert.Equal(Svg + "svg", svg.Root!.Name);
            Assert.Equal((byte)'<', File.ReadAllBytes(Path.Combine(folder.FullName, "map.svg"))[0]); // no byte-order mark

            var page = File.ReadAllText(Path.Combine(folder.FullName, "map.HTML"));
            Assert.StartsWith("<!DOCTYPE html>", page);
            Assert.Contains("<title>map &amp; co</title>", page);
            Assert.Contains("\"type\":\"heatmap\"", page);
            Assert.Contains("<noscript><svg", page);

            var error = Assert.Throws<ArgumentException>(() => map.Save(Path.Combine(folder.FullName, "map.png")));
            Assert.Contains(".svg", error.Message);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static int CountOf(string text, string part) =>
        (text.Length - text.Replace(part, "", StringComparison.OrdinalIgnoreCase).Length) / part.Length;
}
