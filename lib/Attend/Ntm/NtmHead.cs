using Attend.Modules;

namespace Attend.Ntm;

/// <summary>
/// A read or write head (Chapter 5, §5.3): a linear layer from the controller's output to the head's parameters
/// (<see cref="HeadParameters"/>), the addressing that turns them into a weighting (<see cref="Addressing"/>), and the
/// head's learned starting point — the weighting w₀ = softmax(b_w) it "had" before the first step and, for a read
/// head, the read vector r₀ the controller sees at the first step. Both are learned biases, as in the paper.
/// </summary>
public sealed class NtmHead : Module
{
    private readonly Linear fc;

    /// <summary>Logits b_w [N] of the initial weighting w₀ = softmax(b_w).</summary>
    public Parameter initial_weighting;

    /// <summary>The initial read vector r₀ [M] (read heads only).</summary>
    public Parameter? initial_read;

    /// <summary>
    /// Creates a head reading the controller's output of size <paramref name="controller_size"/> over a memory of
    /// <paramref name="memory_slots"/> × <paramref name="memory_width"/>, shifting by at most
    /// <paramref name="shift_range"/> slots either way (K = 2·range + 1 shifts; the paper's default is 1: −1, 0, +1).
    /// </summary>
    public NtmHead(int controller_size, int memory_slots, int memory_width, bool write, int shift_range = 1)
        : base(write ? "WriteHead" : "ReadHead")
    {
        if (controller_size <= 0 || memory_slots <= 0 || memory_width <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(memory_slots),
                $"NtmHead: controller_size ({controller_size}), memory_slots ({memory_slots}) and memory_width ({memory_width}) must be positive.");
        }

        var shifts = 2 * shift_range + 1;
        if (shift_range < 0 || shifts > memory_slots)
        {
            throw new ArgumentOutOfRangeException(nameof(shift_range),
                $"NtmHead: shift_range {shift_range} gives {shifts} shifts (−{shift_range} … +{shift_range}), which must be at least 1 and " +
                $"at most the {memory_slots} memory slots.");
        }

        this.write = write;
        this.memory_slots = memory_slots;
        this.memory_width = memory_width;
        this.shift_range = shift_range;
        fc = new Linear(controller_size, HeadParameters.Size(memory_width, shifts, write));
        // Small random starting logits (Collier and Beel's learned init): with a constant memory every slot looks the
        // same to content addressing, so only the initial weighting can break the symmetry between slots.
        var bound = Math.Sqrt(6.0 / (1 + memory_slots));
        initial_weighting = new Parameter(torch.nn.init.uniform_(torch.zeros(memory_slots), -bound, bound));
        initial_read = write ? null : new Parameter(torch.nn.init.uniform_(torch.zeros(memory_width), -bound, bound));
        RegisterComponents();
    }

    /// <summary>True for a write head.</summary>
    public bool write { get; }

    /// <summary>N.</summary>
    public int memory_slots { get; }

    /// <summary>M.</summary>
    public int memory_width { get; }

    /// <summary>The largest shift R (K = 2R + 1 shifts).</summary>
    public int shift_range { get; }

    /// <summary>The head's parameters for the controller's output <paramref name="controller_output"/> [B, H].</summary>
    public HeadParameters Parameters(Tensor controller_output) =>
        HeadParameters.FromRaw(fc.call(controller_output), memory_width, (2 * shift_range) + 1, write);

    /// <summary>The weighting this step: the four addressing stages applied to <paramref name="p"/>.</summary>
    public static Tensor Address(HeadParameters p, Tensor memory, Tensor previous)
    {
        ArgumentNullException.ThrowIfNull(p);
        return Addressing.Address(memory, p.Key, p.Beta, p.Gate, p.Shift, p.Gamma, previous);
    }

    /// <summary>w₀ [B, N] for a batch of <paramref name="batch"/>.</summary>
    public Tensor InitialWeighting(int batch) => initial_weighting.softmax(0).unsqueeze(0).expand(batch, memory_slots);

    /// <summary>r₀ [B, M] for a batch of <paramref name="batch"/> (read heads).</summary>
    public Tensor InitialRead(int batch) =>
        (initial_read ?? throw new InvalidOperationException("NtmHead: a write head has no read vector.")).unsqueeze(0).expand(batch, memory_width);

    /// <summary>pytorch-ntm's head layer: weight Xavier-uniform with gain 1.4, bias N(0, 0.01²).</summary>
    internal void InitAsPytorchNtm(Generator? generator)
    {
        using var _ = torch.no_grad();
        torch.nn.init.xavier_uniform_(fc.weight, 1.4, generator);
        torch.nn.init.normal_(fc.bias!, 0, 0.01, generator);
    }
}
