using Attend.Modules;

namespace Attend.Ntm;

/// <summary>
/// The Neural Turing Machine (Graves, Wayne and Danihelka 2014; Chapter 5, §5.4): a controller coupled to an N × M
/// memory through read and write heads. One step:
/// <code>
/// h_t, state = controller([x_t; r_{t−1}^1 … r_{t−1}^R], state)
/// for each read head:  w_t = address(head(h_t), M_{t−1}, w_{t−1});  r_t = w_tᵀ M_{t−1}
/// for each write head: w_t = address(head(h_t), M_{t−1}, w_{t−1});  M_t = M ∘ (1 − w_t eᵀ) + w_t aᵀ
/// y_t = W_o [h_t; r_t^1 … r_t^R] + b_o           (logits; σ(y_t) is the output)
/// </code>
/// Reads see the memory before this step's writes. The memory, read vectors, weightings and controller state start
/// from learned biases (or a constant memory: <see cref="MemoryInit"/>). Everything is batched ([B, N, M] memory)
/// and device-neutral: <see cref="Module.to(Device)"/> moves it, and each run's tensors follow the input's device.
/// </summary>
public sealed class NeuralTuringMachine : SequenceModel
{
    private readonly NtmController controller;
    private readonly ModuleList<NtmHead> read_heads;
    private readonly ModuleList<NtmHead> write_heads;
    private readonly Linear output;

    /// <summary>The learned memory (<see cref="MemoryInit.Learned"/>) or null.</summary>
    public Parameter? memory_bias;

    /// <summary>The fixed random memory (<see cref="MemoryInit.Random"/>) or null; a buffer, saved but not trained.</summary>
    public Tensor? memory_buffer;

    /// <summary>
    /// Creates an NTM for inputs of width <paramref name="input_size"/> and outputs of width
    /// <paramref name="output_size"/>. The paper's copy model is
    /// <c>new NeuralTuringMachine(9, 8, controller_size: 100, memory_slots: 128, memory_width: 20)</c>.
    /// </summary>
    public NeuralTuringMachine(int input_size, int output_size, int controller_size = 100, int memory_slots = 128, int memory_width = 20,
                               int read_heads = 1, int write_heads = 1, int shift_range = 1, ControllerKind controller = ControllerKind.Lstm,
                               MemoryInit memory_init = MemoryInit.Constant)
        : base(nameof(NeuralTuringMachine))
    {
        if (input_size <= 0 || output_size <= 0 || controller_size <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(input_size),
                $"NeuralTuringMachine: input_size ({input_size}), output_size ({output_size}) and controller_size ({controller_size}) must be positive.");
        }

