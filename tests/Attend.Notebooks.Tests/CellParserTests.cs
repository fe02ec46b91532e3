using Attend.Notebooks.Execution;
using Attend.Notebooks.Packages;

namespace Attend.Notebooks.Tests;

public class CellParserTests
{
    [Fact]
    public void PackageDirectivesAreHoistedAndCodeKeepsTheCellsLineNumbers()
    {
        var cell = CellParser.Parse("var a = 1;\n#r \"nuget: Newtonsoft.Json, 13.0.1\"\n#i \"nuget: https://example.org/v3/index.json\"\nvar b = a;");

        Assert.Equal([new PackageRequest("Newtonsoft.Json", "13.0.1")], cell.Packages);
        Assert.Equal(["https://example.org/v3/index.json"], cell.Sources);
        var code = Assert.IsType<CodePart>(Assert.Single(cell.Parts));
        Assert.Equal("var a = 1;\n\n\nvar b = a;", code.Code);
    }

    [Fact]
    public void MagicsSplitTheCellAndLaterCodeIsPaddedToItsLine()
    {
        var cell = CellParser.Parse("#!time\nvar x = 1;\n#!import \"helper.cs\"\nx");

        Assert.Collection(cell.Parts,
            p => Assert.Equal(new MagicPart(0, "time", ""), p),
            p => Assert.Equal("\nvar x = 1;", Assert.IsType<CodePart>(p).Code),
            p => Assert.Equal(new MagicPart(2, "import", "helper.cs"), p),
            p => Assert.Equal("\n\n\nx", Assert.IsType<CodePart>(p).Code));
    }

    [Fact]
    public void KernelSelectorsSwitchKernelsAndUnknownMagicsAreErrorsNamingThem()
    {
        var cell = CellParser.Parse("#!csharp\n1\n#!markdown\n# title\n#!whatever\n#!csharp\n#!nope --flag\n2");

        Assert.IsType<CodePart>(cell.Parts[0]);
        Assert.Equal(new KernelPart(2, "markdown"), cell.Parts[1]); // '#!whatever' inside Markdown is text
        Assert.Equal(["Unrecognized magic command: #!nope"], cell.Errors);
    }

    [Theory]
    [InlineData("nuget: Foo", "Foo", null)]
    [InlineData("nuget:Foo,1.*", "Foo", "1.*")]
    [InlineData("nuget: Foo.Bar, [1.0,2.0)", "Foo.Bar", "[1.0,2.0)")]
    [InlineData("nuget: Foo, *-*", "Foo", "*-*")]
    public void PackageRequestsParseNameAndVersion(string text, string name, string? version)
    {
        Assert.True(PackageRequest.TryParse(text, out var request, out _));
        Assert.Equal(new PackageRequest(name, version), request);
    }

    [Fact]
    public void MalformedDirectivesAreErrors()
    {
        Assert.Single(CellParser.Parse("#r \"nuget: Foo/1.0\"").Errors);
        Assert.Contains("#i expects", Assert.Single(CellParser.Parse("#i \"https://example.org\"").Errors));
    }
}
