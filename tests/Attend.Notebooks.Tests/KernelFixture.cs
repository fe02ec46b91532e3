using Attend.Notebooks.Documents;
using Attend.Notebooks.Execution;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Attend.Notebooks.Tests;

/// <summary>
/// One real kernel shared by the output tests (the kernel's first compilation is the slow part), working in a
/// temporary copy of Fixtures/exec that also holds a freshly compiled Greeter.dll for <c>#r</c>.
/// </summary>
public sealed class KernelFixture : IDisposable
{
    public KernelFixture()
    {
        Folder = Fixture.TempFolder();
        foreach (var file in Directory.GetFiles(Path.Combine(Fixture.Folder, "exec")))
        {
            File.Copy(file, Path.Combine(Folder, Path.GetFileName(file)));
        }

        Directory.CreateDirectory(Path.Combine(Folder, "lib"));
        EmitGreeter(Path.Combine(Folder, "lib", "Greeter.dll"));
        Kernel = new NotebookKernel(Folder);
    }

    public string Folder { get; }

    public NotebookKernel Kernel { get; }

    private int executionCount;

    public async Task<CellResult> RunAsync(string code, TimeSpan? timeout = null) =>
        await Kernel.ExecuteAsync(code, [], Interlocked.Increment(ref executionCount), timeout);

    /// <summary>Runs a cell that must succeed and returns its outputs.</summary>
    public async Task<List<CellOutput>> RunOkAsync(string code)
    {
        var result = await RunAsync(code);
        Assert.True(result.Status == CellStatus.Succeeded, string.Join("\n", result.Outputs.OfType<ErrorOutput>().Select(e => e.Value)));
        return result.Outputs;
    }

    public void Dispose()
    {
        Kernel.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }

    private static void EmitGreeter(string path)
    {
        var code = "namespace Greeting; public static class Greeter { public static string Hello(string name) => $\"Hello, {name}!\"; }";
        var compilation = CSharpCompilation.Create(
            "Greeter",
            [CSharpSyntaxTree.ParseText(code)],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var emitted = compilation.Emit(path);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
    }
}

/// <summary>Text of the one output of a given mime type.</summary>
internal static class Outputs
{
    public static string Plain(CellOutput output) => Assert.IsType<DisplayDataOutput>(output).Text("text/plain")!;

    /// <summary>The text/plain content, else the text/html one (the kernel shows some values as HTML alone).</summary>
    public static string Text(CellOutput output)
    {
        var display = Assert.IsType<DisplayDataOutput>(output);
        return display.Text("text/plain") ?? display.Text("text/html")!;
    }

    public static ErrorOutput Error(IEnumerable<CellOutput> outputs) => Assert.IsType<ErrorOutput>(Assert.Single(outputs.OfType<ErrorOutput>()));
}
