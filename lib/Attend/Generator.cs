namespace Attend;

/// <summary>
/// The random number generator behind every random op (initialization, sampling, dropout):
/// xoshiro128** seeded through splitmix64, so a seed gives the same stream on every machine.
/// </summary>
public sealed class Generator
{
    private readonly Lock gate = new();
    private uint s0, s1, s2, s3;
    private float? spareNormal;

    /// <summary>Creates a generator from <paramref name="seed"/>.</summary>
    public Generator(long seed = 0) => manual_seed(seed);

    /// <summary>The seed last set.</summary>
    public long initial_seed { get; private set; }

    /// <summary>Restarts the stream from <paramref name="seed"/>.</summary>
    public Generator manual_seed(long seed)
    {
        lock (gate)
        {
            initial_seed = seed;
            var x = (ulong)seed;
            ulong Next()
            {
                var z = x += 0x9E3779B97F4A7C15UL;
                z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
                z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
                return z ^ (z >> 31);
            }

            var a = Next();
            var b = Next();
            (s0, s1, s2, s3) = ((uint)a, (uint)(a >> 32), (uint)b, (uint)(b >> 32));
            if ((s0 | s1 | s2 | s3) == 0)
            {
                s0 = 1;
            }

            spareNormal = null;
        }

        return this;
    }

    private uint NextUInt()
    {
        var result = RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = RotateLeft(s3, 11);
        return result;
    }

    private static uint RotateLeft(uint x, int k) => (x << k) | (x >> (32 - k));

    /// <summary>Fills <paramref name="values"/> with uniform samples from [low, high).</summary>
    public void FillUniform(Span<float> values, float low = 0, float high = 1)
    {
        lock (gate)
        {
            for (var i = 0; i < values.Length; i++)
            {
                // 24 random bits give every float in [0, 1) with equal spacing.
                var u = (NextUInt() >> 8) * (1f / (1 << 24));
                values[i] = low + ((high - low) * u);
            }
        }
    }

    /// <summary>Fills <paramref name="values"/> with normal samples (Box–Muller).</summary>
    public void FillNormal(Span<float> values, float mean = 0, float std = 1)
    {
        lock (gate)
        {
            for (var i = 0; i < values.Length; i++)
            {
                float z;
                if (spareNormal is { } spare)
                {
                    z = spare;
                    spareNormal = null;
                }
                else
                {
                    double u1 = ((NextUInt() >> 8) + 1.0) / (1 << 24); // (0, 1]: log is finite
                    double u2 = (NextUInt() >> 8) / (double)(1 << 24);
                    var r = Math.Sqrt(-2.0 * Math.Log(u1));
                    z = (float)(r * Math.Cos(2 * Math.PI * u2));
                    spareNormal = (float)(r * Math.Sin(2 * Math.PI * u2));
                }

                values[i] = mean + (std * z);
            }
        }
    }

    /// <summary>A uniform integer in [low, high).</summary>
    public int NextInt(int low, int high)
    {
        if (high <= low)
        {
            throw new ArgumentException($"randint: high ({high}) must be greater than low ({low}).", nameof(high));
        }

        lock (gate)
        {
            // Lemire's multiply-shift: unbiased enough for ranges far below 2^32.
            return low + (int)(((ulong)NextUInt() * (ulong)(uint)(high - low)) >> 32);
        }
    }

    /// <summary>A uniform double in [0, 1).</summary>
    public double NextDouble()
    {
        lock (gate)
        {
            return ((((ulong)NextUInt() << 21) ^ NextUInt()) & ((1UL << 53) - 1)) / (double)(1UL << 53);
        }
    }
}
