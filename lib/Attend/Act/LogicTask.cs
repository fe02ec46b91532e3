namespace Attend.Act;

/// <summary>
/// A logic task after the ACT paper's: a sequence of 1 to <c>maxLength</c> input steps. The first step carries two
/// random bits (a, b); every step carries a random number k ∈ [1, maxGates] of binary logic gates, each chosen
/// uniformly from the ten that depend on both inputs (<see cref="GateNames"/>). The gates are applied in order, each
/// one as (a, b) ← (b, gate(a, b)), and the pair carries over to the next step; the target at each step is b after
/// that step's gates. A step's input vector has 2 + 10·10 = 102 values: the two bits (first step only, else 0) and ten
/// slots of ten, slot i holding gate i one-hot (slots beyond k are 0). The more gates a step has, the more sequential
/// work it needs: the paper's picture is ponder time rising with k.
/// </summary>
/// <param name="Inputs">[count, maxLength, 102] (zeros after a sequence's end).</param>
/// <param name="Targets">[count, maxLength]: b after each step (0 after the end).</param>
/// <param name="Mask">[count, maxLength]: 1 on a sequence's steps, 0 after its end.</param>
/// <param name="Gates">k per example and step (0 after the end).</param>
/// <remarks>Chapter 8: adaptive computation time, §8.5 (notebooks/08-adaptive-computation-time.ipynb).</remarks>
public sealed record LogicTask(Tensor Inputs, Tensor Targets, Tensor Mask, int[,] Gates)
{
    /// <summary>The size of each input vector: 2 bits and 10 slots of 10 gates.</summary>
    public const int InputSize = 2 + (MaxGatesPerStep * GateCount);

    /// <summary>The most gates one step can hold (slots in the input vector).</summary>
    public const int MaxGatesPerStep = 10;

    /// <summary>How many gate types there are.</summary>
    public const int GateCount = 10;

    /// <summary>The gates' truth tables: bit (2a + b) of each is gate(a, b).</summary>
    private static readonly int[] Tables = [0b1000, 0b1110, 0b0110, 0b0111, 0b0001, 0b1001, 0b0100, 0b0010, 0b1101, 0b1011];

    /// <summary>The gates' names, in the order of their one-hot codes.</summary>
    public static readonly string[] GateNames = ["AND", "OR", "XOR", "NAND", "NOR", "XNOR", "A AND NOT B", "NOT A AND B", "A OR NOT B", "NOT A OR B"];

    /// <summary>How many examples.</summary>
    public int Count => Gates.GetLength(0);

    /// <summary>The longest sequence's length (the padded length).</summary>
    public int MaxLength => Gates.GetLength(1);

    /// <summary>Gate <paramref name="gate"/> (0–9) applied to (a, b).</summary>
    public static int Apply(int gate, int a, int b)
    {
        if ((uint)gate >= GateCount)
        {
            throw new ArgumentOutOfRangeException(nameof(gate), $"LogicTask: gate ({gate}) must lie in [0, {GateCount}).");
        }

        return (Tables[gate] >> ((2 * a) + b)) & 1;
    }

    /// <summary>
    /// <paramref name="count"/> sequences of 1 to <paramref name="maxLength"/> steps with 1 to <paramref name="maxGates"/>
    /// gates per step, from <paramref name="generator"/>, placed on <paramref name="device"/>.
    /// </summary>
    public static LogicTask Generate(int count, int maxLength, int maxGates, Generator generator, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (count <= 0 || maxLength <= 0)
        {
            throw new ArgumentOutOfRangeException(count <= 0 ? nameof(count) : nameof(maxLength),
                $"LogicTask: count ({count}) and maxLength ({maxLength}) must be positive.");
        }

        if (maxGates is < 1 or > MaxGatesPerStep)
        {
            throw new ArgumentOutOfRangeException(nameof(maxGates), $"LogicTask: maxGates ({maxGates}) must lie in [1, {MaxGatesPerStep}].");
        }

        var inputs = new float[count * maxLength * InputSize];
        var targets = new float[count * maxLength];
        var mask = new float[count * maxLength];
        var gates = new int[count, maxLength];
        for (var e = 0; e < count; e++)
        {
            var length = generator.NextInt(1, maxLength + 1);
            var a = generator.NextInt(0, 2);
            var b = generator.NextInt(0, 2);
            inputs[e * maxLength * InputSize] = a;
            inputs[(e * maxLength * InputSize) + 1] = b;
            for (var t = 0; t < length; t++)
            {
                var offset = ((e * maxLength) + t) * InputSize;
                var k = generator.NextInt(1, maxGates + 1);
                for (var i = 0; i < k; i++)
                {
                    var g = generator.NextInt(0, GateCount);
                    inputs[offset + 2 + (i * GateCount) + g] = 1;
                    (a, b) = (b, Apply(g, a, b));
                }

                gates[e, t] = k;
                targets[(e * maxLength) + t] = b;
                mask[(e * maxLength) + t] = 1;
            }
        }

        return new LogicTask(torch.tensor(inputs, [count, maxLength, InputSize], device), torch.tensor(targets, [count, maxLength], device),
                             torch.tensor(mask, [count, maxLength], device), gates);
    }
}
