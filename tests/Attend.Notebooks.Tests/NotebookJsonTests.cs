using System.Text.Json.Nodes;
using Attend.Notebooks.Documents;

namespace Attend.Notebooks.Tests;

public class NotebookJsonTests
{
    [Fact]
    public void KeysAreSortedOrdinallyWithOneSpaceIndentation()
    {
        var json = JsonNode.Parse("""{"b": [1, {}], "B": [], "a": {"z": null, "y": true}}""");

        // Ordinal order puts upper case first, as JavaScript's sort() does.
        Assert.Equal("{\n \"B\": [],\n \"a\": {\n  \"y\": true,\n  \"z\": null\n },\n \"b\": [\n  1,\n  {}\n ]\n}", NotebookJson.Write(json));
    }

    [Fact]
    public void StringsAreEscapedAsJsonStringifyDoes()
    {
        var text = "quote \" backslash \\ tab \t newline \n bell \u0007 html <b>&</b> é 🧠 lone \ud800 end";

        var written = NotebookJson.Write(JsonValue.Create(text));

        Assert.Equal("\"quote \\\" backslash \\\\ tab \\t newline \\n bell \\u0007 html <b>&</b> é 🧠 lone \\ud800 end\"", written);
    }

    [Fact]
    public void NumbersKeepTheTextTheyWereReadWith()
    {
        var json = JsonNode.Parse("[2.50, -3e-5, 10]");

        Assert.Equal("[2.50,-3e-5,10]", NotebookJson.Write(json, indent: null));
    }
}
