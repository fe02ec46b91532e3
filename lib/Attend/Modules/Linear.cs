namespace Attend.Modules;

/// <summary>
/// A fully connected layer y = x·Wᵀ + b, as PyTorch's <c>nn.Linear</c>: <see cref="weight"/> is [out, in] and
/// <see cref="bias"/> [out]. Initialized as PyTorch: W ~ kaiming_uniform(a = √5), i.e. U(±1/√in), and b ~ U(±1/√in).
/// </summary>
public sealed class Linear : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer; <paramref name="bias"/> false leaves out b.</summary>
    public Linear(int in_features, int out_features, bool bias = true)
        : base(nameof(Linear))
    {
        if (in_features < 0 || out_features < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(in_features),
                $"Linear: in_features ({in_features}) and out_features ({out_features}) must be non-negative.");
        }

        this.in_features = in_features;
        this.out_features = out_features;
        weight = new Parameter(torch.empty(out_features, in_features));
        torch.nn.init.kaiming_uniform_(weight, a: Math.Sqrt(5));
        register_parameter(nameof(weight), weight);
        if (bias)
        {
            this.bias = new Parameter(torch.empty(out_features));
            var bound = in_features > 0 ? 1 / Math.Sqrt(in_features) : 0;
            torch.nn.init.uniform_(this.bias, -bound, bound);
        }

        register_parameter(nameof(bias), this.bias);
    }

    /// <summary>The size of each input sample.</summary>
    public int in_features { get; }

    /// <summary>The size of each output sample.</summary>
    public int out_features { get; }

    /// <summary>The weight matrix [out_features, in_features].</summary>
    public Parameter weight { get; }

    /// <summary>The bias [out_features], or null.</summary>
    public Parameter? bias { get; }

    /// <summary>x [..., in] → x·Wᵀ + b [..., out].</summary>
    public override Tensor forward(Tensor input) => torch.nn.functional.linear(input, weight, bias);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"in_features={in_features}, out_features={out_features}, bias={bias is not null}";
}
