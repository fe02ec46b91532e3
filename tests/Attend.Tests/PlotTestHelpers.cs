using System.Globalization;
using System.Xml.Linq;
using Attend.Plots;

namespace Attend.Tests;

public static class PlotTestHelpers
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    public static readonly XNamespace XLink = "http://www.w3.org/1999/xlink";

    /// <summary>Text full of markup characters, both quotes and a control character.</summary>
    public const string Nasty = "a<b & \"c\" 'd'>";

    public static XElement ParseSvg(string svg)
    {
        var root = XDocument.Parse(svg).Root!;
        Assert.Equal(Svg + "svg", root.Name);
        return root;
    }

    public static IEnumerable<XElement> All(this XElement root, string name) => root.Descendants(Svg + name);

    /// <summary>The visible text of every text element (not tooltips).</summary>
    public static List<string> Texts(this XElement root) =>
        [.. root.All("text").Select(t => string.Concat(t.Nodes().OfType<XText>().Select(n => n.Value)))];

    public static double Num(this XElement element, string attribute) =>
        double.Parse(element.Attribute(attribute)!.Value, NumberStyles.Float, CultureInfo.InvariantCulture);

    public static List<(double X, double Y)> Points(this XElement polyline) =>
        [.. polyline.Attribute("points")!.Value.Split(' ').Select(p =>
        {
            var xy = p.Split(',');
            Assert.Equal(2, xy.Length);
            return (double.Parse(xy[0], CultureInfo.InvariantCulture), double.Parse(xy[1], CultureInfo.InvariantCulture));
        })];

    /// <summary>One of each plot, with markup characters in every label.</summary>
    public static List<Plot> OneOfEach(string label = Nasty)
    {
        var line = new LineChart { Title = label, XLabel = label, YLabel = label };
        line.Add(label, [0.5, 1.5, double.NaN, 2.25]);
        line.Add("second", [1.0, 2.0], [-1.5, 3.75]);

        var heatmap = new Heatmap(new float[,] { { 0.1f, 0.9f }, { 0.5f, -0.25f } }, [label, "r1"], ["c0", label])
        {
            Title = label,
            XLabel = label,
            YLabel = label,
            ShowValues = true,
        };

        var bars = new BarChart { Title = label, XLabel = label, YLabel = label };
        bars.AddSeries(label, ["x", label], [1.5, -0.5]);
        bars.AddSeries("other", ["x", label], [0.25, 2.0]);

        var grid = new ImageGrid(2) { Title = label };
        grid.Add(torch.tensor([0f, 0.5f, 1f, 0.25f], [2, 2]), label, torch.tensor([0f, 1f, 2f, 3f], [2, 2]));
        grid.Add(torch.tensor(Enumerable.Range(0, 60).Select(i => i / 59f).ToArray(), [3, 4, 5]), "rgb");

        return [line, heatmap, bars, grid];
    }

    /// <summary>
    /// A culture that writes 1.5 as "1,5", groups thousands with "." and writes minus as U+2212: stricter than
    /// de-DE (which the tests' invariant-globalization mode may not even provide).
    /// </summary>
    public static CultureInfo DecimalCommaCulture()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NumberGroupSeparator = ".";
        culture.NumberFormat.NegativeSign = "\u2212";
        return culture;
    }

    public static T InCulture<T>(CultureInfo culture, Func<T> action)
    {
        var (saved, savedUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
            CultureInfo.CurrentUICulture = savedUi;
        }
    }
}
