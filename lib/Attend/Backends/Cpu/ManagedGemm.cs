using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Attend.Backends.Cpu;

/// <summary>
/// The managed GEMM, C = alpha·op(A)·op(B) + beta·C, built the way fast BLAS libraries are built
/// (Goto and van de Geijn, "Anatomy of high-performance matrix multiplication"; the BLIS framework):
/// packed operands, cache blocking and a register-blocked SIMD micro-kernel. Vector products (one row
/// or one column) take a dot-product path instead. Large products run on several threads, and every
/// element of C is summed in the same order whatever the thread count, so results are reproducible.
/// </summary>
/// <remarks>
/// How the work is cut, from the inside out:
/// <list type="bullet">
/// <item>The micro-kernel (ManagedGemm.Kernels.cs) holds an MR×NR tile of C in vector registers (8×32 floats,
/// 16 AVX-512 registers; 6×16 with AVX2) and adds one rank-1 update per step p: MR broadcast values of A times
/// NR values of B, all fused multiply-adds. C is read and written once per KC steps, not once per step.</item>
/// <item>Packing (ManagedGemm.Packing.cs) copies the operands so the kernel reads both as one sequential
/// stream: A in panels of MR rows stored column by column, B in panels of NR columns stored row by row.
/// Transposed operands are handled while packing (no transposed copy is made) and edges are zero-padded, so
/// the kernel never branches on the shape.</item>
/// <item>Blocking: the depth is cut into KC steps so that one B micro-panel (KC×NR) stays in the L1 cache while
/// the kernel sweeps MC rows of packed A (MC×KC, sized for L2); packed B (all of k × up to NC columns) stays in
/// L3. Loop order, outermost first: the row and column blocks that fit the packing buffers; then, in each task
/// (MC rows × a group of B panels), the KC depth steps, the NR-wide panels of B, the MR-high panels of A.</item>
/// <item>Products of at most <see cref="DirectBRows"/> rows (a small batch against a weight matrix) skip packing a
/// non-transposed B: the kernel reads its rows in place (a stride instead of a packed panel), and only a last panel
/// narrower than NR is packed. Packing B costs a full copy of it, which only several row panels of A amortize.</item>
/// <item>Threads take whole blocks of C tiles; each tile has exactly one writer.</item>
/// </list>
/// </remarks>
public sealed partial class ManagedGemm : GemmProvider
{
    /// <summary>The single instance.</summary>
    public static readonly ManagedGemm Instance = new();

    /// <summary>Depth of one cache block: KC×NR floats of B (32 KB with NR = 32) stay in the 48 KB L1.</summary>
    private const int KC = 256;

    /// <summary>Rows of A per cache block: MC×KC floats (128 KB) stay in L2.</summary>
    private const int MC = 128;

    /// <summary>Most floats packed at once per operand (16 MB); larger products are packed in column/row blocks.</summary>
    private const int PackCapacity = 1 << 22;

    /// <summary>Below this many multiply-adds a product runs on one thread (a parallel loop costs ~10 µs).</summary>
    private const long ParallelWork = 1L << 21;

    /// <summary>
    /// Products with at most this many rows read a non-transposed B where it lies instead of packing it: packing
    /// copies all of B (k × n floats) to save the kernel strided reads, which pays off only when many row panels of
    /// A reuse the packed copy. With a batch of 20 rows against a [256, 768] weight the copy cost as much as the
    /// product. Same kernel, same order of additions: the results are bit for bit those of the packed path.
    /// </summary>
    internal static int DirectBRows { get; set; } = 48;

    private ManagedGemm()
    {
    }

    /// <summary>Upper bound on worker threads (tests lower it to check that results do not depend on it).</summary>
    internal static int MaxThreads { get; set; } = Environment.ProcessorCount;

    /// <inheritdoc/>
    public override string Name => $"managed ({KernelName})";

