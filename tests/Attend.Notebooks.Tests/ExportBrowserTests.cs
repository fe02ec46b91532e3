using System.Text.RegularExpressions;
using Attend.Notebooks.Documents;
using Attend.Notebooks.Export;

namespace Attend.Notebooks.Tests;

/// <summary>
/// Opens an exported page in headless Chromium, offline: the fixture's "plot" (an SVG with a big #e4572e rect)
/// must be on the screenshot, KaTeX must typeset the math with its own fonts, and the console must stay silent.
/// </summary>
public class ExportBrowserTests
{
    private static readonly (byte R, byte G, byte B) PlotColour = (0xE4, 0x57, 0x2E);

    [ChromiumFact]
    public async Task AnExportedPageRendersOfflineWithItsPlotAndItsMath()
    {
        Assert.True(ExportChromium.Available, $"CI=true but {ExportChromium.Path} is missing: .ci/run should install it (apt-get install chromium)");
        var folder = Fixture.TempFolder();
        try
        {
            var notebooks = Directory.GetFiles(Path.Combine(Fixture.Folder, "export"), "*.ipynb").Order(StringComparer.Ordinal)
                .Select(f => (NotebookFile.Load(f), Path.GetFileName(f))).ToList();
            var export = Path.Combine(folder, "site");
            HtmlExporter.Export(notebooks, export);
            var page = Path.Combine(export, "01-attention.html");
            var url = new Uri(page).AbsoluteUri;
            var screenshot = Path.Combine(folder, "page.png");

            // Chromium logs every console message as "...:CONSOLE:..." and, with this vmodule, every file it opens.
            var (_, log) = await ExportChromium.RunAsync(url, Path.Combine(folder, "profile1"),
                "--enable-logging=stderr", "--v=0", "--vmodule=file_url_loader_factory=1",
                $"--screenshot={screenshot}", "--window-size=1000,800");

            var lines = log.Split('\n');
            var console = lines.Where(l => l.Contains(":CONSOLE", StringComparison.Ordinal)).ToList();
            Assert.True(console.Count == 0, "the page wrote to the console:\n" + string.Join('\n', console));

            var opened = lines.Select(l => Regex.Match(l, @"FileURLLoader::Start: (file://\S+)")).Where(m => m.Success)
                .Select(m => new Uri(m.Groups[1].Value).LocalPath).ToList();
            Assert.Contains(page, opened);
            Assert.All(opened, f => Assert.True(f.StartsWith(export, StringComparison.Ordinal) && File.Exists(f), $"the page asked for {f}, which the export lacks"));
            Assert.Contains(opened, f => f.EndsWith("render-math.js", StringComparison.Ordinal));
            Assert.Contains(opened, f => f.EndsWith(".woff2", StringComparison.Ordinal)); // KaTeX typeset with its own fonts

            var png = ExportPng.Decode(await File.ReadAllBytesAsync(screenshot));
            var plotPixels = png.Count(PlotColour);
            Assert.True(plotPixels > 30_000, $"the plot's colour covers {plotPixels} pixels of the {png.Width}x{png.Height} screenshot; expected most of its 360x260 rect");
            Assert.True(png.Count((255, 255, 255), 0) > png.Width * png.Height / 4, "the page background is not white");

            // The DOM after the scripts ran: KaTeX replaced the math spans, and none of them failed to parse.
            var (dom, _) = await ExportChromium.RunAsync(url, Path.Combine(folder, "profile2"), "--dump-dom");
            Assert.True(Regex.Count(dom, "class=\"katex\"") >= 4, "KaTeX did not typeset the heading, the two inline formulas and the display formula:\n" + dom);
            Assert.Contains("class=\"katex-display\"", dom);
            Assert.DoesNotContain("katex-error", dom);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
