using System.Globalization;
using System.Net;

namespace Attend.Display;

/// <summary>A tensor as a compact HTML table: shape and device in a caption, values of a 1-D or 2-D tensor (or a preview).</summary>
public static class TensorHtml
{
    /// <summary>Renders <paramref name="tensor"/>; large tensors show their first rows and columns.</summary>
    public static string Render(Tensor tensor, int maxRows = 12, int maxCols = 12)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var shape = tensor.shape;
        var caption = $"tensor {Tensor.Format(shape)} · float32 · {tensor.device}" + (tensor.requires_grad ? " · requires_grad" : "");
        var html = new System.Text.StringBuilder();
        html.Append("<table class=\"attend-tensor\" style=\"border-collapse:collapse;font-family:monospace;font-size:12px\">");
        html.Append("<caption style=\"text-align:left\">").Append(WebUtility.HtmlEncode(caption)).Append("</caption>");
        var matrix = shape.Length switch
        {
            0 => tensor.reshape(1, 1),
            1 => tensor.reshape(1, shape[0]),
            2 => tensor,
            _ => tensor.reshape(-1, shape[^1]),
        };
        var rows = matrix.size(0);
        var cols = matrix.size(1);
        var values = matrix.detach().ToArray();
        for (var r = 0; r < Math.Min(rows, maxRows); r++)
        {
            html.Append("<tr>");
            for (var c = 0; c < Math.Min(cols, maxCols); c++)
            {
                html.Append("<td style=\"padding:1px 6px;text-align:right\">")
                    .Append(values[(r * cols) + c].ToString("G5", CultureInfo.InvariantCulture)).Append("</td>");
            }

            if (cols > maxCols)
            {
                html.Append("<td>…</td>");
            }

            html.Append("</tr>");
        }

        if (rows > maxRows)
        {
            html.Append("<tr><td>⋮</td></tr>");
        }

        return html.Append("</table>").ToString();
    }
}
