using System.Diagnostics;
using System.Text.Json;
using Attend;
using Attend.Backends.Cuda;
using Attend.Benchmarks.Workloads;
using Attend.Tests.Devices;

// The GPU runner (see ../README.md, "CUDA"):
//   AttendGpu parity [--json FILE]                       every CUDA parity case, CPU backend vs cuda:0
//   AttendGpu bench [--batches 64,128] [--seconds S] [--json FILE] [--filter TEXT]
//                                                        chapter models' training steps on cuda:0, median ms
//   AttendGpu describe                                   what the library sees (CUDA availability, GEMM provider)
// With ATTEND_CUDA_EMULATE=1, cuda:0 is ILGPU's CPU accelerator (how the published binary is checked without a GPU).
var mode = args.Length > 0 ? args[0] : "describe";
string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

Console.WriteLine(torch.backends.describe());
if (!torch.cuda.is_available())
{
    Console.Error.WriteLine($"CUDA is not available: {torch.cuda.unavailable_reason()}");
    return 2;
}

var device = torch.CUDA;
Console.WriteLine(Attend.Backends.Backend.For(device).Description);
return mode switch
{
    "parity" => Parity(device, Option("--json")),
    "bench" => Bench(device, Option("--batches") ?? "64,128", double.Parse(Option("--seconds") ?? "3", System.Globalization.CultureInfo.InvariantCulture),
                     Option("--json"), Option("--filter")),
    "describe" => 0,
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: AttendGpu parity|bench|describe [--json FILE] [--batches 64,128] [--seconds S] [--filter TEXT]");
    return 64;
}

static int Parity(Device device, string? json)
{
    var rows = new List<(string Name, double Worst, float Tolerance, string Result)>();
    var failed = 0;
    Console.WriteLine($"{"case",-48} {"max |cpu-cuda|/(1+|cpu|)",26} {"tolerance",10}  result");
    foreach (var c in CudaParityCases.All)
    {
        string result;
        var worst = 0.0;
        try
        {
            var expected = c.Run(Device.CPU);
            var actual = c.Run(device);
            for (var i = 0; i < expected.Length; i++)
            {
                var (e, a) = (expected[i].ToArray(), actual[i].ToArray());
                if (e.Length != a.Length)
                {
                    worst = double.PositiveInfinity;
                    continue;
                }

                for (var j = 0; j < e.Length; j++)
                {
                    var error = Math.Abs(e[j] - a[j]) / (1 + Math.Abs(e[j]));
                    worst = double.IsNaN(error) ? double.PositiveInfinity : Math.Max(worst, error);
                }
            }

            result = worst <= c.Tolerance ? "ok" : "FAIL";
        }
        catch (Exception e)
        {
            result = $"ERROR {e.GetType().Name}: {e.Message}";
        }

        failed += result == "ok" ? 0 : 1;
        Console.WriteLine($"{c.Name,-48} {worst,26:G3} {c.Tolerance,10:G3}  {result}");
        rows.Add((c.Name, worst, c.Tolerance, result));
    }

    Console.WriteLine($"parity: {CudaParityCases.All.Count - failed} of {CudaParityCases.All.Count} cases within tolerance");
    if (json is not null)
    {
        // Utf8JsonWriter, not JsonSerializer: the trimmed build has no reflection-based serialization.
        using var stream = File.Create(json);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartArray();
        foreach (var (name, worst, tolerance, result) in rows)
        {
            writer.WriteStartObject();
            writer.WriteString("case", name);
            writer.WriteNumber("max_error", double.IsFinite(worst) ? worst : -1);
            writer.WriteNumber("tolerance", tolerance);
            writer.WriteString("result", result);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    return failed == 0 ? 0 : 1;
}

static int Bench(Device device, string batches, double seconds, string? json, string? filter)
{
    var results = new Dictionary<string, double>();
    foreach (var batch in batches.Split(',').Select(int.Parse))
    {
        Workload[] workloads = [new BahdanauWorkload(batch, device), new NtmCopyWorkload(batch, device), new MemN2NWorkload(batch, device)];
        foreach (var w in workloads.Where(w => filter is null || w.Name.Contains(filter, StringComparison.OrdinalIgnoreCase)))
        {
            w.Setup();
            for (var i = 0; i < 3; i++)
            {
                w.Run(); // compiles every kernel the step uses (once per process) and fills the allocator's cache
            }

            torch.cuda.synchronize();
            var times = new List<double>();
            var budget = Stopwatch.StartNew();
            while (budget.Elapsed.TotalSeconds < seconds || times.Count < 5)
            {
                var start = Stopwatch.GetTimestamp();
                w.Run();
                torch.cuda.synchronize();
                times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }

            times.Sort();
            var median = times[times.Count / 2];
            results[w.Name] = median;
            Console.WriteLine($"{w.Name,-60} {median,10:F2} ms/step  ({times.Count} runs)");
            w.Cleanup();
        }
    }

    if (json is not null)
    {
        using var stream = File.Create(json);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        foreach (var (name, ms) in results)
        {
            writer.WriteNumber(name, ms);
        }

        writer.WriteEndObject();
    }

    return 0;
}
