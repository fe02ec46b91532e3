namespace Attend.Autograd;

/// <summary>
/// Checks an op's backward against central finite differences, the way Chainer's <c>check_backward</c> does:
/// project the output onto a random vector w (so any output shape becomes a scalar L = Σ w·f(x)), pick a random
/// direction v over all inputs, and compare the analytic directional derivative Σ ∂L/∂x · v with
/// (L(x + εv) − L(x − εv)) / 2ε. One direction costs two forward passes, whatever the input sizes.
/// </summary>
/// <remarks>
/// The engine is float32, so the defaults are looser than a float64 check: ε = 1e-2 (the truncation error of
/// central differences is O(ε²), float32 rounding is O(1e-7/ε)), and a direction passes when
/// |analytic − numeric| ≤ atol + rtol·|numeric| with atol = 1e-3, rtol = 1e-2. Sums are taken in double. A wrong
/// backward (a missing factor, a dropped term, a transposed gradient) misses by far more than that.
/// </remarks>
public static class GradCheck
{
    /// <summary>The outcome of one check.</summary>
    /// <param name="Passed">Whether every direction agreed within tolerance.</param>
    /// <param name="Report">One line per direction: analytic, numeric and the allowed error.</param>
    public sealed record Result(bool Passed, string Report);

    /// <summary>
    /// Runs the check on <paramref name="function"/> at <paramref name="inputs"/> (each must require grad), with
    /// <paramref name="directions"/> random directions from a generator seeded with <paramref name="seed"/>.
    /// </summary>
    public static Result Check(Func<Tensor[], Tensor> function, Tensor[] inputs, float eps = 1e-2f, double atol = 1e-3,
                               double rtol = 1e-2, int directions = 3, long seed = 1234)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(inputs);
        for (var i = 0; i < inputs.Length; i++)
        {
            if (!inputs[i].requires_grad)
            {
                throw new ArgumentException($"gradcheck: input {i} (shape {Tensor.Format(inputs[i].shape)}) does not require grad.", nameof(inputs));
            }
        }

        var generator = new Generator(seed);
        var probe = function(inputs);
        var weights = new float[probe.numel()];
        generator.FillNormal(weights);
        var w = torch.tensor(weights, probe.shape, probe.device);

        // Analytic: backward of Σ w·f(x).
        foreach (var x in inputs)
        {
            x.grad = null;
        }

        function(inputs).mul(w).sum().backward();
        var analyticGrads = inputs.Select(x => x.grad?.ToArray() ?? new float[x.numel()]).ToArray();

        var report = new System.Text.StringBuilder();
        var passed = true;
        for (var d = 0; d < directions; d++)
        {
            var v = inputs.Select(x =>
            {
                var values = new float[x.numel()];
                generator.FillNormal(values);
                return values;
            }).ToArray();

            double analytic = 0;
            for (var i = 0; i < inputs.Length; i++)
            {
                for (var j = 0; j < v[i].Length; j++)
                {
                    analytic += (double)analyticGrads[i][j] * v[i][j];
                }
            }

            var plus = Evaluate(function, inputs, v, eps, weights);
            var minus = Evaluate(function, inputs, v, -eps, weights);
            var numeric = (plus - minus) / (2.0 * eps);
            var allowed = atol + (rtol * Math.Abs(numeric));
            var ok = Math.Abs(analytic - numeric) <= allowed && double.IsFinite(analytic);
            passed &= ok;
            report.AppendLine(
                $"direction {d}: analytic {analytic:G6}, numeric {numeric:G6}, |diff| {Math.Abs(analytic - numeric):G3} " +
                $"(allowed {allowed:G3}) {(ok ? "ok" : "MISMATCH")}");
        }

        foreach (var x in inputs)
        {
            x.grad = null;
        }

        return new Result(passed, report.ToString());
    }

    private static double Evaluate(Func<Tensor[], Tensor> function, Tensor[] inputs, float[][] v, float step, float[] weights)
    {
        using var _ = GradMode.Scope(false);
        var shifted = new Tensor[inputs.Length];
        for (var i = 0; i < inputs.Length; i++)
        {
            var values = inputs[i].ToArray();
            for (var j = 0; j < values.Length; j++)
            {
                values[j] += step * v[i][j];
            }

            shifted[i] = torch.tensor(values, inputs[i].shape, inputs[i].device);
        }

        var output = function(shifted).ToArray();
        double total = 0;
        for (var j = 0; j < output.Length; j++)
        {
            total += (double)output[j] * weights[j];
        }

        return total;
    }
}
