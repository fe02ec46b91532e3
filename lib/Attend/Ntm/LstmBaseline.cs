using Attend.Modules;

namespace Attend.Ntm;

/// <summary>
/// The paper's baseline (Chapter 5, §5.8): a stacked LSTM reading the same inputs and emitting logits through a
/// linear layer, with no external memory. Choose its size to match the NTM's parameter count
/// (<see cref="SequenceModel.ParameterCount"/>) for a fair comparison.
/// </summary>
public sealed class LstmBaseline : SequenceModel
{
    private readonly ModuleList<LSTMCell> layers;
    private readonly Linear output;

    /// <summary>An LSTM of <paramref name="num_layers"/> layers of <paramref name="hidden_size"/> units.</summary>
    public LstmBaseline(int input_size, int output_size, int hidden_size = 128, int num_layers = 1)
        : base(nameof(LstmBaseline))
    {
        if (input_size <= 0 || output_size <= 0 || hidden_size <= 0 || num_layers <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(hidden_size),
                $"LstmBaseline: input_size ({input_size}), output_size ({output_size}), hidden_size ({hidden_size}) and num_layers " +
                $"({num_layers}) must be positive.");
        }

        this.input_size = input_size;
        this.output_size = output_size;
        this.hidden_size = hidden_size;
        layers = new ModuleList<LSTMCell>(Enumerable.Range(0, num_layers)
            .Select(i => new LSTMCell(i == 0 ? input_size : hidden_size, hidden_size)).ToArray());
        output = new Linear(hidden_size, output_size);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override int input_size { get; }

    /// <inheritdoc/>
    public override int output_size { get; }

    /// <summary>Units per layer.</summary>
    public int hidden_size { get; }

    /// <inheritdoc/>
    public override Tensor forward(Tensor inputs, int outputSteps)
    {
        CheckInputs(inputs, outputSteps);
        int steps = inputs.size(0), batch = inputs.size(1);
        var states = new (Tensor, Tensor)?[layers.Count];
        var features = new List<Tensor>(outputSteps);
        var xs = inputs.unbind(0);
        for (var t = 0; t < steps; t++)
        {
            var x = xs[t];
            for (var l = 0; l < layers.Count; l++)
            {
                var (h, c) = layers[l].forward(x, states[l]);
                states[l] = (h, c);
                x = h;
            }

            if (t >= steps - outputSteps)
            {
                features.Add(x);
            }
        }

        if (outputSteps == 0)
        {
            return torch.zeros([0, batch, output_size], inputs.device);
        }

        var stacked = torch.stack(features, 0);
        return output.call(stacked.reshape(outputSteps * batch, hidden_size)).reshape(outputSteps, batch, output_size);
    }
}
