using System.Diagnostics;

namespace Attend.Interop.Tests;

/// <summary>
/// The same trained model loaded into PyTorch's torch.nn modules by load_in_pytorch.py (beside the test assembly),
/// with the system Python that has PyTorch (Debian's python3-torch at /usr/bin/python3, or $ATTEND_TORCH_PYTHON).
/// Skipped, saying why, on a machine without such a Python.
/// </summary>
public sealed class PyTorchWeightsTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("attend-pytorch-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [SkippableFact]
    public void TrainedGruClassifierPredictsTheSameInPyTorch()
    {
        var python = Environment.GetEnvironmentVariable("ATTEND_TORCH_PYTHON") ?? "/usr/bin/python3";
        Skip.IfNot(File.Exists(python), $"no Python at {python} (set ATTEND_TORCH_PYTHON to one with PyTorch)");
        var (probeCode, probeOutput) = Run(python, "-c \"import torch\"");
        Skip.IfNot(probeCode == 0, $"{python} cannot import torch: {probeOutput.Trim()}");

        var (model, _) = GruClassifier.Train(seed: 7, steps: 40);
        var modelPath = Path.Combine(folder, "gru-classifier.safetensors");
        var ioPath = Path.Combine(folder, "io.safetensors");
        model.save(modelPath);
        var (tokens, _) = GruClassifier.Batch(64, new Generator(99));
        using (torch.no_grad())
        {
            torch.save(new Dictionary<string, Tensor> { ["tokens"] = tokens, ["logits"] = model.call(tokens) }, ioPath);
        }

        var script = Path.Combine(AppContext.BaseDirectory, "load_in_pytorch.py");
        var (code, output) = Run(python, $"\"{script}\" \"{modelPath}\" \"{ioPath}\"");
        Assert.True(code == 0, $"load_in_pytorch.py exited with {code}:\n{output}");
        Assert.Contains("largest difference from Attend's logits", output);
    }

    private static (int Code, string Output) Run(string file, string arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }
}
