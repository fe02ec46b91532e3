using System.Globalization;
using Attend.Plots;
using static Attend.Tests.PlotTestHelpers;

namespace Attend.Tests;

/// <summary>A German (or stricter) locale must not change a single character of the output.</summary>
public class PlotCultureTests
{
    private static readonly string[] NumericAttributes =
        ["x", "y", "width", "height", "x1", "y1", "x2", "y2", "cx", "cy", "r", "font-size", "stroke-width"];

    [Fact]
    public void TheTestCultureReallyWritesDecimalCommas()
    {
        Assert.Equal("1,5", InCulture(DecimalCommaCulture(), () => 1.5.ToString()));
        Assert.Equal("\u22122", InCulture(DecimalCommaCulture(), () => (-2).ToString()));
    }

    [Fact]
    public void OutputIsIdenticalUnderADecimalCommaCulture()
    {
        var invariant = InCulture(CultureInfo.InvariantCulture, () => OneOfEach().Select(Outputs).ToList());
        var comma = InCulture(DecimalCommaCulture(), () => OneOfEach().Select(Outputs).ToList());
        Assert.Equal(invariant, comma);

        // de-DE itself, where this runtime has it (invariant-globalization mode does not).
        CultureInfo? german = null;
        try
        {
            german = CultureInfo.GetCultureInfo("de-DE");
        }
        catch (CultureNotFoundException)
        {
        }

        if (german is not null && german.NumberFormat.NumberDecimalSeparator == ",")
        {
            Assert.Equal(invariant, InCulture(german, () => OneOfEach().Select(Outputs).ToList()));
        }
    }

    [Fact]
    public void EveryNumberInTheSvgParsesAsAnInvariantNumber()
    {
        var svgs = InCulture(DecimalCommaCulture(), () => OneOfEach().Select(p => p.ToSvg()).ToList());
        foreach (var svg in svgs)
        {
            var root = ParseSvg(svg);
            foreach (var element in root.DescendantsAndSelf())
            {
                foreach (var name in NumericAttributes)
                {
                    if (element.Attribute(name) is { } attribute)
                    {
                        Assert.True(double.TryParse(attribute.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
                            $"{element.Name.LocalName} {name}=\"{attribute.Value}\"");
                        Assert.DoesNotContain(",", attribute.Value);
                    }
                }

                if (element.Name.LocalName == "polyline")
                {
                    Assert.NotEmpty(element.Points()); // each point exactly "x,y"
                }
            }

            // Tick and value labels use a decimal point: the line chart's 0.5-step ticks, the heatmap's 0.25 etc.
            Assert.DoesNotMatch(@">-?\d+,\d+<", svg);
            Assert.DoesNotContain("\u2212", svg);
        }
    }

    private static (string Svg, string Json, string Text) Outputs(Plot plot) => (plot.ToSvg(), plot.ToPlotlyJson(), plot.ToString());
}
