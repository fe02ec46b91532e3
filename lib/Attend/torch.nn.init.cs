namespace Attend;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>
        /// Weight initializers, as <c>torch.nn.init</c>: each fills a tensor in place (without recording gradients)
        /// from <see cref="default_generator"/> (or the one given) and returns it. The fans and bounds are PyTorch's,
        /// so a layer starts with the same distribution of weights as in PyTorch.
        /// </summary>
        public static partial class init
        {
            /// <summary>Fills with samples from U(a, b).</summary>
            public static Tensor uniform_(Tensor tensor, double a = 0, double b = 1, Generator? generator = null)
            {
                ArgumentNullException.ThrowIfNull(tensor);
                if (!(a <= b))
                {
                    throw new ArgumentException($"uniform_: expects a <= b, got a = {a} and b = {b}.", nameof(b));
                }

                var values = new float[tensor.numel()];
                (generator ?? default_generator).FillUniform(values, (float)a, (float)b);
                return Overwrite(tensor, values);
            }

            /// <summary>Fills with samples from N(mean, std²).</summary>
            public static Tensor normal_(Tensor tensor, double mean = 0, double std = 1, Generator? generator = null)
            {
                ArgumentNullException.ThrowIfNull(tensor);
                if (!(std >= 0))
                {
                    throw new ArgumentException($"normal_: std must be non-negative, got {std}.", nameof(std));
                }

                var values = new float[tensor.numel()];
                (generator ?? default_generator).FillNormal(values, (float)mean, (float)std);
                return Overwrite(tensor, values);
            }

            /// <summary>Fills with <paramref name="val"/>.</summary>
            public static Tensor constant_(Tensor tensor, double val)
            {
                ArgumentNullException.ThrowIfNull(tensor);
                using var _ = no_grad();
                return tensor.fill_((float)val);
            }

            /// <summary>Fills with zeros.</summary>
            public static Tensor zeros_(Tensor tensor) => constant_(tensor, 0);

            /// <summary>Fills with ones.</summary>
            public static Tensor ones_(Tensor tensor) => constant_(tensor, 1);

            /// <summary>
            /// The recommended gain for a nonlinearity (PyTorch's table): 1 for linear/identity/conv/sigmoid, 5/3 for
            /// tanh, √2 for relu, √(2/(1+slope²)) for leaky_relu (slope = <paramref name="param"/>, default 0.01), 3/4 for selu.
            /// </summary>
            public static double calculate_gain(string nonlinearity, double? param = null)
            {
                ArgumentNullException.ThrowIfNull(nonlinearity);
                switch (nonlinearity)
                {
                    case "linear" or "identity" or "sigmoid" or "conv1d" or "conv2d" or "conv3d"
                        or "conv_transpose1d" or "conv_transpose2d" or "conv_transpose3d":
                        return 1;
                    case "tanh":
                        return 5.0 / 3;
                    case "relu":
                        return Math.Sqrt(2.0);
                    case "leaky_relu":
                        var slope = param ?? 0.01;
                        return Math.Sqrt(2.0 / (1 + (slope * slope)));
                    case "selu":
                        return 3.0 / 4;
                    default:
                        throw new ArgumentException(
                            $"calculate_gain: unsupported nonlinearity '{nonlinearity}' (expected linear, identity, sigmoid, " +
                            "tanh, relu, leaky_relu, selu or a conv name).", nameof(nonlinearity));
                }
            }

            /// <summary>
            /// (fan_in, fan_out) of a weight: for [out, in, k…] the receptive field r = Πk, fan_in = in·r and
            /// fan_out = out·r (a Linear weight [out, in] has fan_in = in).
            /// </summary>
            public static (int fan_in, int fan_out) calculate_fan_in_and_fan_out(Tensor tensor) =>
                Fans(tensor, "calculate_fan_in_and_fan_out");

            private static (int FanIn, int FanOut) Fans(Tensor tensor, string op)
            {
                ArgumentNullException.ThrowIfNull(tensor);
                if (tensor.dims.Length < 2)
                {
                    throw new ArgumentException(
                        $"{op}: fan in and fan out cannot be computed for a tensor with fewer than 2 dimensions " +
                        $"(shape {Tensor.Format(tensor.dims)}).", nameof(tensor));
                }

                var receptive = Tensor.Product(tensor.dims.AsSpan(2));
                return (tensor.dims[1] * receptive, tensor.dims[0] * receptive);
            }

            /// <summary>
            /// Glorot/Xavier uniform: U(−a, a) with a = gain·√(6 / (fan_in + fan_out)), which keeps the variance of
            /// activations and of gradients roughly constant from layer to layer.
            /// </summary>
            public static Tensor xavier_uniform_(Tensor tensor, double gain = 1, Generator? generator = null)
            {
                var (fanIn, fanOut) = Fans(tensor, "xavier_uniform_");
                var std = gain * Math.Sqrt(2.0 / (fanIn + fanOut));
                var a = Math.Sqrt(3.0) * std; // U(−a, a) has variance a²/3
                return uniform_(tensor, -a, a, generator);
            }

            /// <summary>Glorot/Xavier normal: N(0, std²) with std = gain·√(2 / (fan_in + fan_out)).</summary>
            public static Tensor xavier_normal_(Tensor tensor, double gain = 1, Generator? generator = null)
            {
                var (fanIn, fanOut) = Fans(tensor, "xavier_normal_");
                return normal_(tensor, 0, gain * Math.Sqrt(2.0 / (fanIn + fanOut)), generator);
            }

            /// <summary>
            /// He/Kaiming uniform: U(−b, b) with b = √3 · gain / √fan, gain = calculate_gain(nonlinearity, a) and
            /// fan = fan_in (or fan_out when <paramref name="mode"/> is "fan_out"). PyTorch's Linear uses
            /// a = √5, which gives b = 1/√fan_in.
            /// </summary>
            public static Tensor kaiming_uniform_(Tensor tensor, double a = 0, string mode = "fan_in",
                                                  string nonlinearity = "leaky_relu", Generator? generator = null)
            {
                var std = KaimingStd(tensor, a, mode, nonlinearity, "kaiming_uniform_");
                var bound = Math.Sqrt(3.0) * std;
                return uniform_(tensor, -bound, bound, generator);
            }

            /// <summary>He/Kaiming normal: N(0, std²) with std = gain / √fan (see <see cref="kaiming_uniform_"/>).</summary>
            public static Tensor kaiming_normal_(Tensor tensor, double a = 0, string mode = "fan_in",
                                                 string nonlinearity = "leaky_relu", Generator? generator = null) =>
                normal_(tensor, 0, KaimingStd(tensor, a, mode, nonlinearity, "kaiming_normal_"), generator);

            private static double KaimingStd(Tensor tensor, double a, string mode, string nonlinearity, string op)
            {
                var (fanIn, fanOut) = Fans(tensor, op);
                if (tensor.numel() == 0)
                {
                    return 0; // nothing to fill (PyTorch: "initializing zero-element tensors is a no-op")
                }

                var fan = mode switch
                {
                    "fan_in" => fanIn,
                    "fan_out" => fanOut,
                    _ => throw new ArgumentException($"{op}: mode must be \"fan_in\" or \"fan_out\", got \"{mode}\".", nameof(mode)),
                };
                return calculate_gain(nonlinearity, a) / Math.Sqrt(fan);
            }

            /// <summary>
            /// Fills with a (semi-)orthogonal matrix times <paramref name="gain"/>: the tensor is viewed as
            /// [rows, cols] (rows = size(0)), a Gaussian matrix is QR-factorized and Q (with R's diagonal made
            /// positive, so Q is uniformly distributed) is kept. Rows ≥ cols gives QᵀQ = I; otherwise QQᵀ = I.
            /// </summary>
            public static Tensor orthogonal_(Tensor tensor, double gain = 1, Generator? generator = null)
            {
                ArgumentNullException.ThrowIfNull(tensor);
                if (tensor.dims.Length < 2)
                {
                    throw new ArgumentException(
                        $"orthogonal_: only tensors with 2 or more dimensions are supported, got shape {Tensor.Format(tensor.dims)}.",
                        nameof(tensor));
                }

                var rows = tensor.dims[0];
                var cols = rows == 0 ? 0 : tensor.numel() / rows;
                var gaussian = new float[rows * cols];
                (generator ?? default_generator).FillNormal(gaussian);

                // Orthonormalize the columns of the tall orientation (m ≥ n) by Gram–Schmidt, in double.
                var transpose = rows < cols;
                var (m, n) = transpose ? (cols, rows) : (rows, cols);
                var a = new double[m, n];
                for (var r = 0; r < rows; r++)
                {
                    for (var c = 0; c < cols; c++)
                    {
                        if (transpose)
                        {
                            a[c, r] = gaussian[(r * cols) + c];
                        }
                        else
                        {
                            a[r, c] = gaussian[(r * cols) + c];
                        }
                    }
                }

                GramSchmidt(a, m, n);
                var values = new float[rows * cols];
                for (var r = 0; r < rows; r++)
                {
                    for (var c = 0; c < cols; c++)
                    {
                        values[(r * cols) + c] = (float)(gain * (transpose ? a[c, r] : a[r, c]));
                    }
                }

                return Overwrite(tensor, values);
            }

            /// <summary>
            /// Replaces the n columns of a (m ≥ n) by orthonormal ones spanning the same nested subspaces: the Q of
            /// A = QR with R's diagonal positive. Modified Gram–Schmidt, run twice per column for accuracy.
            /// </summary>
            private static void GramSchmidt(double[,] a, int m, int n)
            {
                for (var j = 0; j < n; j++)
                {
                    for (var pass = 0; pass < 2; pass++)
                    {
                        for (var k = 0; k < j; k++)
                        {
                            double dot = 0;
                            for (var i = 0; i < m; i++)
                            {
                                dot += a[i, k] * a[i, j];
                            }

                            for (var i = 0; i < m; i++)
                            {
                                a[i, j] -= dot * a[i, k];
                            }
                        }
                    }

                    double norm = 0;
                    for (var i = 0; i < m; i++)
                    {
                        norm += a[i, j] * a[i, j];
                    }

                    norm = Math.Sqrt(norm);
                    for (var i = 0; i < m; i++)
                    {
                        a[i, j] /= norm;
                    }
                }
            }

            /// <summary>Writes host values into the tensor without recording (initialization is not part of the graph).</summary>
            private static Tensor Overwrite(Tensor tensor, float[] values)
            {
                using var _ = no_grad();
                return tensor.copy_(Like(tensor, values));
            }

            private static Tensor Like(Tensor target, float[] values) => torch.tensor(values, target.shape, target.device);
        }
    }
}
