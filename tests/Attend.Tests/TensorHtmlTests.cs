using System.Text.RegularExpressions;
using Attend.Display;

namespace Attend.Tests;

/// <summary>The HTML table of a tensor, read back as rows of cell texts.</summary>
public class TensorHtmlTests
{
    [Fact]
    public void AMatrixHasACaptionIndexHeadersAndPyTorchFormattedValues()
    {
        var html = TensorHtml.Render(torch.tensor([1f, -2.5f, 3f, 4f, 5f, 6f], [2, 3]));

        Assert.Contains("<div class=\"note\">tensor [2, 3] · float32 · cpu</div>", html);
        // Not all whole → 4 decimals for every value, as tensor.ToString() writes them.
        Assert.Equal(
            [["", "0", "1", "2"], ["0", "1.0000", "-2.5000", "3.0000"], ["1", "4.0000", "5.0000", "6.0000"]],
            Tables(html).Single());
    }

    [Fact]
    public void VectorsAndScalarsUseTheSameNumberFormatsAsThePlainText()
    {
        Assert.Equal([["0", "1", "2"], ["1.", "2.", "3."]], Tables(TensorHtml.Render(torch.tensor([1f, 2f, 3f]))).Single());
        Assert.Equal([["3.5000"]], Tables(TensorHtml.Render(torch.tensor(3.5f))).Single());
        Assert.Equal([["0"], ["1.0000e-05"]], Tables(TensorHtml.Render(torch.tensor([1e-5f]))).Single());
    }

    [Fact]
    public void LargeMatricesKeepTheirFirstAndLastRowsAndColumnsAroundEllipses()
    {
        var table = Tables(TensorHtml.Render(torch.arange(600).reshape(20, 30), maxItems: 4)).Single();

        Assert.Equal(["", "0", "1", "…", "28", "29"], table[0]);
        Assert.Equal(["0", "0.", "1.", "…", "28.", "29."], table[1]);
        Assert.Equal(["⋮", "⋮", "⋮", "⋱", "⋮", "⋮"], table[3]);
        Assert.Equal(["19", "570.", "571.", "…", "598.", "599."], table[5]);
        Assert.Equal(6, table.Count);
    }

    [Fact]
    public void ThreeOrMoreDimensionsShowTheFirstMatricesWithTheirIndex()
    {
        var html = TensorHtml.Render(torch.arange(30).reshape(5, 2, 3));

        Assert.Equal(3, Tables(html).Count);
        Assert.Equal(["1", "9.", "10.", "11."], Tables(html)[1][2]); // matrix 1, row 1: 6 + 3 + 0..2
        Assert.Contains("<div class=\"note\">[0, :, :]</div>", html);
        Assert.Contains("<div class=\"note\">[2, :, :]</div>", html);
        Assert.Contains("… 2 more of 5 matrices", html);

        var four = TensorHtml.Render(torch.zeros(2, 2, 2, 2), maxSlices: 3);
        Assert.Contains("[0, 1, :, :]", four);
        Assert.Contains("[1, 0, :, :]", four);
        Assert.DoesNotContain("[1, 1, :, :]", four);
    }

    [Fact]
    public void TheCaptionTellsAutogradStateParametersAndEmptiness()
    {
        var leaf = torch.ones(2).requires_grad_();
        Assert.Contains("tensor [2] · float32 · cpu · requires_grad", TensorHtml.Render(leaf));
        Assert.Matches("tensor \\[2\\] · float32 · cpu · grad_fn=&lt;\\w+Backward0&gt;", TensorHtml.Render(leaf * 2));
        Assert.Contains("parameter [3]", TensorHtml.Render(new Parameter(torch.zeros(3))));
        Assert.Contains("(no elements)", TensorHtml.Render(torch.zeros(0, 3)));
    }

    /// <summary>Every table as rows of cell texts (header cells included).</summary>
    private static List<List<List<string>>> Tables(string html) =>
        [.. Regex.Matches(html, "<table>(.*?)</table>").Select(table =>
            Regex.Matches(table.Groups[1].Value, "<tr>(.*?)</tr>").Select(row =>
                Regex.Matches(row.Groups[1].Value, "<t[dh]>(.*?)</t[dh]>").Select(cell => cell.Groups[1].Value).ToList()).ToList())];
}