        if (memory_slots <= 0 || memory_width <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(memory_slots),
                $"NeuralTuringMachine: memory_slots ({memory_slots}) and memory_width ({memory_width}) must be positive.");
        }

        if (read_heads < 1 || write_heads < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(read_heads),
                $"NeuralTuringMachine: needs at least one read head and no negative count of write heads, got read_heads = {read_heads}, " +
                $"write_heads = {write_heads}.");
        }

        if (shift_range < 0 || (2 * shift_range) + 1 > memory_slots)
        {
            throw new ArgumentOutOfRangeException(nameof(shift_range),
                $"NeuralTuringMachine: shift_range {shift_range} gives {(2 * shift_range) + 1} shifts, more than the {memory_slots} memory slots " +
                "(or a negative range).");
        }

        this.input_size = input_size;
        this.output_size = output_size;
        this.memory_slots = memory_slots;
        this.memory_width = memory_width;
        this.memory_init = memory_init;
        var controllerInput = input_size + (read_heads * memory_width);
        this.controller = controller == ControllerKind.Lstm
            ? new LstmController(controllerInput, controller_size)
            : new FeedForwardController(controllerInput, controller_size);
        this.read_heads = new ModuleList<NtmHead>(Enumerable.Range(0, read_heads)
            .Select(_ => new NtmHead(controller_size, memory_slots, memory_width, write: false, shift_range)).ToArray());
        this.write_heads = new ModuleList<NtmHead>(Enumerable.Range(0, write_heads)
            .Select(_ => new NtmHead(controller_size, memory_slots, memory_width, write: true, shift_range)).ToArray());
        output = new Linear(controller_size + (read_heads * memory_width), output_size);
        if (memory_init != MemoryInit.Constant)
        {
            var bound = 1 / Math.Sqrt(memory_slots + memory_width);
            var values = torch.nn.init.uniform_(torch.zeros(memory_slots, memory_width), -bound, bound);
            if (memory_init == MemoryInit.Learned)
            {
                memory_bias = new Parameter(values);
            }
            else
            {
                memory_buffer = values;
            }
        }

        RegisterComponents();
        if (memory_buffer is not null)
        {
            register_buffer(nameof(memory_buffer), memory_buffer);
        }
    }

    /// <inheritdoc/>
    public override int input_size { get; }

    /// <inheritdoc/>
    public override int output_size { get; }

    /// <summary>N.</summary>
    public int memory_slots { get; }

    /// <summary>M.</summary>
    public int memory_width { get; }

    /// <summary>How the memory starts each sequence.</summary>
    public MemoryInit memory_init { get; }

    /// <summary>An addressing stage to switch off in every head (for experiments on a trained model); <see cref="HeadAblation.None"/> by default.</summary>
    public HeadAblation ablation { get; set; }

    /// <summary>The read heads.</summary>
    public IReadOnlyList<NtmHead> ReadHeads => read_heads;

    /// <summary>The write heads.</summary>
    public IReadOnlyList<NtmHead> WriteHeads => write_heads;

    /// <summary>The state before the first step for a batch of <paramref name="batch"/> on <paramref name="device"/>.</summary>
    public NtmState InitialState(int batch, Device device)
    {
        Tensor memory = memory_init switch
        {
            MemoryInit.Constant => torch.full([batch, memory_slots, memory_width], NtmMemory.ConstantInit, device),
            MemoryInit.Learned => memory_bias!.unsqueeze(0).expand(batch, memory_slots, memory_width),
            _ => memory_buffer!.unsqueeze(0).expand(batch, memory_slots, memory_width),
        };
        return new NtmState(
            memory,
            read_heads.Select(h => h.InitialRead(batch)).ToArray(),
            read_heads.Select(h => h.InitialWeighting(batch)).ToArray(),
            write_heads.Select(h => h.InitialWeighting(batch)).ToArray(),
            controller.InitialState(batch));
    }

    /// <summary>
    /// One step on input <paramref name="x"/> [B, I]: returns the features [h_t; r_t] [B, H + R·M] the output layer
    /// reads and the new state. When <paramref name="trace"/> is given, the heads' weightings and vectors are recorded.
    /// </summary>
    public (Tensor Features, NtmState State) Step(Tensor x, NtmState state, NtmTrace? trace = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(state);
        var (h, controllerState) = controller.Step(torch.cat([x, .. state.Reads], 1), state.Controller);
        var memory = state.Memory;
        var reads = new Tensor[read_heads.Count];
        var readWeightings = new Tensor[read_heads.Count];
        for (var i = 0; i < read_heads.Count; i++)
        {
            var p = Ablate(read_heads[i].Parameters(h));
            readWeightings[i] = NtmHead.Address(p, memory, state.ReadWeightings[i]);
            reads[i] = NtmMemory.Read(memory, readWeightings[i]);
        }

        var writeWeightings = new Tensor[write_heads.Count];
        var erases = new Tensor[write_heads.Count];
        var adds = new Tensor[write_heads.Count];
        for (var i = 0; i < write_heads.Count; i++)
        {
            var p = Ablate(write_heads[i].Parameters(h));
            writeWeightings[i] = NtmHead.Address(p, memory, state.WriteWeightings[i]);
            erases[i] = p.Erase!;
            adds[i] = p.Add!;
        }

        // Every write head addresses the same memory M_{t−1}; the writes are then applied in order.
        for (var i = 0; i < write_heads.Count; i++)
        {
            memory = NtmMemory.Write(memory, writeWeightings[i], erases[i], adds[i]);
        }

        trace?.Record(reads, readWeightings, writeWeightings, erases, adds);
        return (torch.cat([h, .. reads], 1), new NtmState(memory, reads, readWeightings, writeWeightings, controllerState));
    }

    /// <summary>
    /// Re-draws the weights the way the reference PyTorch implementation (loudinthecloud/pytorch-ntm, the one that
    /// "converges in less than 30K iterations" at batch 1) initialises them (Chapter 5, §5.6): the LSTM controller's
    /// weights U(±5/√(inputs + units)) with zero biases and h₀, c₀ ~ N(0, 0.05²); each head's layer Xavier-uniform
    /// with gain 1.4 and bias N(0, 0.01²); the output layer Xavier-uniform (gain 1) with bias N(0, 0.01²). These are
    /// several times larger than PyTorch's default U(±1/√fan_in), which this library's layers use, so the heads start
    /// with more decisive key strengths, gates and shifts. The memory, initial weightings and read vectors are left as
    /// <see cref="memory_init"/> and the constructor made them. Returns this model.
    /// </summary>
    public NeuralTuringMachine init_as_pytorch_ntm(Generator? generator = null)
    {
        controller.InitAsPytorchNtm(generator);
        foreach (var head in read_heads.Concat(write_heads))
        {
            head.InitAsPytorchNtm(generator);
        }

        using var _ = torch.no_grad();
        torch.nn.init.xavier_uniform_(output.weight, 1.0, generator);
        torch.nn.init.normal_(output.bias!, 0, 0.01, generator);
        return this;
    }

    private HeadParameters Ablate(HeadParameters p) => ablation switch
    {
        HeadAblation.NoContent => p with { Gate = torch.zeros_like(p.Gate) },
        HeadAblation.NoShift => p with { Shift = ZeroShift(p.Shift.size(0), p.Shift.size(1), p.Shift.device) },
        HeadAblation.NoSharpening => p with { Gamma = torch.ones_like(p.Gamma) },
        _ => p,
    };

    private static Tensor ZeroShift(int batch, int shifts, Device device)
    {
        var values = new float[batch * shifts];
        for (var b = 0; b < batch; b++)
        {
            values[(b * shifts) + ((shifts - 1) / 2)] = 1f;
        }

        return torch.tensor(values, [batch, shifts], device);
    }

    /// <summary>Runs <paramref name="inputs"/> [T, B, I] and returns logits [outputSteps, B, O] for the last steps.</summary>
    public override Tensor forward(Tensor inputs, int outputSteps) => Run(inputs, outputSteps, null);

    /// <summary>As <see cref="forward"/>, recording every step into <paramref name="trace"/> when it is given.</summary>
    public Tensor Run(Tensor inputs, int outputSteps, NtmTrace? trace)
    {
        CheckInputs(inputs, outputSteps);
        int steps = inputs.size(0), batch = inputs.size(1);
        var state = InitialState(batch, inputs.device);
        var features = new List<Tensor>(outputSteps);
        var xs = inputs.unbind(0);
        for (var t = 0; t < steps; t++)
        {
            var (f, next) = Step(xs[t], state, trace);
            state = next;
            if (t >= steps - outputSteps)
            {
                features.Add(f);
            }
        }

        if (outputSteps == 0)
        {
            return torch.zeros([0, batch, output_size], inputs.device);
        }

        // One output product for the whole answer phase instead of one per step.
        var stacked = torch.stack(features, 0);
        return output.call(stacked.reshape(outputSteps * batch, stacked.size(2))).reshape(outputSteps, batch, output_size);
    }
}
