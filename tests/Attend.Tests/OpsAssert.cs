namespace Attend.Tests;

/// <summary>Small helpers shared by the joining, indexing and function tests.</summary>
internal static class OpsAssert
{
    /// <summary>A tensor from row-major values and a shape.</summary>
    public static Tensor T(float[] values, params int[] shape) => torch.tensor(values, shape.Length == 0 ? null : shape);

    /// <summary>A tensor that requires grad.</summary>
    public static Tensor G(float[] values, params int[] shape) => T(values, shape).requires_grad_();

    /// <summary>Standard normal values from a private generator, requiring grad (reproducible, independent of other tests).</summary>
    public static Tensor Randn(long seed, params int[] shape) => torch.randn(shape, new Generator(seed), requires_grad: true);

    /// <summary>0, 1, …, n−1 reshaped.</summary>
    public static Tensor Arange(params int[] shape) => torch.arange(Tensor.Product(shape)).reshape(shape);

    public static void Values(float[] expected, Tensor actual, float tolerance = 1e-5f)
    {
        var values = actual.ToArray();
        Assert.Equal(expected.Length, values.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - values[i]) <= tolerance,
                $"entry {i}: expected {expected[i]}, got {values[i]} (all: [{string.Join(", ", values)}])");
        }
    }

    public static void Is(int[] expectedShape, float[] expected, Tensor actual, float tolerance = 1e-5f)
    {
        Assert.Equal(expectedShape, actual.shape);
        Values(expected, actual, tolerance);
    }

    public static void GradCheck(Func<Tensor[], Tensor> function, params Tensor[] inputs) =>
        Assert.True(torch.autograd.gradcheck(function, inputs));

    /// <summary>Asserts <paramref name="action"/> throws and its message contains every fragment (op name, shapes, values).</summary>
    public static Exception Throws(Action action, params string[] fragments)
    {
        var error = Assert.ThrowsAny<ArgumentException>(action);
        foreach (var fragment in fragments)
        {
            Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        }

        return error;
    }

    /// <summary>Same as <see cref="Throws"/> for errors that are not argument errors (e.g. a scalar where a dimension is needed).</summary>
    public static Exception ThrowsInvalid(Action action, params string[] fragments)
    {
        var error = Assert.Throws<InvalidOperationException>(action);
        foreach (var fragment in fragments)
        {
            Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        }

        return error;
    }
}
