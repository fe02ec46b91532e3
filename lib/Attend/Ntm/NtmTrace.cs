namespace Attend.Ntm;

/// <summary>
/// What the heads did at every step of one run, detached from the graph, for the chapter's pictures (Chapter 5, §5.7;
/// the paper's Figure 6): per step, each read and write head's weighting [B, N], each write head's erase and add
/// vectors [B, M], and each read vector [B, M].
/// </summary>
public sealed class NtmTrace
{
    internal List<Tensor[]> reads = [];
    internal List<Tensor[]> readWeightings = [];
    internal List<Tensor[]> writeWeightings = [];
    internal List<Tensor[]> erases = [];
    internal List<Tensor[]> adds = [];

    /// <summary>The number of steps recorded.</summary>
    public int Steps => readWeightings.Count;

    /// <summary>Read head <paramref name="head"/>'s weighting at every step for sequence <paramref name="b"/>: [T, N].</summary>
    public float[,] ReadWeightings(int head = 0, int b = 0) => Rows(readWeightings, head, b);

    /// <summary>Write head <paramref name="head"/>'s weighting at every step for sequence <paramref name="b"/>: [T, N].</summary>
    public float[,] WriteWeightings(int head = 0, int b = 0) => Rows(writeWeightings, head, b);

    /// <summary>Write head <paramref name="head"/>'s add vector a at every step: [T, M].</summary>
    public float[,] Adds(int head = 0, int b = 0) => Rows(adds, head, b);

    /// <summary>Write head <paramref name="head"/>'s erase vector e at every step: [T, M].</summary>
    public float[,] Erases(int head = 0, int b = 0) => Rows(erases, head, b);

    /// <summary>Read head <paramref name="head"/>'s read vector r at every step: [T, M].</summary>
    public float[,] Reads(int head = 0, int b = 0) => Rows(reads, head, b);

    internal void Record(Tensor[] readVectors, Tensor[] readW, Tensor[] writeW, Tensor[] erase, Tensor[] add)
    {
        static Tensor[] Detach(Tensor[] x) => x.Select(t => t.detach().clone()).ToArray();
        reads.Add(Detach(readVectors));
        readWeightings.Add(Detach(readW));
        writeWeightings.Add(Detach(writeW));
        erases.Add(Detach(erase));
        adds.Add(Detach(add));
    }

    private static float[,] Rows(List<Tensor[]> steps, int head, int b)
    {
        if (steps.Count == 0)
        {
            return new float[0, 0];
        }

        if (head < 0 || head >= steps[0].Length)
        {
            throw new ArgumentOutOfRangeException(nameof(head), $"NtmTrace: head {head} is out of range: there are {steps[0].Length} such heads.");
        }

        var width = steps[0][head].size(1);
        if (b < 0 || b >= steps[0][head].size(0))
        {
            throw new ArgumentOutOfRangeException(nameof(b), $"NtmTrace: sequence {b} is out of range for a batch of {steps[0][head].size(0)}.");
        }

        var result = new float[steps.Count, width];
        for (var t = 0; t < steps.Count; t++)
        {
            var row = steps[t][head].select(0, b).ToArray();
            for (var i = 0; i < width; i++)
            {
                result[t, i] = row[i];
            }
        }

        return result;
    }
}
