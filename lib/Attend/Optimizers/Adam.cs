namespace Attend.Optimizers;

/// <summary>
/// Adam (Kingma &amp; Ba, 2015), exactly as PyTorch's <c>torch.optim.Adam</c>: running averages of the gradient and
/// of its square, corrected for their zero start, give each weight its own step size. With t the step count:
/// <code>
/// g ← g + λ·θ                                  (L2 weight decay, when λ ≠ 0)
/// m ← β₁·m + (1 − β₁)·g                        (first moment)
/// v ← β₂·v + (1 − β₂)·g²                       (second moment)
/// v_max ← max(v_max, v); use v_max for v       (amsgrad only)
/// θ ← θ − γ/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε)
/// </code>
/// The last line is γ·m̂/(√v̂ + ε) with m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ), arranged as PyTorch computes it.
/// </summary>
public class Adam : Optimizer
{
    /// <summary>Creates Adam over <paramref name="parameters"/>.</summary>
    public Adam(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8,
                double weight_decay = 0, bool amsgrad = false)
        : this(parameters, new Group(nameof(Adam), [], lr, beta1, beta2, eps, weight_decay, amsgrad))
    {
    }

    /// <summary>Creates an Adam variant (AdamW) whose groups carry its own name.</summary>
    protected Adam(IEnumerable<Tensor> parameters, Group defaults)
        : base(parameters, defaults)
    {
    }

    /// <summary>
    /// Whether weight decay is decoupled from the gradient (AdamW: θ ← θ·(1 − γλ) before the Adam step) rather than
    /// added to it as an L2 term (Adam).
    /// </summary>
    protected virtual bool decoupled_weight_decay => false;

    /// <inheritdoc/>
    protected override void Update(ParamGroup group, Tensor parameter, Tensor grad, ParamState state)
    {
        var o = (Group)group;
        if (o.weight_decay != 0)
        {
            if (decoupled_weight_decay)
            {
                parameter.mul_((float)(1 - (o.lr * o.weight_decay)));
            }
            else
            {
                grad = grad.add(parameter, (float)o.weight_decay);
            }
        }

        var m = state.GetOrAdd("exp_avg", () => torch.zeros_like(parameter));
        var v = state.GetOrAdd("exp_avg_sq", () => torch.zeros_like(parameter));
        m.mul_((float)o.beta1).add_(grad, (float)(1 - o.beta1));
        v.mul_((float)o.beta2).addcmul_(grad, grad, (float)(1 - o.beta2));

        var t = state.step;
        var biasCorrection1 = 1 - Math.Pow(o.beta1, t);
        var biasCorrection2 = 1 - Math.Pow(o.beta2, t);
        if (o.amsgrad)
        {
            // Keep the largest second moment seen so far, so the effective step size never grows.
            var vMax = state.GetOrAdd("max_exp_avg_sq", () => torch.zeros_like(parameter));
            v = vMax.maximum_(v);
        }

        var denominator = v.sqrt().div_((float)Math.Sqrt(biasCorrection2)).add_((float)o.eps);
        parameter.addcdiv_(m, denominator, (float)(-o.lr / biasCorrection1));
    }

    /// <summary>Adam's (and AdamW's) hyper-parameters for one group.</summary>
    public sealed class Group : ParamGroup
    {
        /// <summary>Creates a group for the optimizer named <paramref name="optimizer"/>; the other arguments are as in <see cref="Adam"/>.</summary>
        public Group(string optimizer, IEnumerable<Tensor> parameters, double lr, double beta1 = 0.9, double beta2 = 0.999,
                     double eps = 1e-8, double weight_decay = 0, bool amsgrad = false)
            : base(optimizer, parameters, lr)
        {
            this.beta1 = beta1;
            this.beta2 = beta2;
            this.eps = eps;
            this.weight_decay = weight_decay;
            this.amsgrad = amsgrad;
        }

        /// <summary>β₁: decay of the running mean of gradients.</summary>
        public double beta1 { get; set; }

        /// <summary>β₂: decay of the running mean of squared gradients.</summary>
        public double beta2 { get; set; }

        /// <summary>ε: added to the denominator so tiny second moments do not blow the step up.</summary>
        public double eps { get; set; }

        /// <summary>λ: weight decay (an L2 term for Adam, decoupled for AdamW).</summary>
        public double weight_decay { get; set; }

        /// <summary>Whether to use the AMSGrad variant (the maximum of past second moments).</summary>
        public bool amsgrad { get; set; }

        /// <inheritdoc/>
        public override void Validate()
        {
            base.Validate();
            Require(beta1 is >= 0 and < 1, nameof(beta1), beta1, "beta1 must be in [0, 1)");
            Require(beta2 is >= 0 and < 1, nameof(beta2), beta2, "beta2 must be in [0, 1)");
            Require(eps >= 0, nameof(eps), eps, "epsilon must be >= 0");
            Require(weight_decay >= 0, nameof(weight_decay), weight_decay, "weight decay must be >= 0");
        }

        /// <inheritdoc/>
        protected override string ExtraRepr() =>
            $", betas=({beta1}, {beta2}), eps={eps}, weight_decay={weight_decay}, amsgrad={amsgrad}";
    }
}
