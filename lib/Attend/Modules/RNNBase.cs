namespace Attend.Modules;

/// <summary>
/// What the multi-layer recurrent layers (<see cref="RNN"/>, <see cref="GRU"/>, <see cref="LSTM"/>) share, as PyTorch's
/// <c>nn.RNNBase</c>: the stack of cells with PyTorch's parameter names (weight_ih_l0, weight_hh_l0, bias_ih_l0,
/// bias_hh_l0, then the same with _reverse for the backward direction, then layer 1, …), the walk over time in both
/// directions, and dropout between layers.
/// </summary>
/// <typeparam name="TState">The initial-state argument (h0, or (h0, c0) for the LSTM).</typeparam>
/// <typeparam name="TResult">What forward returns.</typeparam>
public abstract class RNNBase<TState, TResult> : Module<Tensor, TState, TResult>
{
    private readonly CellWeights[] cells;

    /// <summary>Creates the stack of cells; <paramref name="gates"/> is how many blocks of H rows each weight has.</summary>
    protected RNNBase(string name, int gates, int input_size, int hidden_size, int num_layers, bool bias, bool batch_first,
                      double dropout, bool bidirectional)
        : base(name)
    {
        RecurrentChecks.Sizes(name, input_size, hidden_size);
        if (num_layers < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(num_layers), $"{name}: num_layers must be at least 1, got {num_layers}.");
        }

        if (!(dropout >= 0 && dropout <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(dropout), $"{name}: dropout must be a probability between 0 and 1, got {dropout}.");
        }

