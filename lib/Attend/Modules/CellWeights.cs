namespace Attend.Modules;

/// <summary>
/// The four parameters of one recurrent cell, PyTorch's layout: weight_ih [G·H, input], weight_hh [G·H, H],
/// bias_ih and bias_hh [G·H], where G is the number of gates stacked in order (1 for RNN, 3 for GRU: r, z, n,
/// 4 for LSTM: i, f, g, o). All start U(±1/√H), as in PyTorch.
/// </summary>
internal sealed record CellWeights(Parameter weight_ih, Parameter weight_hh, Parameter? bias_ih, Parameter? bias_hh)
{
    /// <summary>Creates the weights and registers them on <paramref name="owner"/> as weight_ih{suffix}, weight_hh{suffix}, ….</summary>
    public static CellWeights Create(Module owner, string suffix, int gates, int inputSize, int hiddenSize, bool bias)
    {
        var bound = hiddenSize > 0 ? 1 / Math.Sqrt(hiddenSize) : 0;
        Parameter Make(params int[] shape)
        {
            var p = new Parameter(torch.empty(shape));
            torch.nn.init.uniform_(p, -bound, bound);
            return p;
        }

        var weights = new CellWeights(
            Make(gates * hiddenSize, inputSize),
            Make(gates * hiddenSize, hiddenSize),
            bias ? Make(gates * hiddenSize) : null,
            bias ? Make(gates * hiddenSize) : null);
        owner.register_parameter("weight_ih" + suffix, weights.weight_ih);
        owner.register_parameter("weight_hh" + suffix, weights.weight_hh);
        if (bias)
        {
            owner.register_parameter("bias_ih" + suffix, weights.bias_ih);
            owner.register_parameter("bias_hh" + suffix, weights.bias_hh);
        }

        return weights;
    }

    /// <summary>The input's contribution to every gate: x·W_ihᵀ + b_ih, for any leading dimensions.</summary>
    public Tensor InputGates(Tensor x) => torch.nn.functional.linear(x, weight_ih, bias_ih);

    /// <summary>The hidden state's contribution to every gate: h·W_hhᵀ + b_hh.</summary>
    public Tensor HiddenGates(Tensor h) => torch.nn.functional.linear(h, weight_hh, bias_hh);
}
