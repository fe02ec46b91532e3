using Attend.Backends.Cpu;

namespace Attend.Tests;

/// <summary>
/// The managed GEMM against a naive triple loop in double precision, and against OpenBLAS when it loads.
/// Tolerance: any order of float32 summation of k products (with or without FMA) is within
/// (k + 2)·u·(|alpha|·Σ_p |a_ip·b_pj| + |beta·c_ij|) of the exact value, u = 2⁻²⁴ (Higham, "Accuracy and
/// Stability of Numerical Algorithms", §3.1; +2 for the alpha and beta roundings). The reference in double is
/// exact to far better than that, so the bound is what each element is checked against.
/// </summary>
public class GemmTests
{
    private const double U = 1.0 / (1 << 24);

    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 1 }, { 7, 13, 5 }, { 33, 65, 17 }, { 128, 128, 128 }, { 1, 40, 9 }, { 40, 1, 9 }, { 8, 32, 300 },
        { 9, 33, 257 }, { 200, 3, 2 }, { 3, 200, 600 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MatchesNaiveProductForAllTransposes(int m, int n, int k)
    {
        foreach (var transA in new[] { false, true })
        {
            foreach (var transB in new[] { false, true })
            {
                Check(ManagedGemm.Instance, transA, transB, m, n, k, alpha: 1, beta: 0, seed: m + n + k);
            }
        }
    }

    [Theory]
    [InlineData(1.5f, 0.5f)]
    [InlineData(-2f, 1f)]
    [InlineData(0.25f, -3f)]
    public void AppliesAlphaAndBeta(float alpha, float beta)
    {
        foreach (var (m, n, k) in new[] { (7, 13, 5), (33, 65, 17), (1, 9, 4), (9, 1, 4), (64, 64, 300) })
        {
            Check(ManagedGemm.Instance, transA: false, transB: true, m, n, k, alpha, beta, seed: 7);
            Check(ManagedGemm.Instance, transA: true, transB: false, m, n, k, alpha, beta, seed: 8);
        }
    }

    [Fact]
    public void BetaZeroOverwritesGarbageAndKZeroScales()
    {
        // beta = 0 must not read C (a fresh allocation may hold NaN); k = 0 leaves beta·C.
        var a = Random(6 * 5, 1);
        var b = Random(5 * 40, 2);
        var c = Enumerable.Repeat(float.NaN, 6 * 40).ToArray();
        ManagedGemm.Instance.Sgemm(false, false, 6, 40, 5, 1, a, 0, 5, b, 0, 40, 0, c, 0, 40);
        Assert.All(c, v => Assert.False(float.IsNaN(v)));

        var d = Enumerable.Repeat(2f, 12).ToArray();
        ManagedGemm.Instance.Sgemm(false, false, 3, 4, 0, 1, [], 0, 1, [], 0, 4, 0.5f, d, 0, 4);
        Assert.All(d, v => Assert.Equal(1f, v));
    }

    [Fact]
    public void HandlesLeadingDimensionsAndBatchOffsets()
    {
        // Three products stored back to back with row strides wider than the matrices (a batch of sub-matrices).
        const int m = 17, n = 35, k = 23, lda = 30, ldb = 40, ldc = 50, batch = 3;
        var a = Random(batch * m * lda, 3);
        var b = Random(batch * k * ldb, 4);
        var c = Random(batch * m * ldc, 5);
        var original = (float[])c.Clone();
        for (var i = 0; i < batch; i++)
        {
            ManagedGemm.Instance.Sgemm(false, false, m, n, k, 1, a, i * m * lda, lda, b, i * k * ldb, ldb, 1, c, i * m * ldc, ldc);
        }

        for (var i = 0; i < batch; i++)
        {
            for (var r = 0; r < m; r++)
            {
                for (var col = 0; col < ldc; col++)
                {
                    var index = (i * m * ldc) + (r * ldc) + col;
                    if (col >= n)
                    {
                        Assert.Equal(original[index], c[index]); // padding between rows is untouched
                        continue;
                    }

                    double exact = original[index], magnitude = Math.Abs(original[index]);
                    for (var p = 0; p < k; p++)
                    {
                        var term = (double)a[(i * m * lda) + (r * lda) + p] * b[(i * k * ldb) + (p * ldb) + col];
                        exact += term;
                        magnitude += Math.Abs(term);
                    }

                    Assert.True(Math.Abs(c[index] - exact) <= ((k + 2) * U * magnitude) + 1e-30,
                                $"batch {i} C[{r},{col}] = {c[index]}, expected {exact}");
                }
            }
        }
    }

    [Theory]
    [InlineData(2, 4100, 1030)]
    [InlineData(4100, 3, 1030)]
    public void PacksOperandsTooLargeForOneBufferInSlices(int m, int n, int k)
    {
        // k·n (or m·k) exceeds the 2²² floats packed at once, so B (or A) is packed in two column (row) blocks.
        Check(ManagedGemm.Instance, transA: false, transB: true, m, n, k, alpha: 1, beta: 0.5f, seed: 31);
    }

    [Theory]
    [InlineData(2, 4100, 1030)]
    [InlineData(20, 768, 256)]
    [InlineData(7, 45, 600)]
    [InlineData(48, 33, 17)]
    public void ReadingBInPlaceGivesThePackedPathsBits(int m, int n, int k)
    {
        // Small products read a non-transposed B where it lies (DirectBRows) instead of packing it. The kernel and
        // the order of additions are the same, so every element must equal the packed path's to the bit: with
        // partial last panels (n % NR ≠ 0), several depth blocks (k > 256), beta ≠ 0, leading dimensions wider than
        // the matrices and column blocks (k·n over the packing buffer, first row).
        var (lda, ldb, ldc) = (k + 3, n + 5, n + 2);
        var a = Random(m * lda, 41);
        var b = Random(k * ldb, 42);
        var c0 = Random(m * ldc, 43);
        var results = new List<float[]>();
        var saved = ManagedGemm.DirectBRows;
        try
        {
            foreach (var rows in new[] { 0, m })
            {
                ManagedGemm.DirectBRows = rows;
                var c = (float[])c0.Clone();
                ManagedGemm.Instance.Sgemm(false, false, m, n, k, 0.75f, a, 0, lda, b, 0, ldb, 0.5f, c, 0, ldc);
                results.Add(c);
            }
        }
        finally
        {
            ManagedGemm.DirectBRows = saved;
        }

        Assert.Equal(results[0], results[1]);
        Check(ManagedGemm.Instance, transA: false, transB: false, m, n, k, alpha: 1, beta: 0.5f, seed: m + n);
    }

    [Fact]
    public void ResultsDoNotDependOnThreadCount()
    {
        // 256³ runs in parallel; every element must be bit-identical to the single-threaded result.
        const int size = 256;
        var a = Random(size * size, 11);
        var b = Random(size * size, 12);
        var results = new List<float[]>();
        var saved = ManagedGemm.MaxThreads;
        try
        {
            foreach (var threads in new[] { 1, 2, 3, 8 })
            {
                ManagedGemm.MaxThreads = threads;
                var c = new float[size * size];
                ManagedGemm.Instance.Sgemm(true, false, size, size, size, 1, a, 0, size, b, 0, size, 0, c, 0, size);
                results.Add(c);
            }
        }
        finally
        {
            ManagedGemm.MaxThreads = saved;
        }

        Assert.All(results.Skip(1), r => Assert.Equal(results[0], r));
    }

    [Fact]
    public void MatmulThroughTensorsUsesTheGemm()
    {
        // The engine path (BatchedGemm → backend → provider) agrees with the naive product.
        torch.manual_seed(3);
        var a = torch.randn(5, 9, 13);
        var b = torch.randn(5, 13, 7);
        var c = a.bmm(b).ToArray();
        float[] av = a.ToArray(), bv = b.ToArray();
        for (var i = 0; i < 5; i++)
        {
            for (var r = 0; r < 9; r++)
            {
                for (var col = 0; col < 7; col++)
                {
                    double exact = 0, magnitude = 0;
                    for (var p = 0; p < 13; p++)
                    {
                        var term = (double)av[(i * 117) + (r * 13) + p] * bv[(i * 91) + (p * 7) + col];
                        exact += term;
                        magnitude += Math.Abs(term);
                    }

                    Assert.True(Math.Abs(c[(i * 63) + (r * 7) + col] - exact) <= (15 * U * magnitude) + 1e-30);
                }
            }
        }
    }

    [OpenBlasTheory]
    [MemberData(nameof(Shapes))]
    public void ManagedAgreesWithOpenBlas(int m, int n, int k)
    {
        Assert.True(OpenBlasGemm.TryLoad(out var blas, out _));
        foreach (var transA in new[] { false, true })
        {
            foreach (var transB in new[] { false, true })
            {
                // Both are within the bound of the exact product, so within twice the bound of each other.
                var a = Random(m * k, 21);
                var b = Random(k * n, 22);
                var c0 = Random(m * n, 23);
                var (managed, bound) = Run(ManagedGemm.Instance, transA, transB, m, n, k, 0.5f, 2f, a, b, c0);
                var (openblas, _) = Run(blas!, transA, transB, m, n, k, 0.5f, 2f, a, b, c0);
                for (var i = 0; i < managed.Length; i++)
                {
                    Assert.True(Math.Abs(managed[i] - openblas[i]) <= 2 * bound[i],
                                $"{(transA ? "Aᵀ" : "A")}·{(transB ? "Bᵀ" : "B")} [{m}x{k}]·[{k}x{n}] element {i}: " +
                                $"managed {managed[i]}, openblas {openblas[i]}");
                }
            }
        }
    }

    private static void Check(GemmProvider provider, bool transA, bool transB, int m, int n, int k, float alpha, float beta, int seed)
    {
        var a = Random(m * k, seed);
        var b = Random(k * n, seed + 1);
        var c0 = Random(m * n, seed + 2);
        var (c, bound) = Run(provider, transA, transB, m, n, k, alpha, beta, a, b, c0);
        var exact = Naive(transA, transB, m, n, k, alpha, beta, a, b, c0);
        for (var i = 0; i < c.Length; i++)
        {
            Assert.True(Math.Abs(c[i] - exact[i]) <= bound[i],
                        $"{provider.Name} {(transA ? "Aᵀ" : "A")}·{(transB ? "Bᵀ" : "B")} [{m}x{k}]·[{k}x{n}] alpha {alpha} beta {beta}: " +
                        $"C[{i / n},{i % n}] = {c[i]}, expected {exact[i]} ± {bound[i]}");
        }
    }

    /// <summary>Runs the provider on copies; also returns the error bound of each element.</summary>
    private static (float[] C, double[] Bound) Run(GemmProvider provider, bool transA, bool transB, int m, int n, int k,
                                                   float alpha, float beta, float[] a, float[] b, float[] c0)
    {
        var c = (float[])c0.Clone();
        provider.Sgemm(transA, transB, m, n, k, alpha, a, 0, transA ? m : k, b, 0, transB ? k : n, beta, c, 0, n);
        var bound = new double[m * n];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                double magnitude = 0;
                for (var p = 0; p < k; p++)
                {
                    magnitude += Math.Abs((double)A(a, transA, m, k, i, p) * B(b, transB, k, n, p, j));
                }

                bound[(i * n) + j] = ((k + 2) * U * ((Math.Abs(alpha) * magnitude) + Math.Abs(beta * c0[(i * n) + j]))) + 1e-30;
            }
        }

        return (c, bound);
    }

    private static double[] Naive(bool transA, bool transB, int m, int n, int k, float alpha, float beta,
                                  float[] a, float[] b, float[] c0)
    {
        var c = new double[m * n];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                double sum = 0;
                for (var p = 0; p < k; p++)
                {
                    sum += (double)A(a, transA, m, k, i, p) * B(b, transB, k, n, p, j);
                }

                c[(i * n) + j] = (alpha * sum) + (beta * (double)c0[(i * n) + j]);
            }
        }

        return c;
    }

    // op(A)[i, p] with A stored [m, k], or [k, m] when transposed; op(B)[p, j] likewise.
    private static float A(float[] a, bool trans, int m, int k, int i, int p) => trans ? a[(p * m) + i] : a[(i * k) + p];

    private static float B(float[] b, bool trans, int k, int n, int p, int j) => trans ? b[(j * k) + p] : b[(p * n) + j];

    private static float[] Random(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
    }
}

/// <summary>A theory that is skipped (not failed) when no OpenBLAS library can be loaded on this machine.</summary>
public sealed class OpenBlasTheoryAttribute : TheoryAttribute
{
    public OpenBlasTheoryAttribute()
    {
        if (!OpenBlasGemm.TryLoad(out _, out var tried))
        {
            Skip = $"OpenBLAS not found (tried {tried})";
        }
    }
}