        this.input_size = input_size;
        this.hidden_size = hidden_size;
        this.num_layers = num_layers;
        this.batch_first = batch_first;
        this.dropout = dropout;
        this.bidirectional = bidirectional;
        var directions = bidirectional ? 2 : 1;
        cells = new CellWeights[num_layers * directions];
        for (var layer = 0; layer < num_layers; layer++)
        {
            for (var direction = 0; direction < directions; direction++)
            {
                // Layers above the first read the concatenated outputs of both directions.
                var size = layer == 0 ? input_size : hidden_size * directions;
                var suffix = $"_l{layer}" + (direction == 1 ? "_reverse" : "");
                cells[(layer * directions) + direction] = CellWeights.Create(this, suffix, gates, size, hidden_size, bias);
            }
        }
    }

    /// <summary>The size of each input step.</summary>
    public int input_size { get; }

    /// <summary>The size of the hidden state (per direction).</summary>
    public int hidden_size { get; }

    /// <summary>How many layers are stacked.</summary>
    public int num_layers { get; }

    /// <summary>True when input and output are [B, T, F] instead of [T, B, F].</summary>
    public bool batch_first { get; }

    /// <summary>The dropout probability applied to the outputs of every layer but the last, in training.</summary>
    public double dropout { get; }

    /// <summary>True when a second stack reads the sequence backwards.</summary>
    public bool bidirectional { get; }

    /// <summary>Runs the layer from zero initial state.</summary>
    public TResult call(Tensor input) => forward(input, default!);

    /// <summary>One step of the cell: new state from the input part gi, the hidden part gh and the current state.</summary>
    private protected abstract Tensor[] Cell(Tensor gi, Tensor gh, Tensor[] state);

    /// <summary>
    /// The whole recurrence. <paramref name="initial"/> holds each state tensor (h, and c for the LSTM) shaped
    /// [num_layers·directions, B, H] (or null for zeros). Returns the last layer's hidden states at every step
    /// [T, B, directions·H] and each final state [num_layers·directions, B, H] (batch dims per batch_first/unbatched).
    /// </summary>
    private protected (Tensor Output, Tensor[] Final) Run(Tensor input, Tensor?[] initial, string[] stateNames)
    {
        ArgumentNullException.ThrowIfNull(input);
        var name = GetName;
        if (input.dims.Length is not (2 or 3) || input.dims[^1] != input_size)
        {
            var layout = batch_first ? "[batch, seq_len, input_size]" : "[seq_len, batch, input_size]";
            throw new ArgumentException(
                $"{name}: expected input of shape {layout} with input_size {input_size} (or [seq_len, {input_size}] for one " +
                $"sequence), got {Tensor.Format(input.dims)}.", nameof(input));
        }

        var unbatched = input.dims.Length == 2;
        var x = unbatched ? input.unsqueeze(1) : batch_first ? input.transpose(0, 1) : input; // [T, B, F]
        var (steps, batch) = (x.size(0), x.size(1));
        if (steps == 0)
        {
            throw new ArgumentException($"{name}: the input sequence is empty (seq_len = 0).", nameof(input));
        }

        var directions = bidirectional ? 2 : 1;
        var stacks = cells.Length;
        var state = new Tensor[stacks][];
        for (var k = 0; k < stacks; k++)
        {
            state[k] = new Tensor[initial.Length];
        }

        for (var s = 0; s < initial.Length; s++)
        {
            var perCell = InitialState(initial[s], stateNames[s], unbatched, batch, x);
            for (var k = 0; k < stacks; k++)
            {
                state[k][s] = perCell[k];
            }
        }

        for (var layer = 0; layer < num_layers; layer++)
        {
            var outputs = new Tensor[directions];
            for (var direction = 0; direction < directions; direction++)
            {
                var k = (layer * directions) + direction;
                var w = cells[k];
                // The input part of every gate at every step in one GEMM; only h·W_hhᵀ must wait for the previous step.
                var gi = w.InputGates(x).unbind(0);
                var hs = new Tensor[steps];
                for (var i = 0; i < steps; i++)
                {
                    var t = direction == 0 ? i : steps - 1 - i;
                    state[k] = Cell(gi[t], w.HiddenGates(state[k][0]), state[k]);
                    hs[t] = state[k][0];
                }

                outputs[direction] = torch.stack(hs, 0); // [T, B, H]
            }

            x = directions == 1 ? outputs[0] : torch.cat(outputs, 2);
            if (layer < num_layers - 1 && dropout > 0 && training)
            {
                x = torch.nn.functional.dropout(x, dropout, training: true);
            }
        }

        var output = unbatched ? x.squeeze(1) : batch_first ? x.transpose(0, 1) : x;
        var final = new Tensor[initial.Length];
        for (var s = 0; s < initial.Length; s++)
        {
            var stacked = torch.stack(state.Select(st => st[s]), 0); // [layers·directions, B, H]
            final[s] = unbatched ? stacked.squeeze(1) : stacked;
        }

        return (output, final);
    }

    private Tensor[] InitialState(Tensor? given, string stateName, bool unbatched, int batch, Tensor like)
    {
        var stacks = cells.Length;
        if (given is null)
        {
            var zeros = torch.zeros([batch, hidden_size], like.device);
            return Enumerable.Repeat(zeros, stacks).ToArray();
        }

        var expected = unbatched ? new[] { stacks, hidden_size } : [stacks, batch, hidden_size];
        if (!given.dims.AsSpan().SequenceEqual(expected))
        {
            throw new ArgumentException(
                $"{GetName}: expected {stateName} of shape {Tensor.Format(expected)} " +
                $"([num_layers·num_directions{(unbatched ? "" : ", batch")}, hidden_size]), got {Tensor.Format(given.dims)}.",
                nameof(given));
        }

        return (unbatched ? given.unsqueeze(1) : given).unbind(0);
    }

    /// <inheritdoc/>
    protected override string ExtraRepr() =>
        $"{input_size}, {hidden_size}" + (num_layers != 1 ? $", num_layers={num_layers}" : "") +
        (batch_first ? ", batch_first=True" : "") + (dropout != 0 ? $", dropout={dropout}" : "") +
        (bidirectional ? ", bidirectional=True" : "");
}
