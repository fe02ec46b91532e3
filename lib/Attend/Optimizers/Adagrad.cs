namespace Attend.Optimizers;

/// <summary>
/// Adagrad (Duchi et al., 2011), exactly as PyTorch's <c>torch.optim.Adagrad</c>: each weight's step is divided by
/// the root of the sum of all its past squared gradients, so often-updated weights slow down. With t the step count
/// and η the learning-rate decay:
/// <code>
/// g ← g + λ·θ                          (when λ ≠ 0)
/// γ̃ ← γ / (1 + (t − 1)·η)
/// s ← s + g²                           (s starts at initial_accumulator_value)
/// θ ← θ − γ̃ · g / (√s + ε)
/// </code>
/// </summary>
public class Adagrad : Optimizer
{
    /// <summary>Creates Adagrad over <paramref name="parameters"/>.</summary>
    public Adagrad(IEnumerable<Tensor> parameters, double lr = 1e-2, double lr_decay = 0, double weight_decay = 0,
                   double initial_accumulator_value = 0, double eps = 1e-10)
        : base(parameters, new Group([], lr, lr_decay, weight_decay, initial_accumulator_value, eps))
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

        var clr = o.lr / (1 + ((state.step - 1) * o.lr_decay));
        var sum = state.GetOrAdd("sum", () => torch.full_like(parameter, (float)o.initial_accumulator_value));
        sum.addcmul_(grad, grad);
        var std = sum.sqrt().add_((float)o.eps);
        parameter.addcdiv_(grad, std, (float)-clr);
    }

    /// <summary>Adagrad's hyper-parameters for one group.</summary>
    public sealed class Group : ParamGroup
    {
        /// <summary>Creates a group; the arguments are as in the <see cref="Adagrad"/> constructor.</summary>
        public Group(IEnumerable<Tensor> parameters, double lr, double lr_decay = 0, double weight_decay = 0,
                     double initial_accumulator_value = 0, double eps = 1e-10)
            : base(nameof(Adagrad), parameters, lr)
        {
            this.lr_decay = lr_decay;
            this.weight_decay = weight_decay;
            this.initial_accumulator_value = initial_accumulator_value;
            this.eps = eps;
        }

        /// <summary>η: the learning rate at step t is γ / (1 + (t − 1)·η).</summary>
        public double lr_decay { get; set; }

        /// <summary>λ: L2 penalty, added to the gradient as λ·θ.</summary>
        public double weight_decay { get; set; }

        /// <summary>The starting value of the sum of squared gradients.</summary>
        public double initial_accumulator_value { get; set; }

        /// <summary>ε: added to the root so a zero sum does not divide by zero.</summary>
        public double eps { get; set; }

        /// <inheritdoc/>
        public override void Validate()
        {
            base.Validate();
            Require(lr_decay >= 0, nameof(lr_decay), lr_decay, "learning-rate decay must be >= 0");
            Require(weight_decay >= 0, nameof(weight_decay), weight_decay, "weight decay must be >= 0");
            Require(initial_accumulator_value >= 0, nameof(initial_accumulator_value), initial_accumulator_value,
                    "the initial accumulator value must be >= 0");
            Require(eps >= 0, nameof(eps), eps, "epsilon must be >= 0");
        }

        /// <inheritdoc/>
        protected override string ExtraRepr() =>
            $", lr_decay={lr_decay}, weight_decay={weight_decay}, initial_accumulator_value={initial_accumulator_value}, eps={eps}";
    }
}
