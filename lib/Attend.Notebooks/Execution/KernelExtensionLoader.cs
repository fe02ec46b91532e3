using System.Reflection;
using System.Runtime.Loader;
using Microsoft.DotNet.Interactive;

namespace Attend.Notebooks.Execution;

/// <summary>
/// Loads the kernel extensions that restored NuGet packages carry in <c>interactive-extensions/dotnet/*.dll</c>, as the
/// <c>dotnet-interactive</c> tool does after a <c>#r "nuget: ..."</c>: e.g. Microsoft.Data.Analysis's, which shows a
/// <c>DataFrame</c> as an HTML table. Without this, such a package would render differently here than in VS Code or
/// Jupyter.
/// </summary>
internal static class KernelExtensionLoader
{
    /// <summary>Loads and starts every <see cref="IKernelExtension"/> found in the packages' extension folders.</summary>
    /// <param name="kernel">The notebook's root kernel, given to each extension.</param>
    /// <param name="packages">The packages just restored.</param>
    /// <returns>The names of the extensions loaded.</returns>
    public static async Task<IReadOnlyList<string>> LoadAsync(Kernel kernel, IEnumerable<ResolvedPackageReference> packages)
    {
        var loaded = new List<string>();
        foreach (var package in packages)
        {
            var folder = Path.Combine(package.PackageRoot, "interactive-extensions", "dotnet");
            if (!Directory.Exists(folder))
            {
                continue;
            }

            foreach (var dll in Directory.EnumerateFiles(folder, "*.dll").Order(StringComparer.Ordinal))
            {
                var assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(Path.GetFullPath(dll));
                foreach (var type in ExportedTypes(assembly).Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IKernelExtension).IsAssignableFrom(t)))
                {
                    if (Activator.CreateInstance(type) is IKernelExtension extension)
                    {
                        await extension.OnLoadAsync(kernel);
                        loaded.Add(type.FullName ?? type.Name);
                    }
                }
            }
        }

        return loaded;
    }

    private static IEnumerable<Type> ExportedTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetExportedTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>(); // the types that did load
        }
    }
}
