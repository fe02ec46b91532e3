using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Attend.Notebooks.Execution;

/// <summary>
/// The assemblies every notebook compiles against: the whole shared framework (as the real kernel, so that
/// <c>System.Text.Json</c>, <c>System.Net.Http</c>, ... need no <c>#r</c>) and this runner (for <c>display</c>,
/// <c>Formatter</c>). Built once per process and shared, so Roslyn reads each file's metadata once.
/// </summary>
internal static class ScriptReferences
{
    private static readonly Lazy<IReadOnlyList<MetadataReference>> all = new(Load);

    /// <summary>The references.</summary>
    public static IReadOnlyList<MetadataReference> All => all.Value;

    private static IReadOnlyList<MetadataReference> Load()
    {
        var frameworkFolder = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var references = new List<MetadataReference>();
        foreach (var path in Directory.EnumerateFiles(frameworkFolder, "*.dll").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            if (!(name.StartsWith("System.", StringComparison.Ordinal) || name.StartsWith("Microsoft.", StringComparison.Ordinal)
                  || name is "mscorlib.dll" or "netstandard.dll"))
            {
                continue;
            }

            try
            {
                AssemblyName.GetAssemblyName(path); // skips native libraries that share the folder
                references.Add(MetadataReference.CreateFromFile(path));
            }
            catch (BadImageFormatException)
            {
            }
        }

        references.Add(MetadataReference.CreateFromFile(typeof(ScriptReferences).Assembly.Location));
        return references;
    }
}
