using System.Xml.Linq;
using Attend.Display;
using Attend.Plots;
using static Attend.Tests.PlotTestHelpers;

namespace Attend.Tests;

public class PlotSvgTests
{
    [Fact]
    public void EveryPlotTypeWritesWellFormedSvgWithASize()
    {
        foreach (var plot in OneOfEach())
        {
            var root = ParseSvg(plot.ToSvg());
            Assert.True(root.Num("width") > 50, plot.GetType().Name);
            Assert.True(root.Num("height") > 50, plot.GetType().Name);
            Assert.Equal($"0 0 {root.Attribute("width")!.Value} {root.Attribute("height")!.Value}", root.Attribute("viewBox")!.Value);
        }
    }

    [Fact]
    public void MarkupCharactersInEveryLabelAreEscapedAndReadBackVerbatim()
    {
        foreach (var plot in OneOfEach(Nasty))
        {
            var svg = plot.ToSvg();
            Assert.DoesNotContain(Nasty, svg); // raw, it would be broken markup
            Assert.Contains("a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;", svg);
            var texts = ParseSvg(svg).Texts();

            // Title, and for charts the axis names, the series or row/column label: each reads back exactly.
            var expected = plot is ImageGrid ? 2 : 4;
            Assert.True(texts.Count(t => t == Nasty) >= expected, $"{plot.GetType().Name}: {string.Join(" | ", texts)}");
        }
    }

    [Fact]
    public void EscapeHandlesTheFiveMarkupCharactersAndCharactersXmlForbids()
    {
        Assert.Equal("&amp;&lt;&gt;&quot;&#39;", SvgWriter.Escape("&<>\"'"));
        Assert.Equal("tab\tok \uFFFD \uFFFD", SvgWriter.Escape("tab\tok \u0001 \uD800"));
        Assert.Equal("emoji 🙂 stays", SvgWriter.Escape("emoji 🙂 stays"));

        // A label with a control character still parses.
        var chart = new BarChart { Title = "bell\u0007" }.Add("x", 1);
        Assert.Contains("bell\uFFFD", ParseSvg(chart.ToSvg()).Texts());
    }

    [Fact]
    public void HtmlIsTheInlineSvgInADivWithoutScripts()
    {
        foreach (var plot in OneOfEach())
        {
            var html = plot.ToHtml();
            Assert.StartsWith("<div class=\"attend-plot\"", html);
            Assert.Contains(plot.ToSvg(), html);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(" id=", html); // no ids: many plots can share one notebook page
            XDocument.Parse(html);
        }
    }

    [Fact]
    public void EveryPlotClassCarriesTheFormatterAttributeAndFormatsThroughTheSource()
    {
        foreach (var type in new[] { typeof(LineChart), typeof(Heatmap), typeof(BarChart), typeof(ImageGrid), typeof(InteractivePlot) })
        {
            var attribute = (TypeFormatterSourceAttribute?)Attribute.GetCustomAttribute(type, typeof(TypeFormatterSourceAttribute), inherit: false);
            Assert.NotNull(attribute);
            Assert.Equal(typeof(AttendFormatterSource), attribute.FormatterSourceType);
            Assert.True(typeof(IRichDisplay).IsAssignableFrom(type));
        }

        var chart = new BarChart { Title = "t" }.Add("a", 1);
        var formatters = new AttendFormatterSource().CreateTypeFormatters().Cast<ConventionFormatter>().ToList();
        var html = new StringWriter();
        var text = new StringWriter();
        Assert.True(formatters.First(f => f.MimeType == "text/html" && f.Type == typeof(IRichDisplay)).Format(chart, html));
        Assert.True(formatters.First(f => f.MimeType == "text/plain" && f.Type == typeof(IRichDisplay)).Format(chart, text));
        Assert.Equal(chart.ToHtml(), html.ToString());
        Assert.Equal("BarChart \"t\": a 1", text.ToString());
    }

    [Fact]
    public void SummariesAreOneLine()
    {
        foreach (var plot in OneOfEach("title"))
        {
            var summary = plot.ToString();
            Assert.DoesNotContain('\n', summary);
            Assert.StartsWith(plot.GetType().Name + " \"title\"", summary);
        }

        Assert.Equal("LineChart: no series", new LineChart().ToString());
        Assert.Equal("BarChart: no bars", new BarChart().ToString());
        Assert.Equal("ImageGrid: no images", new ImageGrid().ToString());
    }

    [Fact]
    public void EmptyPlotsStillDraw()
    {
        Assert.Contains("no data", ParseSvg(new LineChart().ToSvg()).Texts());
        Assert.Contains("no data", ParseSvg(new BarChart().ToSvg()).Texts());
        ParseSvg(new ImageGrid().ToSvg());
    }
}
