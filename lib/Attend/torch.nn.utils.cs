namespace Attend;

public static partial class torch
{
    /// <summary>Neural-network building blocks, as <c>torch.nn</c>.</summary>
    public static partial class nn
    {
        /// <summary>Training helpers, as <c>torch.nn.utils</c>: gradient clipping.</summary>
        public static class utils
        {
            /// <summary>
            /// Rescales the gradients of <paramref name="parameters"/> in place so that their combined
            /// <paramref name="norm_type"/>-norm (all gradients viewed as one vector) is at most
            /// <paramref name="max_norm"/>, as PyTorch: each gradient is multiplied by
            /// max_norm / (total_norm + 1e-6) when that is below 1. Parameters without a gradient are ignored.
            /// Returns the total norm before clipping (useful to log: exploding gradients show up here first).
            /// </summary>
            public static float clip_grad_norm_(IEnumerable<Tensor> parameters, double max_norm, double norm_type = 2,
                                                bool error_if_nonfinite = false)
            {
                ArgumentNullException.ThrowIfNull(parameters);
                if (!(max_norm >= 0))
                {
                    throw new ArgumentOutOfRangeException(nameof(max_norm), $"clip_grad_norm_: max_norm must be >= 0, got {max_norm}.");
                }

                if (!(norm_type > 0))
                {
                    throw new ArgumentOutOfRangeException(nameof(norm_type),
                        $"clip_grad_norm_: norm_type must be > 0 (or double.PositiveInfinity for the max norm), got {norm_type}.");
                }

                var grads = parameters.Select(p => p.grad).OfType<Tensor>().ToList();
                if (grads.Count == 0)
                {
                    return 0f;
                }

                using var _ = no_grad();
                double total;
                if (double.IsPositiveInfinity(norm_type))
                {
                    // ‖g‖∞ = max |g_i| over all gradients.
                    total = grads.Max(g => (double)g.abs().max().item());
                }
                else
                {
                    // ‖g‖_p = (Σ |g_i|^p)^(1/p) over all gradients: sum each tensor's p-th powers, then take one root.
                    var p = (float)norm_type;
                    var sumOfPowers = grads.Sum(g => (double)g.abs().pow(p).sum().item());
                    total = Math.Pow(sumOfPowers, 1 / norm_type);
                }

                if (error_if_nonfinite && !double.IsFinite(total))
                {
                    throw new InvalidOperationException(
                        $"clip_grad_norm_: the total {norm_type}-norm of the gradients is {total}, so they cannot be clipped; " +
                        "look for a NaN or overflow in the loss.");
                }

                var coefficient = max_norm / (total + 1e-6);
                if (coefficient < 1)
                {
                    foreach (var g in grads)
                    {
                        g.mul_((float)coefficient);
                    }
                }

                return (float)total;
            }

            /// <summary>
            /// Clamps every gradient element of <paramref name="parameters"/> to [−clip_value, clip_value], in place.
            /// Parameters without a gradient are ignored.
            /// </summary>
            public static void clip_grad_value_(IEnumerable<Tensor> parameters, double clip_value)
            {
                ArgumentNullException.ThrowIfNull(parameters);
                if (!(clip_value >= 0))
                {
                    throw new ArgumentOutOfRangeException(nameof(clip_value), $"clip_grad_value_: clip_value must be >= 0, got {clip_value}.");
                }

                using var _ = no_grad();
                var c = (float)clip_value;
                foreach (var g in parameters.Select(p => p.grad).OfType<Tensor>())
                {
                    g.clamp_(-c, c);
                }
            }
        }
    }
}
