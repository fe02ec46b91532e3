using Attend.Modules;

namespace Attend.Ntm;

/// <summary>
/// An LSTM controller (Chapter 5, §5.4; the paper's best on every task): one <see cref="LSTMCell"/>, output h, state (h, c) starting
/// from learned biases h₀ and c₀.
/// </summary>
public sealed class LstmController : NtmController
{
    private readonly LSTMCell lstm;

    /// <summary>h₀ [H], learned.</summary>
    public Parameter h0;

    /// <summary>c₀ [H], learned.</summary>
    public Parameter c0;

    /// <summary>An LSTM with <paramref name="input_size"/> inputs and <paramref name="hidden_size"/> units.</summary>
    public LstmController(int input_size, int hidden_size)
        : base(nameof(LstmController))
    {
        lstm = new LSTMCell(input_size, hidden_size);
        h0 = new Parameter(torch.zeros(hidden_size));
        c0 = new Parameter(torch.zeros(hidden_size));
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override int input_size => lstm.input_size;

    /// <inheritdoc/>
    public override int output_size => lstm.hidden_size;

    /// <inheritdoc/>
    public override Tensor[] InitialState(int batch) =>
        [h0.unsqueeze(0).expand(batch, output_size), c0.unsqueeze(0).expand(batch, output_size)];

    /// <inheritdoc/>
    public override (Tensor Output, Tensor[] State) Step(Tensor input, Tensor[] state)
    {
        var (h, c) = lstm.forward(input, (state[0], state[1]));
        return (h, [h, c]);
    }

    /// <inheritdoc/>
    /// <remarks>pytorch-ntm: weights U(±5/√(inputs + units)), biases 0, h₀ and c₀ ~ N(0, 0.05²) (its learned state biases).</remarks>
    internal override void InitAsPytorchNtm(Generator? generator)
    {
        var bound = 5 / Math.Sqrt(input_size + output_size);
        using var _ = torch.no_grad();
        torch.nn.init.uniform_(lstm.weight_ih, -bound, bound, generator);
        torch.nn.init.uniform_(lstm.weight_hh, -bound, bound, generator);
        if (lstm.bias_ih is { } bih)
        {
            torch.nn.init.zeros_(bih);
        }

        if (lstm.bias_hh is { } bhh)
        {
            torch.nn.init.zeros_(bhh);
        }

        torch.nn.init.normal_(h0, 0, 0.05, generator);
        torch.nn.init.normal_(c0, 0, 0.05, generator);
    }
}
