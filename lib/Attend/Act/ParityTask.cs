namespace Attend.Act;

/// <summary>
/// The parity task of the ACT paper: each input is a vector of <see cref="ParityTask.Size"/> values of which a random
/// number k ∈ [1, size] (uniform) are set to ±1 (each sign with probability ½) at random positions, the rest 0; the
/// target is 1 when the number of +1 entries is odd, 0 when it is even. The whole vector arrives in a single input
/// step, so a network without pondering has one recurrent step (one hidden layer) to compute a parity of up to
/// size bits; the paper uses size 64.
/// </summary>
/// <param name="Inputs">[count, size].</param>
/// <param name="Targets">[count]: 1 for an odd number of +1 entries, 0 for an even number.</param>
/// <param name="Bits">k per example: how many entries are non-zero (the difficulty).</param>
/// <remarks>
/// A curriculum (<see cref="ActOptions.CurriculumStart"/>) draws k from [1, maxNonZero] with maxNonZero growing
/// during training, in inputs of the full size. Chapter 8: adaptive computation time, §8.3
/// (notebooks/08-adaptive-computation-time.ipynb).
/// </remarks>
public sealed record ParityTask(Tensor Inputs, Tensor Targets, int[] Bits)
{
    /// <summary>The size of each input vector.</summary>
    public int Size => Inputs.size(1);

    /// <summary>How many examples.</summary>
    public int Count => Bits.Length;

    /// <summary>
    /// <paramref name="count"/> examples of <paramref name="size"/> values from <paramref name="generator"/> (the same
    /// seed gives the same examples), placed on <paramref name="device"/>. The number of non-zero entries is uniform
    /// in [<paramref name="minNonZero"/>, <paramref name="maxNonZero"/>] (the defaults, 1 and 0 for size: [1, size],
    /// the paper's task). A curriculum uses a higher <paramref name="minNonZero"/> to draw inputs near its frontier.
    /// </summary>
    public static ParityTask Generate(int count, int size, Generator generator, Device? device = null, int maxNonZero = 0, int minNonZero = 1)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (count <= 0 || size <= 0)
        {
            throw new ArgumentOutOfRangeException(count <= 0 ? nameof(count) : nameof(size),
                $"ParityTask: count ({count}) and size ({size}) must be positive.");
        }

        if (maxNonZero < 0 || maxNonZero > size)
        {
            throw new ArgumentOutOfRangeException(nameof(maxNonZero),
                $"ParityTask: maxNonZero ({maxNonZero}) must lie in [1, size = {size}] (or be 0 for size).");
        }

        var most = maxNonZero == 0 ? size : maxNonZero;
        if (minNonZero < 1 || minNonZero > most)
        {
            throw new ArgumentOutOfRangeException(nameof(minNonZero),
                $"ParityTask: minNonZero ({minNonZero}) must lie in [1, maxNonZero = {most}].");
        }

        var values = new float[count * size];
        var targets = new float[count];
        var bits = new int[count];
        var positions = new int[size];
        for (var e = 0; e < count; e++)
        {
            var k = generator.NextInt(minNonZero, most + 1);
            // A partial Fisher–Yates shuffle picks k distinct positions.
            for (var i = 0; i < size; i++)
            {
                positions[i] = i;
            }

            var ones = 0;
            for (var i = 0; i < k; i++)
            {
                var j = generator.NextInt(i, size);
                (positions[i], positions[j]) = (positions[j], positions[i]);
                var plus = generator.NextDouble() < 0.5;
                values[(e * size) + positions[i]] = plus ? 1 : -1;
                ones += plus ? 1 : 0;
            }

            bits[e] = k;
            targets[e] = ones % 2;
        }

        return new ParityTask(torch.tensor(values, [count, size], device), torch.tensor(targets, [count], device), bits);
    }
}
