namespace Attend.Optimizers;

/// <summary>
/// Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and weight decay, exactly as
/// PyTorch's <c>torch.optim.SGD</c>. With g the gradient, b the momentum buffer, μ momentum, τ dampening,
/// λ weight decay and γ the learning rate, each step computes
/// <code>
/// g ← g + λ·θ                         (when λ ≠ 0)
/// b ← g  on the first step, else  b ← μ·b + (1 − τ)·g     (when μ ≠ 0)
/// g ← g + μ·b  (Nesterov)  or  g ← b                       (when μ ≠ 0)
/// θ ← θ − γ·g
/// </code>
/// </summary>
public class SGD : Optimizer
{
    /// <summary>Creates SGD over <paramref name="parameters"/>.</summary>
    public SGD(IEnumerable<Tensor> parameters, double lr, double momentum = 0, double dampening = 0, double weight_decay = 0,
               bool nesterov = false)
        : base(parameters, new Group([], lr, momentum, dampening, weight_decay, nesterov))
    {
    }

    /// <inheritdoc/>
    protected override void Update(ParamGroup group, Tensor parameter, Tensor grad, ParamState state)
    {
        var o = (Group)group;
        if (o.weight_decay != 0)
        {
            grad = grad.add(parameter, (float)o.weight_decay);
        }

        if (o.momentum != 0)
        {
            if (state.tensors.TryGetValue("momentum_buffer", out var buffer))
            {
                buffer.mul_((float)o.momentum).add_(grad, (float)(1 - o.dampening));
            }
            else
            {
                // The first step starts the buffer at the gradient itself (no dampening), as PyTorch does.
                buffer = grad.clone();
                state.tensors["momentum_buffer"] = buffer;
            }

            grad = o.nesterov ? grad.add(buffer, (float)o.momentum) : buffer;
        }

        parameter.add_(grad, (float)-o.lr);
    }

    /// <summary>SGD's hyper-parameters for one group.</summary>
    public sealed class Group : ParamGroup
    {
        /// <summary>Creates a group; the arguments are as in the <see cref="SGD"/> constructor.</summary>
        public Group(IEnumerable<Tensor> parameters, double lr, double momentum = 0, double dampening = 0, double weight_decay = 0,
                     bool nesterov = false)
            : base(nameof(SGD), parameters, lr)
        {
            this.momentum = momentum;
            this.dampening = dampening;
            this.weight_decay = weight_decay;
            this.nesterov = nesterov;
        }

        /// <summary>μ: how much of the previous update direction carries over (0 = plain SGD).</summary>
        public double momentum { get; set; }

        /// <summary>τ: the fraction of each new gradient left out of the momentum buffer.</summary>
        public double dampening { get; set; }

        /// <summary>λ: L2 penalty, added to the gradient as λ·θ.</summary>
        public double weight_decay { get; set; }

        /// <summary>Whether to use Nesterov momentum (look ahead along the buffer).</summary>
        public bool nesterov { get; set; }

        /// <inheritdoc/>
        public override void Validate()
        {
            base.Validate();
            Require(momentum >= 0, nameof(momentum), momentum, "momentum must be >= 0");
            Require(weight_decay >= 0, nameof(weight_decay), weight_decay, "weight decay must be >= 0");
            Require(!nesterov || (momentum > 0 && dampening == 0), nameof(nesterov), nesterov,
                    $"Nesterov momentum requires momentum > 0 and dampening = 0 (got momentum = {momentum}, dampening = {dampening})");
        }

        /// <inheritdoc/>
        protected override string ExtraRepr() =>
            $", momentum={momentum}, dampening={dampening}, weight_decay={weight_decay}, nesterov={nesterov}";
    }
}
