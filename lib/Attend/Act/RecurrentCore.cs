using Attend.Modules;
using F = Attend.torch.nn.functional;

namespace Attend.Act;

/// <summary>
/// One of the library's recurrent cells (<see cref="RNNCell"/>, <see cref="GRUCell"/>, <see cref="LSTMCell"/>) seen
/// the way ACT uses it: a state of one tensor (h) or two (h, c), and a step from the input's share of the gates.
/// <para>
/// Within one input step every ponder step sees the same x; only the first-step flag bit changes. So the input's
/// contribution x·W_ihᵀ + b_ih is computed once per input step (without the flag's column) and the flag's column is
/// added on the first ponder step: each further ponder step costs one matrix product (h·W_hhᵀ) instead of two.
/// </para>
/// </summary>
/// <remarks>Chapter 8: adaptive computation time, §8.2 (notebooks/08-adaptive-computation-time.ipynb).</remarks>
internal sealed class RecurrentCore
{
    private readonly Func<Tensor, Tensor[], Tensor[]> step;

    private RecurrentCore(Module cell, int inputSize, int hiddenSize, int states, Parameter weightIh, Parameter weightHh,
                          Parameter? biasIh, Func<Tensor, Tensor[], Tensor[]> step)
    {
        Cell = cell;
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        States = states;
        WeightIh = weightIh;
        WeightHh = weightHh;
        BiasIh = biasIh;
        this.step = step;
    }

    /// <summary>The wrapped cell.</summary>
    public Module Cell { get; }

    /// <summary>The cell's input size: the data's size plus one for the flag bit.</summary>
    public int InputSize { get; }

    /// <summary>H.</summary>
    public int HiddenSize { get; }

    /// <summary>1 (h) or 2 (h, c).</summary>
    public int States { get; }

    private Parameter WeightIh { get; }

    private Parameter WeightHh { get; }

    private Parameter? BiasIh { get; }

    /// <summary>Wraps <paramref name="cell"/>, or throws naming the types that can be wrapped.</summary>
    public static RecurrentCore Wrap(Module cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell switch
        {
            RNNCell rnn => new RecurrentCore(rnn, rnn.input_size, rnn.hidden_size, 1, rnn.weight_ih, rnn.weight_hh, rnn.bias_ih,
                (gi, s) => [RNNCell.Step(gi, Hidden(gi, s[0], rnn.weight_hh, rnn.bias_hh), rnn.nonlinearity)]),
            GRUCell gru => new RecurrentCore(gru, gru.input_size, gru.hidden_size, 1, gru.weight_ih, gru.weight_hh, gru.bias_ih,
                (gi, s) => [GRUCell.Step(gi, Hidden(gi, s[0], gru.weight_hh, gru.bias_hh), s[0])]),
            LSTMCell lstm => new RecurrentCore(lstm, lstm.input_size, lstm.hidden_size, 2, lstm.weight_ih, lstm.weight_hh, lstm.bias_ih,
                (gi, s) =>
                {
                    var (h, c) = LSTMCell.Step(gi, Hidden(gi, s[0], lstm.weight_hh, lstm.bias_hh), s[1]);
                    return [h, c];
                }),
            _ => throw new ArgumentException(
                $"AdaptiveComputationTime: cannot wrap a {cell.GetType().Name}; expected an RNNCell, GRUCell or LSTMCell.", nameof(cell)),
        };
    }

    private static Tensor Hidden(Tensor gi, Tensor h, Tensor weight, Tensor? bias) => F.linear(h, weight, bias);

    /// <summary>x·W_ihᵀ + b_ih without the flag's column (the last one): x [B, InputSize − 1] → [B, G·H].</summary>
    public Tensor InputGates(Tensor x) => F.linear(x, WeightIh.narrow(1, 0, InputSize - 1), BiasIh);

    /// <summary>The flag's column of W_ih, [G·H]: what the flag bit adds to the gates on the first ponder step.</summary>
    public Tensor FlagColumn() => WeightIh.select(1, InputSize - 1);

    /// <summary>
    /// W_hh and b_hh when the cell is a tanh <see cref="RNNCell"/> with biases, whose whole ponder loop
    /// <see cref="FusedRnnPonder"/> runs as one node; null for the other cells (they take the composed loop).
    /// </summary>
    public (Parameter WeightHh, Parameter BiasHh)? FusedRnn =>
        Cell is RNNCell { nonlinearity: "tanh", bias_hh: { } bias } rnn ? (rnn.weight_hh, bias) : null;

    /// <summary>One ponder step from the gates' input share <paramref name="gi"/> and the state.</summary>
    public Tensor[] Step(Tensor gi, Tensor[] state) => step(gi, state);

    /// <summary>A zero state for a batch of <paramref name="batch"/> on <paramref name="device"/>.</summary>
    public Tensor[] Zeros(int batch, Device device) =>
        Enumerable.Range(0, States).Select(_ => torch.zeros([batch, HiddenSize], device)).ToArray();
}
