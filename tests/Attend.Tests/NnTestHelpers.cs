using Attend.Modules;

namespace Attend.Tests;

/// <summary>Helpers for the nn tests: gradchecks through a module's own parameters, and setting weights by hand.</summary>
internal static class NnTestHelpers
{
    /// <summary>
    /// Gradchecks <paramref name="forward"/> with respect to <paramref name="inputs"/> and every parameter of
    /// <paramref name="module"/>. The analytic pass runs on the real parameters; for the shifted (numeric) passes the
    /// parameters' storage is swapped for the shifted copies for the duration of the call, so the module's own
    /// forward code is what is checked. <paramref name="eps"/> is the finite-difference step (tolerances stay the defaults).
    /// </summary>
    public static void GradCheckModule(Module module, Tensor[] inputs, Func<Tensor[], Tensor> forward, float eps = 1e-2f)
    {
        var parameters = module.parameters().ToArray();
        Tensor[] all = [.. inputs, .. parameters];
        var k = inputs.Length;
        Tensor Function(Tensor[] ts)
        {
            var saved = parameters.Select(p => p.storage).ToArray();
            try
            {
                for (var i = 0; i < parameters.Length; i++)
                {
                    if (!ReferenceEquals(ts[k + i], parameters[i]))
                    {
                        parameters[i].storage = ts[k + i].storage;
                    }
                }

                return forward(ts[..k]);
            }
            finally
            {
                for (var i = 0; i < parameters.Length; i++)
                {
                    parameters[i].storage = saved[i];
                }
            }
        }

        var result = Autograd.GradCheck.Check(Function, all, eps);
        Assert.True(result.Passed, result.Report);
    }

    /// <summary>
    /// Redraws every parameter of <paramref name="module"/> from <paramref name="g"/> with the distribution the module
    /// itself initializes them with, U(−1/√<paramref name="fan"/>, 1/√<paramref name="fan"/>) as in PyTorch (Linear
    /// and Conv2d: fan = fan_in, the inputs per output; RNN, GRU and LSTM cells and layers: fan = hidden_size).
    /// Gradchecks need it: module constructors draw from the shared default generator, which test classes running in
    /// parallel also draw from, so the point a gradient is checked at would vary from run to run.
    /// </summary>
    public static T InitFrom<T>(Generator g, int fan, T module)
        where T : Module
    {
        var bound = 1 / Math.Sqrt(fan);
        foreach (var parameter in module.parameters())
        {
            torch.nn.init.uniform_(parameter, -bound, bound, g);
        }

        return module;
    }

    /// <summary>Gradchecks a plain function of tensors.</summary>
    public static void GradCheck(Func<Tensor[], Tensor> function, params Tensor[] inputs)
    {
        var result = Autograd.GradCheck.Check(function, inputs);
        Assert.True(result.Passed, result.Report);
    }

    /// <summary>Overwrites a parameter's values (under no_grad, as one would in PyTorch).</summary>
    public static void Set(Tensor parameter, params float[] values)
    {
        using var _ = torch.no_grad();
        parameter.copy_(torch.tensor(values, parameter.shape));
    }

    /// <summary>A tensor of small random values that requires grad.</summary>
    public static Tensor Leaf(Generator g, params int[] shape)
    {
        var values = new float[shape.Aggregate(1, (a, b) => a * b)];
        g.FillNormal(values, 0, 0.5f);
        return torch.tensor(values, shape, requires_grad: true);
    }

    public static void Close(double expected, float actual, double tol = 1e-5) =>
        Assert.True(Math.Abs(expected - actual) <= tol, $"expected {expected}, got {actual}");

    public static void Close(double[] expected, float[] actual, double tol = 1e-5)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tol, $"at {i}: expected {expected[i]}, got {actual[i]}");
        }
    }

    public static void Close(float[] expected, float[] actual, double tol = 1e-5) =>
        Close(expected.Select(v => (double)v).ToArray(), actual, tol);

    public static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));
}

/// <summary>
/// Tests that seed <see cref="torch.default_generator"/> and rely on the exact stream that follows run alone, after
/// the parallel tests: any test drawing from the shared generator at the same time would shift their samples.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DefaultGeneratorCollection
{
    public const string Name = "default generator (serial)";
}
