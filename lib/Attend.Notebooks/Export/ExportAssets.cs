using System.Reflection;

namespace Attend.Notebooks.Export;

/// <summary>
/// The static files every page links to, embedded in this assembly as <c>assets/&lt;path&gt;</c> (see the project
/// file): <c>notebook.css</c>, <c>render-math.js</c> and KaTeX 0.19.1 (MIT, <c>katex/LICENSE</c>) with its woff2 fonts.
/// </summary>
internal static class ExportAssets
{
    private const string Prefix = HtmlExporter.AssetsFolder + "/";

    private static Assembly Assembly => typeof(ExportAssets).Assembly;

    /// <summary>Writes the assets into <c>assets/</c> under <paramref name="folder"/>, replacing older copies.</summary>
    /// <param name="folder">The export folder.</param>
    public static void WriteTo(string folder)
    {
        foreach (var resource in Assembly.GetManifestResourceNames())
        {
            var name = resource.Replace('\\', '/');
            if (!name.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var target = Path.Combine(folder, Path.Combine(name.Split('/')));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using var source = Assembly.GetManifestResourceStream(resource)!;
            using var file = File.Create(target);
            source.CopyTo(file);
        }
    }
}
