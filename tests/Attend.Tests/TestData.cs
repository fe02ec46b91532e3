using Attend.Autograd;

namespace Attend.Tests;

/// <summary>Inputs for gradient checks (seeded, so every run sees the same numbers) and assertion helpers.</summary>
internal static class TestData
{
    /// <summary>Standard normal values that require grad.</summary>
    public static Tensor Randn(int seed, params int[] shape) =>
        torch.randn(shape, new Generator(seed), requires_grad: true);

    /// <summary>Values in [0.5, 2): safe for log, sqrt, division and a base of pow.</summary>
    public static Tensor Positive(int seed, params int[] shape) =>
        Leaf(Values(seed, shape, v => 0.5f + (1.5f * Uniform01(v))), shape);

    /// <summary>Values with |x| in [0.3, ∞): away from the kink of abs and relu at 0.</summary>
    public static Tensor AwayFromZero(int seed, params int[] shape) =>
        Leaf(Values(seed, shape, v => MathF.CopySign(0.3f + MathF.Abs(v), v)), shape);

    /// <summary>A shuffled ramp 0, 0.5, 1, …: distinct values 0.5 apart, so max/min have no ties.</summary>
    public static Tensor Distinct(int seed, params int[] shape)
    {
        var n = Tensor.Product(shape);
        var perm = torch.randperm(n, new Generator(seed)).ToArray();
        return Leaf(Array.ConvertAll(perm, p => (p * 0.5f) - n / 4f), shape);
    }

    /// <summary>A tensor that requires grad from explicit values.</summary>
    public static Tensor Leaf(float[] values, params int[] shape) => torch.tensor(values, shape, requires_grad: true);

    private static float[] Values(int seed, int[] shape, Func<float, float> map)
    {
        var values = new float[Tensor.Product(shape)];
        new Generator(seed).FillNormal(values);
        return [.. values.Select(map)];
    }

    private static float Uniform01(float normal) => 0.5f * (1f + MathF.Tanh(normal));

    /// <summary>Asserts that the backward of <paramref name="f"/> agrees with finite differences (default tolerances).</summary>
    public static void GradOk(Func<Tensor[], Tensor> f, params Tensor[] inputs)
    {
        var result = GradCheck.Check(f, inputs);
        Assert.True(result.Passed, "gradcheck failed:\n" + result.Report);
    }

    /// <summary>Asserts shape and values (within <paramref name="tolerance"/>).</summary>
    public static void Close(float[] expected, int[] shape, Tensor actual, float tolerance = 1e-5f)
    {
        Assert.Equal(shape, actual.shape);
        Close(expected, actual, tolerance);
    }

    /// <summary>Asserts values (within <paramref name="tolerance"/>, relative for large values).</summary>
    public static void Close(float[] expected, Tensor actual, float tolerance = 1e-5f)
    {
        var values = actual.ToArray();
        Assert.Equal(expected.Length, values.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var allowed = tolerance * Math.Max(1f, Math.Abs(expected[i]));
            Assert.True(Math.Abs(expected[i] - values[i]) <= allowed || expected[i].Equals(values[i]),
                $"element {i}: expected {expected[i]}, got {values[i]} (all: [{string.Join(", ", values)}])");
        }
    }
}
