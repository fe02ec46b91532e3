using System.Text;
using static Attend.Plots.PlotNumbers;

namespace Attend.Plots;

/// <summary>
/// Writes an SVG picture element by element. Two rules keep the output valid whatever the data:
/// every number goes through <see cref="PlotNumbers.Svg"/> (invariant culture), and every piece of user text
/// through <see cref="Escape"/>, so a label such as <c>&lt;eos&gt;</c> or <c>"a" &amp; 'b'</c> shows as written.
/// The picture uses no ids and no scripts: many plots can share one notebook page, and GitHub shows it as is.
/// </summary>
internal sealed class SvgWriter
{
    private const string Font = "Helvetica, Arial, sans-serif";
    private readonly StringBuilder svg = new();

    /// <summary>Starts a <paramref name="width"/> × <paramref name="height"/> picture on a white background.</summary>
    public SvgWriter(double width, double height)
    {
        svg.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"")
            .Append(" width=\"").Append(Svg(width)).Append("\" height=\"").Append(Svg(height)).Append('"')
            .Append(" viewBox=\"0 0 ").Append(Svg(width)).Append(' ').Append(Svg(height)).Append('"')
            .Append(" font-family=\"").Append(Font).Append("\" font-size=\"11\" style=\"max-width:100%;height:auto\">\n");
        Rect(0, 0, width, height, "#ffffff");
    }

    /// <summary>
    /// Text made safe for XML content and attribute values: the five markup characters become entities and
    /// characters XML forbids (control characters, unpaired surrogates) become U+FFFD.
    /// </summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&': escaped.Append("&amp;"); break;
                case '<': escaped.Append("&lt;"); break;
                case '>': escaped.Append("&gt;"); break;
                case '"': escaped.Append("&quot;"); break;
                case '\'': escaped.Append("&#39;"); break;
                case '\t' or '\n' or '\r': escaped.Append(c); break;
                case < ' ' or '\uFFFE' or '\uFFFF': escaped.Append('\uFFFD'); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        escaped.Append(c).Append(text[++i]);
                    }
                    else
                    {
                        escaped.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
                    }

                    break;
            }
        }

        return escaped.ToString();
    }

    /// <summary>A filled rectangle; <paramref name="tooltip"/> shows when the mouse rests on it.</summary>
    public void Rect(double x, double y, double width, double height, string fill, string? stroke = null, string? tooltip = null)
    {
        svg.Append("<rect x=\"").Append(Svg(x)).Append("\" y=\"").Append(Svg(y))
            .Append("\" width=\"").Append(Svg(Math.Max(0, width))).Append("\" height=\"").Append(Svg(Math.Max(0, height)))
            .Append("\" fill=\"").Append(fill).Append('"');
        if (stroke is not null)
        {
            svg.Append(" stroke=\"").Append(stroke).Append('"');
        }

        EndElement("rect", tooltip);
    }

    /// <summary>A straight line; <paramref name="dash"/> is an SVG dash pattern such as "3,3".</summary>
    public void Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, string? dash = null)
    {
        svg.Append("<line x1=\"").Append(Svg(x1)).Append("\" y1=\"").Append(Svg(y1))
            .Append("\" x2=\"").Append(Svg(x2)).Append("\" y2=\"").Append(Svg(y2))
            .Append("\" stroke=\"").Append(stroke).Append("\" stroke-width=\"").Append(Svg(width)).Append('"');
        if (dash is not null)
        {
            svg.Append(" stroke-dasharray=\"").Append(dash).Append('"');
        }

        svg.Append("/>\n");
    }

    /// <summary>A connected line through <paramref name="points"/> (pixel coordinates).</summary>
    public void Polyline(IEnumerable<(double X, double Y)> points, string stroke, double width, string? tooltip = null)
    {
        svg.Append("<polyline fill=\"none\" stroke=\"").Append(stroke).Append("\" stroke-width=\"").Append(Svg(width))
            .Append("\" stroke-linejoin=\"round\" stroke-linecap=\"round\" points=\"");
        var first = true;
        foreach (var (x, y) in points)
        {
            svg.Append(first ? "" : " ").Append(Svg(x)).Append(',').Append(Svg(y));
            first = false;
        }

        svg.Append('"');
        EndElement("polyline", tooltip);
    }

    /// <summary>A filled circle (a lone data point).</summary>
    public void Circle(double cx, double cy, double radius, string fill, string? tooltip = null)
    {
        svg.Append("<circle cx=\"").Append(Svg(cx)).Append("\" cy=\"").Append(Svg(cy)).Append("\" r=\"").Append(Svg(radius))
            .Append("\" fill=\"").Append(fill).Append('"');
        EndElement("circle", tooltip);
    }

    /// <summary>
    /// Text at (<paramref name="x"/>, <paramref name="y"/>). <paramref name="anchor"/> is "start", "middle" or "end";
    /// <paramref name="middle"/> centres the text vertically on y instead of sitting it on y;
    /// <paramref name="rotate"/> turns it (degrees, negative = counter-clockwise) around (x, y).
    /// </summary>
    public void Text(double x, double y, string text, string anchor = "start", double size = 11, bool middle = false,
        double rotate = 0, bool bold = false, string fill = "#333333", string? tooltip = null)
    {
        svg.Append("<text x=\"").Append(Svg(x)).Append("\" y=\"").Append(Svg(y)).Append('"');
        if (anchor != "start")
        {
            svg.Append(" text-anchor=\"").Append(anchor).Append('"');
        }

        if (middle)
        {
            // dy rather than dominant-baseline: every SVG renderer honours it.
            svg.Append(" dy=\"0.35em\"");
        }

        if (size != 11)
        {
            svg.Append(" font-size=\"").Append(Svg(size)).Append('"');
        }

        if (bold)
        {
            svg.Append(" font-weight=\"bold\"");
        }

        if (rotate != 0)
        {
            svg.Append(" transform=\"rotate(").Append(Svg(rotate)).Append(' ').Append(Svg(x)).Append(' ').Append(Svg(y)).Append(")\"");
        }

        svg.Append(" fill=\"").Append(fill).Append("\">");
        if (tooltip is not null)
        {
            svg.Append("<title>").Append(Escape(tooltip)).Append("</title>");
        }

        svg.Append(Escape(text)).Append("</text>\n");
    }

    /// <summary>
    /// A PNG image stretched to the given box. <paramref name="pixelated"/> shows enlarged pixels as sharp
    /// squares (right for a 28×28 digit or a heatmap) instead of blurring them.
    /// </summary>
    public void Image(double x, double y, double width, double height, byte[] png, bool pixelated)
    {
        var uri = PngEncoder.ToDataUri(png);

        // href is SVG 2; xlink:href is what older viewers and converters read.
        svg.Append("<image x=\"").Append(Svg(x)).Append("\" y=\"").Append(Svg(y))
            .Append("\" width=\"").Append(Svg(width)).Append("\" height=\"").Append(Svg(height))
            .Append("\" preserveAspectRatio=\"none\"");
        if (pixelated)
        {
            svg.Append(" image-rendering=\"optimizeSpeed\" style=\"image-rendering:pixelated\"");
        }

        svg.Append(" href=\"").Append(uri).Append("\" xlink:href=\"").Append(uri).Append("\"/>\n");
    }

    /// <summary>Opens a group; <paramref name="crisp"/> turns off anti-aliasing so touching cells show no hairline seams.</summary>
    public void BeginGroup(bool crisp = false) => svg.Append(crisp ? "<g shape-rendering=\"crispEdges\">\n" : "<g>\n");

    /// <summary>Closes the group opened last.</summary>
    public void EndGroup() => svg.Append("</g>\n");

    /// <summary>The finished picture.</summary>
    public override string ToString() => svg + "</svg>";

    private void EndElement(string name, string? tooltip)
    {
        if (tooltip is null)
        {
            svg.Append("/>\n");
        }
        else
        {
            svg.Append("><title>").Append(Escape(tooltip)).Append("</title></").Append(name).Append(">\n");
        }
    }
}
