using System.Text.Json.Nodes;
using Attend.Notebooks.Documents;

namespace Attend.Notebooks.Tests;

public class TextLinesTests
{
    [Theory]
    [InlineData("", new string[0])]
    [InlineData("a", new[] { "a" })]
    [InlineData("a\n", new[] { "a\n" })]
    [InlineData("a\nb", new[] { "a\n", "b" })]
    [InlineData("a\n\nb\n", new[] { "a\n", "\n", "b\n" })]
    [InlineData("\n", new[] { "\n" })]
    [InlineData("x\r\ny", new[] { "x\r\n", "y" })]
    public void SplitKeepsEachLineBreakAndDropsTheEmptyTail(string text, string[] expected)
    {
        Assert.Equal(expected, TextLines.Split(text));
        Assert.Equal(text, string.Concat(TextLines.Split(text)));
    }

    [Fact]
    public void JoinAcceptsALineArrayAPlainStringAndNothing()
    {
        Assert.Equal("a\nb", TextLines.Join(JsonNode.Parse("""["a\n", "b"]""")));
        Assert.Equal("a\nb", TextLines.Join(JsonValue.Create("a\nb")));
        Assert.Equal("", TextLines.Join(null));
        Assert.Throws<FormatException>(() => TextLines.Join(JsonValue.Create(3)));
    }
}
