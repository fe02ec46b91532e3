using System.Text;

namespace Attend.Display;

/// <summary>
/// A tensor as a compact HTML table for notebooks: a caption with shape, dtype, device and autograd state, then the
/// values formatted as PyTorch prints them (one format for all shown values: <c>1.</c>, <c>0.5000</c> or
/// <c>1.0000e-05</c>). Long rows and columns keep their first and last entries around an ellipsis; a tensor of three
/// or more dimensions shows its first matrices, each labelled with its index (<c>[0, :, :]</c>).
/// </summary>
public static class TensorHtml
{
    /// <summary>The CSS of the table, scoped to its class so that it cannot restyle the rest of a notebook.</summary>
    private const string Style =
        "<style>.attend-tensor{font-family:monospace;font-size:12px}" +
        ".attend-tensor table{border-collapse:collapse;margin:2px 0}" +
        ".attend-tensor td,.attend-tensor th{padding:1px 6px;text-align:right;border:none}" +
        ".attend-tensor th{color:#999;font-weight:normal}" +
        ".attend-tensor .note{color:#666}</style>";

    /// <summary>Renders <paramref name="tensor"/>.</summary>
    /// <param name="tensor">The tensor.</param>
    /// <param name="maxItems">The most rows and columns shown; above it, the first and last <c>maxItems / 2</c> around an ellipsis.</param>
    /// <param name="maxSlices">The most matrices shown of a tensor with three or more dimensions.</param>
    public static string Render(Tensor tensor, int maxItems = 12, int maxSlices = 3)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxItems, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSlices, 1);

        var html = new StringBuilder(Style).Append("<div class=\"attend-tensor\">");
        html.Append("<div class=\"note\">").Append(HtmlText.Encode(Caption(tensor))).Append("</div>");
        var shape = tensor.shape;
        if (tensor.numel() == 0)
        {
            return html.Append("<div class=\"note\">(no elements)</div></div>").ToString();
        }

        // Every tensor is seen as a stack of matrices [slices, rows, cols]: a scalar is 1×1, a vector one row.
        var rows = shape.Length >= 2 ? shape[^2] : 1;
        var cols = shape.Length >= 1 ? shape[^1] : 1;
        var slices = tensor.numel() / (rows * cols);
        var shownSlices = Math.Min(slices, maxSlices);
        var shownRows = Shown(rows, maxItems);
        var shownCols = Shown(cols, maxItems);
        var values = tensor.ToArray();

        // One number format for everything shown, chosen as PyTorch chooses it.
        var shownValues = from s in Enumerable.Range(0, shownSlices)
                          from r in shownRows.Where(r => r >= 0)
                          from c in shownCols.Where(c => c >= 0)
                          select values[(((s * rows) + r) * cols) + c];
        var formatter = new Tensor.ValueFormatter(shownValues.ToList());

        for (var s = 0; s < shownSlices; s++)
        {
            if (shape.Length >= 3)
            {
                html.Append("<div class=\"note\">").Append(SliceLabel(shape, s)).Append("</div>");
            }

            AppendMatrix(html, values, s * rows * cols, cols, shownRows, shownCols, shape.Length, formatter);
        }

        if (slices > shownSlices)
        {
            html.Append("<div class=\"note\">… ").Append(slices - shownSlices).Append(" more of ").Append(slices).Append(" matrices</div>");
        }

        return html.Append("</div>").ToString();
    }

    /// <summary>"tensor [2, 3] · float32 · cpu · requires_grad" (a parameter says so first).</summary>
    private static string Caption(Tensor tensor)
    {
        var caption = $"{(tensor is Parameter ? "parameter" : "tensor")} {Tensor.Format(tensor.shape)} · float32 · {tensor.device}";
        if (tensor.grad_fn is { } node)
        {
            caption += $" · grad_fn={node}";
        }
        else if (tensor.requires_grad)
        {
            caption += " · requires_grad";
        }

        return caption;
    }

    /// <summary>The indices shown along a dimension of <paramref name="size"/>: all, or the first and last halves of <paramref name="max"/> with −1 for the ellipsis.</summary>
    private static int[] Shown(int size, int max) =>
        size <= max
            ? [.. Enumerable.Range(0, size)]
            : [.. Enumerable.Range(0, max / 2), -1, .. Enumerable.Range(size - (max / 2), max / 2)];

    /// <summary>The index of matrix <paramref name="slice"/> in the leading dimensions: "[1, 0, :, :]".</summary>
    private static string SliceLabel(int[] shape, int slice)
    {
        var index = new string[shape.Length];
        index[^1] = index[^2] = ":";
        for (var d = shape.Length - 3; d >= 0; d--)
        {
            index[d] = (slice % shape[d]).ToString(System.Globalization.CultureInfo.InvariantCulture);
            slice /= shape[d];
        }

        return "[" + string.Join(", ", index) + "]";
    }

    /// <summary>One matrix; column indices as a header row for a tensor of rank ≥ 1, row indices too for rank ≥ 2.</summary>
    private static void AppendMatrix(StringBuilder html, float[] values, int offset, int cols, int[] rows, int[] columns,
        int rank, Tensor.ValueFormatter formatter)
    {
        html.Append("<table>");
        if (rank >= 1)
        {
            html.Append("<tr>").Append(rank >= 2 ? "<th></th>" : "");
            foreach (var c in columns)
            {
                html.Append("<th>").Append(Index(c, "…")).Append("</th>");
            }

            html.Append("</tr>");
        }

        foreach (var r in rows)
        {
            html.Append("<tr>");
            if (rank >= 2)
            {
                html.Append("<th>").Append(Index(r, "⋮")).Append("</th>");
            }

            foreach (var c in columns)
            {
                var text = r < 0 ? (c < 0 ? "⋱" : "⋮") : c < 0 ? "…" : formatter.Format(values[offset + (r * cols) + c]).Trim();
                html.Append("<td>").Append(text).Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</table>");
    }

    private static string Index(int i, string elided) => i < 0 ? elided : i.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