    /// <inheritdoc/>
    public override void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha,
                               float[] a, int offsetA, int lda, float[] b, int offsetB, int ldb,
                               float beta, float[] c, int offsetC, int ldc)
    {
        if (m == 0 || n == 0)
        {
            return;
        }

        if (k == 0 || alpha == 0)
        {
            // Nothing to add: C = beta·C (and A, B are not read, as in BLAS).
            ScaleC(c, offsetC, ldc, m, n, beta);
            return;
        }

        if (n == 1 || m == 1)
        {
            // A matrix-vector product: MR×NR tiles would be mostly padding, dot products are exact-sized.
            Gemv(transA, transB, m, n, k, alpha, a, offsetA, lda, b, offsetB, ldb, beta, c, offsetC, ldc);
            return;
        }

        var threads = (long)m * n * k >= ParallelWork ? Math.Max(1, MaxThreads) : 1;
        unsafe
        {
            fixed (float* pa = &a[offsetA], pb = &b[offsetB], pc = &c[offsetC])
            {
                var job = new Job(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc, threads);
                job.Run();
            }
        }
    }

    private static void ScaleC(float[] c, int offsetC, int ldc, int m, int n, float beta)
    {
        for (var i = 0; i < m; i++)
        {
            var row = c.AsSpan(offsetC + (i * ldc), n);
            if (beta == 0)
            {
                row.Clear(); // not 0·C: C may hold NaN garbage from an uninitialized allocation
            }
            else if (beta != 1)
            {
                System.Numerics.Tensors.TensorPrimitives.Multiply(row, beta, row);
            }
        }
    }

    /// <summary>
    /// One blocked product: the operands, the packing buffers and the loops over blocks. A struct so the
    /// single-threaded path allocates nothing; the parallel path captures it in its loop bodies.
    /// </summary>
    private readonly unsafe struct Job
    {
        private readonly bool transA, transB, directB;
        private readonly int m, n, k, lda, ldb, ldc, threads;
        private readonly float alpha, beta;
        private readonly float* a, b, c;

        // Current blocks: rows [ic, ic + mb) of C packed into packedA, columns [jc, jc + nb) into packedB.
        private readonly float* packedA, packedB;
        private readonly int ic, mb, jc, nb;

        public Job(bool transA, bool transB, int m, int n, int k, float alpha, float* a, int lda, float* b, int ldb,
                   float beta, float* c, int ldc, int threads)
        {
            (this.transA, this.transB, this.m, this.n, this.k, this.alpha, this.beta) = (transA, transB, m, n, k, alpha, beta);
            (this.lda, this.ldb, this.ldc, this.threads) = (lda, ldb, ldc, threads);
            directB = !transB && m <= DirectBRows;
            this.a = a;
            this.b = b;
            this.c = c;
        }

        private Job(Job parent, float* packedA, int ic, int mb, float* packedB, int jc, int nb)
        {
            this = parent;
            (this.ic, this.mb, this.jc, this.nb) = (ic, mb, jc, nb);
            this.packedA = packedA;
            this.packedB = packedB;
        }

        private int PanelsA => (mb + MR - 1) / MR;

        private int PanelsB => (nb + NR - 1) / NR;

        /// <summary>Loops over the row blocks of A and column blocks of B that fit the packing buffers.</summary>
        public void Run()
        {
            // NC (columns of B) and MB (rows of A) packed at a time: as many as fit PackCapacity floats at full
            // depth k. Usually both operands fit and this is one step; huge products are packed in slices.
            var rowsPerBlock = Math.Max(MR, PackCapacity / k / MR * MR);
            var colsPerBlock = Math.Max(NR, PackCapacity / k / NR * NR);
            var blockA = Math.Min(m, rowsPerBlock);
            var blockB = Math.Min(n, colsPerBlock);
            var bufferA = PackBuffer.Rent(ref spareA, ((blockA + MR - 1) / MR) * MR * k);
            var bufferB = PackBuffer.Rent(ref spareB, ((blockB + NR - 1) / NR) * NR * k);
            try
            {
                var packedBValid = false;
                for (var i0 = 0; i0 < m; i0 += blockA)
                {
                    for (var j0 = 0; j0 < n; j0 += blockB)
                    {
                        // B is packed once when all its columns fit, else once per (row block, column block).
                        var packB = !packedBValid || blockB < n;
                        var step = new Job(this, bufferA.Pointer, i0, Math.Min(blockA, m - i0),
                                           bufferB.Pointer, j0, Math.Min(blockB, n - j0));
                        step.Step(packA: j0 == 0, packB);
                        packedBValid = true;
                    }
                }
            }
            finally
            {
                PackBuffer.Return(ref spareA, bufferA);
                PackBuffer.Return(ref spareB, bufferB);
            }
        }

        /// <summary>Packs this step's panels, then computes its C tiles, in parallel when the job is large.</summary>
        private void Step(bool packA, bool packB)
        {
            var panelsA = packA ? PanelsA : 0;
            var panelsB = packB ? PanelsB : 0;
            // Read directly, B needs only its last panel packed, and only when it is narrower than NR (the kernel
            // loads NR values per step and must not read past the end of a row).
            var firstB = directB ? (nb % NR == 0 ? panelsB : Math.Max(0, panelsB - 1)) : 0;

            // Tasks: blocks of MC rows × groups of B panels. One thread: a single group. Several: enough groups
            // for about four tasks per thread, so a slow (shared) core does not hold the others up.
            var rowBlocks = (PanelsA + (MC / MR) - 1) / (MC / MR);
            var colGroups = threads == 1 ? 1 : Math.Clamp((4 * threads) / rowBlocks, 1, PanelsB);
            var tasks = rowBlocks * colGroups;
            if (threads == 1)
            {
                for (var p = 0; p < panelsA; p++)
                {
                    Pack(p, panelsA);
                }

                for (var q = firstB; q < panelsB; q++)
                {
                    Pack(panelsA + q, panelsA);
                }

                for (var t = 0; t < tasks; t++)
                {
                    Compute(t, colGroups);
                }

                return;
            }

            var self = this;
            var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
            Parallel.For(0, panelsA + panelsB - firstB, options, p => self.Pack(p < panelsA ? p : p + firstB, panelsA));
            Parallel.For(0, tasks, options, t => self.Compute(t, colGroups));
        }

        /// <summary>Packs panel <paramref name="p"/>: the first <paramref name="panelsA"/> are A's, the rest B's.</summary>
        private void Pack(int p, int panelsA)
        {
            if (p < panelsA)
            {
                var row = ic + (p * MR);
                PackA(transA, a, lda, row, Math.Min(MR, ic + mb - row), k, packedA + ((long)p * MR * k));
            }
            else
            {
                var q = p - panelsA;
                var col = jc + (q * NR);
                PackB(transB, b, ldb, col, Math.Min(NR, jc + nb - col), k, packedB + ((long)q * NR * k));
            }
        }

        /// <summary>Computes the C tiles of task <paramref name="t"/>: one block of MC rows × one group of B panels.</summary>
        private void Compute(int t, int colGroups)
        {
            var panelsA = PanelsA;
            var panelsB = PanelsB;
            var rowBlock = t / colGroups;
            var group = t % colGroups;
            var ir0 = rowBlock * (MC / MR);
            var ir1 = Math.Min(panelsA, ir0 + (MC / MR));
            var jr0 = (int)((long)panelsB * group / colGroups);
            var jr1 = (int)((long)panelsB * (group + 1) / colGroups);

            // pc outermost: every tile gets its depth blocks in the same order, the first one applying beta.
            for (var pc = 0; pc < k; pc += KC)
            {
                var kc = Math.Min(KC, k - pc);
                var tileBeta = pc == 0 ? beta : 1f;
                for (var jr = jr0; jr < jr1; jr++)
                {
                    var col = jr * NR;
                    var cols = Math.Min(NR, nb - col);
                    var direct = directB && cols == NR;
                    var bPanel = direct ? b + ((long)pc * ldb) + jc + col : packedB + ((long)jr * NR * k) + ((long)pc * NR);
                    var bStride = direct ? ldb : NR;
                    for (var ir = ir0; ir < ir1; ir++)
                    {
                        var row = ir * MR;
                        var rows = Math.Min(MR, mb - row);
                        var aPanel = packedA + ((long)ir * MR * k) + ((long)pc * MR);
                        var cTile = c + ((long)(ic + row) * ldc) + jc + col;
                        MicroKernel(kc, aPanel, bPanel, bStride, cTile, ldc, rows, cols, alpha, tileBeta);
                    }
                }
            }
        }
    }

    private static PackBuffer? spareA;
    private static PackBuffer? spareB;

    /// <summary>
    /// A pinned, 64-byte aligned float buffer kept between calls (one spare per operand), so a product allocates
    /// nothing in the steady state; a concurrent second product simply allocates its own.
    /// </summary>
    private sealed unsafe class PackBuffer
    {
        private readonly float[] array;

        private PackBuffer(int length)
        {
            array = GC.AllocateUninitializedArray<float>(length + 16, pinned: true);
            var address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
            Pointer = (float*)((address + 63) & ~(nint)63);
            Length = length;
        }

        public float* Pointer { get; }

        public int Length { get; }

        public static PackBuffer Rent(ref PackBuffer? spare, int length)
        {
            var buffer = Interlocked.Exchange(ref spare, null);
            return buffer is not null && buffer.Length >= length ? buffer : new PackBuffer(Math.Max(length, 1 << 16));
        }

        public static void Return(ref PackBuffer? spare, PackBuffer buffer)
        {
            GC.KeepAlive(buffer.array);
            Volatile.Write(ref spare, buffer);
        }
    }
}
