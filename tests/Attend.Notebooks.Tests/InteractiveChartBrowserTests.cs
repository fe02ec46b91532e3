using System.Text.RegularExpressions;
using Attend.Plots;

namespace Attend.Notebooks.Tests;

/// <summary>
/// Issue 13, item 6: an interactive chart saved as a page draws in headless Chromium with every network request
/// refused, because plotly.js comes from the copy inside Attend.dll, never from a CDN.
/// </summary>
public class InteractiveChartBrowserTests
{
    [ChromiumFact]
    public async Task AnInteractiveChartDrawsWithTheNetworkOff()
    {
        Assert.True(ExportChromium.Available, $"CI=true but {ExportChromium.Path} is missing: .ci/run should install it (apt-get install chromium)");
        var folder = Fixture.TempFolder();
        try
        {
            var chart = new LineChart { Title = "offline loss curve" };
            chart.Add("train", [3.0, 2.0, 1.5, 1.2]);
            var page = Path.Combine(folder, "chart.html");
            chart.Save(page);

            // No DNS and a dead proxy: any request for a script off this machine fails.
            var (dom, _) = await ExportChromium.RunAsync(new Uri(page).AbsoluteUri, Path.Combine(folder, "profile"),
                "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=http://127.0.0.1:9", "--virtual-time-budget=10000",
                "--dump-dom");
            // What the page shows, without the scripts' own text (plotly.js names its classes in its source).
            var shown = Regex.Replace(dom, "<script[^>]*>.*?</script>", "", RegexOptions.Singleline);
            Assert.Contains("class=\"main-svg\"", shown);          // plotly.js drew its SVG layers
            Assert.Matches("class=\"[^\"]*scatterlayer", shown);   // with the line trace in them
            Assert.Matches("class=\"js-line\"", shown);
            Assert.Contains("offline loss curve", shown);          // and the title
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
