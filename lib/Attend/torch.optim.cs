using Attend.Optimizers;

namespace Attend;

public static partial class torch
{
    /// <summary>
    /// Optimizers and learning-rate schedulers, as <c>torch.optim</c>: <c>torch.optim.Adam(model.parameters(), lr: 1e-3)</c>.
    /// The classes live in <see cref="Attend.Optimizers"/>; these factories mirror PyTorch's call signatures.
    /// </summary>
    public static partial class optim
    {
        /// <summary>Stochastic gradient descent (see <see cref="Optimizers.SGD"/>).</summary>
        public static Optimizers.SGD SGD(IEnumerable<Tensor> parameters, double lr, double momentum = 0, double dampening = 0,
                                         double weight_decay = 0, bool nesterov = false) =>
            new(parameters, lr, momentum, dampening, weight_decay, nesterov);

        /// <summary>Adam (see <see cref="Optimizers.Adam"/>).</summary>
        public static Optimizers.Adam Adam(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
                                           double eps = 1e-8, double weight_decay = 0, bool amsgrad = false) =>
            new(parameters, lr, beta1, beta2, eps, weight_decay, amsgrad);

        /// <summary>Adam with decoupled weight decay (see <see cref="Optimizers.AdamW"/>).</summary>
        public static Optimizers.AdamW AdamW(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
                                             double eps = 1e-8, double weight_decay = 1e-2, bool amsgrad = false) =>
            new(parameters, lr, beta1, beta2, eps, weight_decay, amsgrad);

        /// <summary>RMSprop, optionally centered and with momentum (see <see cref="Optimizers.RMSprop"/>).</summary>
        public static Optimizers.RMSprop RMSprop(IEnumerable<Tensor> parameters, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8,
                                                 double weight_decay = 0, double momentum = 0, bool centered = false) =>
            new(parameters, lr, alpha, eps, weight_decay, momentum, centered);

        /// <summary>Adagrad (see <see cref="Optimizers.Adagrad"/>).</summary>
        public static Optimizers.Adagrad Adagrad(IEnumerable<Tensor> parameters, double lr = 1e-2, double lr_decay = 0,
                                                 double weight_decay = 0, double initial_accumulator_value = 0, double eps = 1e-10) =>
            new(parameters, lr, lr_decay, weight_decay, initial_accumulator_value, eps);

        /// <summary>Learning-rate schedulers, as <c>torch.optim.lr_scheduler</c>.</summary>
        public static class lr_scheduler
        {
            /// <summary>Multiplies the rate by <paramref name="gamma"/> every <paramref name="step_size"/> epochs (see <see cref="Optimizers.StepLR"/>).</summary>
            public static Optimizers.StepLR StepLR(Optimizer optimizer, int step_size, double gamma = 0.1) => new(optimizer, step_size, gamma);

            /// <summary>Multiplies the rate by <paramref name="gamma"/> every epoch (see <see cref="Optimizers.ExponentialLR"/>).</summary>
            public static Optimizers.ExponentialLR ExponentialLR(Optimizer optimizer, double gamma) => new(optimizer, gamma);

            /// <summary>Lowers the rate when a metric plateaus (see <see cref="Optimizers.ReduceLROnPlateau"/>).</summary>
            public static Optimizers.ReduceLROnPlateau ReduceLROnPlateau(Optimizer optimizer, string mode = "min", double factor = 0.1,
                                                                         int patience = 10, double threshold = 1e-4,
                                                                         string threshold_mode = "rel", int cooldown = 0,
                                                                         double min_lr = 0, double eps = 1e-8) =>
                new(optimizer, mode, factor, patience, threshold, threshold_mode, cooldown, min_lr, eps);
        }
    }
}
