namespace Attend.Optimizers;

/// <summary>
/// RMSprop (Hinton's lecture notes; the centered form of Graves, 2013), exactly as PyTorch's
/// <c>torch.optim.RMSprop</c>: each gradient is divided by a running root-mean-square of recent gradients.
/// With α the smoothing constant and μ momentum:
/// <code>
/// g ← g + λ·θ                                  (when λ ≠ 0)
/// v ← α·v + (1 − α)·g²                         (mean square)
/// ḡ ← α·ḡ + (1 − α)·g;  ṽ ← v − ḡ²             (centered only: a variance estimate)
/// d ← √ṽ + ε   (centered)   or   √v + ε
/// b ← μ·b + g/d;  θ ← θ − γ·b                  (when μ &gt; 0)
/// θ ← θ − γ·g/d                                (otherwise)
/// </code>
/// Graves' Neural Turing Machine is trained with the centered form with momentum.
/// </summary>
public class RMSprop : Optimizer
{
    /// <summary>Creates RMSprop over <paramref name="parameters"/>.</summary>
    public RMSprop(IEnumerable<Tensor> parameters, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8, double weight_decay = 0,
                   double momentum = 0, bool centered = false)
        : base(parameters, new Group([], lr, alpha, eps, weight_decay, momentum, centered))
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

        var alpha = (float)o.alpha;
        var squareAvg = state.GetOrAdd("square_avg", () => torch.zeros_like(parameter));
        squareAvg.mul_(alpha).addcmul_(grad, grad, 1 - alpha);

        Tensor denominator;
        if (o.centered)
        {
            var gradAvg = state.GetOrAdd("grad_avg", () => torch.zeros_like(parameter));
            gradAvg.mul_(alpha).add_(grad, 1 - alpha);
            denominator = squareAvg.sub(gradAvg.mul(gradAvg)).sqrt_();
        }
        else
        {
            denominator = squareAvg.sqrt();
        }

        denominator.add_((float)o.eps);
        if (o.momentum > 0)
        {
            var buffer = state.GetOrAdd("momentum_buffer", () => torch.zeros_like(parameter));
            buffer.mul_((float)o.momentum).addcdiv_(grad, denominator);
            parameter.add_(buffer, (float)-o.lr);
        }
        else
        {
            parameter.addcdiv_(grad, denominator, (float)-o.lr);
        }
    }

    /// <summary>RMSprop's hyper-parameters for one group.</summary>
    public sealed class Group : ParamGroup
    {
        /// <summary>Creates a group; the arguments are as in the <see cref="RMSprop"/> constructor.</summary>
        public Group(IEnumerable<Tensor> parameters, double lr, double alpha = 0.99, double eps = 1e-8, double weight_decay = 0,
                     double momentum = 0, bool centered = false)
            : base(nameof(RMSprop), parameters, lr)
        {
            this.alpha = alpha;
            this.eps = eps;
            this.weight_decay = weight_decay;
            this.momentum = momentum;
            this.centered = centered;
        }

        /// <summary>α: decay of the running mean of squared gradients.</summary>
        public double alpha { get; set; }

        /// <summary>ε: added to the root-mean-square so tiny values do not blow the step up.</summary>
        public double eps { get; set; }

        /// <summary>λ: L2 penalty, added to the gradient as λ·θ.</summary>
        public double weight_decay { get; set; }

        /// <summary>μ: momentum of the normalized update (0 = none).</summary>
        public double momentum { get; set; }

        /// <summary>Whether to normalize by the estimated variance (mean square minus squared mean) instead of the mean square.</summary>
        public bool centered { get; set; }

        /// <inheritdoc/>
        public override void Validate()
        {
            base.Validate();
            Require(alpha >= 0, nameof(alpha), alpha, "the smoothing constant alpha must be >= 0");
            Require(eps >= 0, nameof(eps), eps, "epsilon must be >= 0");
            Require(weight_decay >= 0, nameof(weight_decay), weight_decay, "weight decay must be >= 0");
            Require(momentum >= 0, nameof(momentum), momentum, "momentum must be >= 0");
        }

        /// <inheritdoc/>
        protected override string ExtraRepr() =>
            $", alpha={alpha}, eps={eps}, weight_decay={weight_decay}, momentum={momentum}, centered={centered}";
    }
}
