using Attend.Modules;

namespace Attend;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>
        /// The layers and losses as plain functions of tensors, as <c>torch.nn.functional</c> (often imported as F):
        /// the modules hold the parameters and call these.
        /// </summary>
        public static partial class functional
        {
            // ---- layers -------------------------------------------------------------------------------------

            /// <summary>
            /// y = x·Wᵀ + b with <paramref name="weight"/> [out, in] and <paramref name="bias"/> [out]; x is [..., in].
            /// Wᵀ is never materialized: the product is one GEMM that reads W transposed.
            /// </summary>
            public static Tensor linear(Tensor input, Tensor weight, Tensor? bias = null)
            {
                ArgumentNullException.ThrowIfNull(input);
                ArgumentNullException.ThrowIfNull(weight);
                if (weight.dims.Length != 2 || input.dims.Length == 0 || input.dims[^1] != weight.dims[1])
                {
                    throw new ArgumentException(
                        $"linear: input of shape {Tensor.Format(input.dims)} cannot be multiplied by a weight of shape " +
                        $"{Tensor.Format(weight.dims)} [out_features, in_features]: the input's last dimension must equal " +
                        $"in_features ({(weight.dims.Length == 2 ? weight.dims[1] : "?")}).", nameof(input));
                }

                if (bias is not null && (bias.dims.Length != 1 || bias.dims[0] != weight.dims[0]))
                {
                    throw new ArgumentException(
                        $"linear: bias must have shape [{weight.dims[0]}] (out_features), got {Tensor.Format(bias.dims)}.", nameof(bias));
                }

                var (inFeatures, outFeatures) = (weight.dims[1], weight.dims[0]);
                var rows = input.reshape(-1, inFeatures).unsqueeze(0);
                var y = Tensor.BatchedGemm(rows, false, weight.unsqueeze(0), true, "linear")
                              .reshape([.. input.dims[..^1], outFeatures]);
                return bias is null ? y : y.add(bias);
            }

            /// <summary>
            /// Inverted dropout: in training, zeroes each element with probability <paramref name="p"/> and scales the
            /// survivors by 1/(1−p), so the expected value is unchanged and evaluation needs no rescaling. The mask
            /// comes from <paramref name="generator"/> (the default one when null): the same seed gives the same mask.
            /// </summary>
            public static Tensor dropout(Tensor input, double p = 0.5, bool training = true, Generator? generator = null)
            {
                ArgumentNullException.ThrowIfNull(input);
                if (!(p >= 0 && p <= 1))
                {
                    throw new ArgumentOutOfRangeException(nameof(p), $"dropout: probability has to be between 0 and 1, but got {p}.");
                }

                if (!training || p == 0)
                {
                    return input;
                }

                if (p == 1)
                {
                    return input.mul(0f);
                }

                var u = new float[input.numel()];
                (generator ?? default_generator).FillUniform(u);
                var keep = (float)(1 - p);
                var scale = 1f / keep;
                var mask = Array.ConvertAll(u, v => v < keep ? scale : 0f);
                return input.mul(tensor(mask, input.shape, input.device));
            }

            /// <summary>max(x, 0)</summary>
            public static Tensor relu(Tensor input) => input.relu();

            /// <summary>tanh x</summary>
            public static Tensor tanh(Tensor input) => input.tanh();

            /// <summary>σ(x) = 1/(1+e^−x)</summary>
            public static Tensor sigmoid(Tensor input) => input.sigmoid();

            /// <summary>Softmax along <paramref name="dim"/>.</summary>
            public static Tensor softmax(Tensor input, int dim) => input.softmax(dim);

            /// <summary>Log-softmax along <paramref name="dim"/>.</summary>
            public static Tensor log_softmax(Tensor input, int dim) => input.log_softmax(dim);

            /// <summary>
            /// Rows of <paramref name="weight"/> [num_embeddings, dim] looked up by <paramref name="input"/> (indices as
            /// whole floats, any shape): the result is [..., dim]. Row <paramref name="padding_idx"/> gets no gradient.
            /// </summary>
            public static Tensor embedding(Tensor input, Tensor weight, int? padding_idx = null)
            {
                ArgumentNullException.ThrowIfNull(input);
                ArgumentNullException.ThrowIfNull(weight);
                return EmbeddingLookup.Rows(weight, input, padding_idx is { } pad ? NormalizePadding(pad, weight.size(0)) : null);
            }

            /// <summary>
            /// Sums of looked-up rows, PyTorch's <c>embedding_bag</c> with a 2-D <paramref name="input"/> [B, L] (each row
            /// one bag, no offsets) and <c>mode="sum"</c>: [B, dim], out[b] = Σ_j w[b, j] · weight[input[b, j]], with
            /// <paramref name="per_sample_weights"/> [B, L] (1 when null; weight 0 leaves a word out, e.g. padding).
            /// One pass without the [B, L, dim] tensor of rows that <c>embedding(input, weight)</c> then a sum would
            /// build. Gradients reach <paramref name="weight"/> and <paramref name="per_sample_weights"/>.
            /// </summary>
            public static Tensor embedding_bag(Tensor input, Tensor weight, Tensor? per_sample_weights = null, string mode = "sum")
            {
                ArgumentNullException.ThrowIfNull(input);
                ArgumentNullException.ThrowIfNull(weight);
                if (mode != "sum")
                {
                    throw new ArgumentException($"embedding_bag: only mode \"sum\" is implemented, got \"{mode}\".", nameof(mode));
                }

                return EmbeddingBag.Sum(input, weight, per_sample_weights);
            }

            internal static int NormalizePadding(int padding, int num)
            {
                if (padding < -num || padding >= num)
                {
                    throw new ArgumentOutOfRangeException(nameof(padding),
                        $"embedding: padding_idx {padding} must be within the number of embeddings ({num}).");
                }

                return padding < 0 ? padding + num : padding;
            }

            /// <summary>
            /// Normalizes over the last dimensions given by <paramref name="normalized_shape"/>:
            /// y = (x − mean) / √(var + eps) · weight + bias, with the biased variance (divide by n), as PyTorch.
            /// </summary>
            public static Tensor layer_norm(Tensor input, int[] normalized_shape, Tensor? weight = null, Tensor? bias = null,
                                            double eps = 1e-5)
            {
                ArgumentNullException.ThrowIfNull(input);
                ArgumentNullException.ThrowIfNull(normalized_shape);
                var k = normalized_shape.Length;
                if (k == 0 || k > input.dims.Length || !input.dims[^k..].AsSpan().SequenceEqual(normalized_shape))
                {
                    throw new ArgumentException(
                        $"layer_norm: normalized_shape {Tensor.Format(normalized_shape)} must match the last dimensions of " +
                        $"the input, but the input has shape {Tensor.Format(input.dims)}.", nameof(normalized_shape));
                }

                var last = Enumerable.Range(input.dims.Length - k, k).ToArray();
                var mean = input.mean(last, keepdim: true);
                var centered = input.sub(mean);
                var variance = centered.mul(centered).mean(last, keepdim: true);
                var y = centered.div(variance.add((float)eps).sqrt());
                if (weight is not null)
                {
                    y = y.mul(weight);
                }

                return bias is null ? y : y.add(bias);
            }

            // ---- losses -------------------------------------------------------------------------------------

            /// <summary>
            /// Cross-entropy of raw scores <paramref name="input"/> [N, C] (or [N, C, d…], or [C]) against class indices
            /// <paramref name="target"/> [N] (or [N, d…], or []) stored as whole floats:
            /// loss = (1 − ε)·(−log softmax(x)[y]) + (ε/C)·Σ_c −log softmax(x)[c], with ε = <paramref name="label_smoothing"/>.
            /// Targets equal to <paramref name="ignore_index"/> contribute nothing and are not counted in the mean.
            /// A <paramref name="weight"/> [C] scales each class (the mean then divides by Σ weight[y]).
            /// A <paramref name="target"/> shaped like the input is read as class probabilities instead.
            /// </summary>
            public static Tensor cross_entropy(Tensor input, Tensor target, Tensor? weight = null, int ignore_index = -100,
                                               string reduction = "mean", double label_smoothing = 0)
            {
                ArgumentNullException.ThrowIfNull(input);
                ArgumentNullException.ThrowIfNull(target);
                if (!(label_smoothing >= 0 && label_smoothing <= 1))
                {
                    throw new ArgumentOutOfRangeException(nameof(label_smoothing),
                        $"cross_entropy: label_smoothing must be between 0 and 1, got {label_smoothing}.");
                }

                CheckReduction(reduction, "cross_entropy");
                if (input.dims.Length == 0)
                {
                    throw new ArgumentException("cross_entropy: input must have a class dimension ([C], [N, C] or [N, C, d…]), got a scalar.", nameof(input));
                }

                var classDim = input.dims.Length == 1 ? 0 : 1;
                var logp = input.log_softmax(classDim);
                if (target.ShapeEquals(input))
                {
                    return SoftTargetCrossEntropy(logp, target, weight, reduction, label_smoothing);
                }

                return ClassIndexLoss(logp, target, weight, ignore_index, reduction, label_smoothing, "cross_entropy");
            }

            /// <summary>
            /// Negative log-likelihood of log-probabilities <paramref name="input"/> [N, C] (or [N, C, d…], or [C])
            /// at class indices <paramref name="target"/>: −input[n, y_n], optionally weighted by class, with
            /// <paramref name="ignore_index"/> skipped. cross_entropy(x, y) = nll_loss(log_softmax(x, 1), y).
            /// </summary>
            public static Tensor nll_loss(Tensor input, Tensor target, Tensor? weight = null, int ignore_index = -100,
                                          string reduction = "mean")
            {
                ArgumentNullException.ThrowIfNull(input);
                ArgumentNullException.ThrowIfNull(target);
                CheckReduction(reduction, "nll_loss");
                if (input.dims.Length == 0)
                {
                    throw new ArgumentException("nll_loss: input must have a class dimension ([C], [N, C] or [N, C, d…]), got a scalar.", nameof(input));
                }

                return ClassIndexLoss(input, target, weight, ignore_index, reduction, 0, "nll_loss");
            }

            /// <summary>
            /// The shared body of cross_entropy and nll_loss. Picking logp[n, y_n] is done with a one-hot mask built on
            /// the host from the (validated) targets, then (logp ⊙ onehot) summed over classes: no indexing kernel needed.
            /// </summary>
            private static Tensor ClassIndexLoss(Tensor logp, Tensor target, Tensor? weight, int ignoreIndex, string reduction,
                                                 double smoothing, string op)
            {
                var unbatched = logp.dims.Length == 1;
                if (unbatched)
                {
                    if (target.dims.Length != 0)
                    {
                        throw new ArgumentException(
                            $"{op}: for an unbatched input of shape {Tensor.Format(logp.dims)} [C] the target must be a single " +
                            $"class index (shape []), but it has shape {Tensor.Format(target.dims)}.", nameof(target));
                    }

                    logp = logp.unsqueeze(0);
                    target = target.reshape(1);
                }

                var classes = logp.dims[1];
                int[] expected = [logp.dims[0], .. logp.dims[2..]];
                if (!target.dims.AsSpan().SequenceEqual(expected))
                {
                    throw new ArgumentException(
                        $"{op}: for input of shape {Tensor.Format(logp.dims)} [N, C, d…] the target must hold one class index per " +
                        $"sample, shape {Tensor.Format(expected)}, but it has shape {Tensor.Format(target.dims)}.", nameof(target));
                }

                if (weight is not null && (weight.dims.Length != 1 || weight.dims[0] != classes))
                {
                    throw new ArgumentException($"{op}: weight must have shape [{classes}] (one per class), got {Tensor.Format(weight.dims)}.", nameof(weight));
                }

                // onehot[n, c, k] = 1 where target[n, k] == c; valid[n, k] = 0 where the target is ignored.
                var labels = target.ToArray();
                var inner = Tensor.Product(logp.dims.AsSpan(2));
                var onehot = new float[logp.numel()];
                var valid = new float[labels.Length];
                for (var i = 0; i < labels.Length; i++)
                {
                    var label = labels[i];
                    if (label == ignoreIndex)
                    {
                        continue;
                    }

                    if (label != MathF.Floor(label) || label < 0 || label >= classes)
                    {
                        throw new ArgumentOutOfRangeException(nameof(target),
                            $"{op}: target {label} at position {i} is out of range for {classes} classes (expected a whole " +
                            $"number from 0 to {classes - 1}, or ignore_index {ignoreIndex}).");
                    }

                    var (n, k) = (i / inner, i % inner);
                    onehot[(((n * classes) + (int)label) * inner) + k] = 1;
                    valid[i] = 1;
                }

                var pick = tensor(onehot, logp.shape, logp.device);
                var keep = tensor(valid, target.shape, logp.device);
                // Class weights broadcast along the class dimension: [C] → [1, C, 1, …].
                var classWeight = weight?.reshape([1, classes, .. Enumerable.Repeat(1, logp.dims.Length - 2)]);
                var weightedPick = classWeight is null ? pick : pick.mul(classWeight);
                var nll = logp.mul(weightedPick).sum(1).neg();                     // −w[y]·logp[y], 0 where ignored
                var denominator = classWeight is null ? keep : weightedPick.sum(1); // 1 (or w[y]) per counted sample

                var loss = nll;
                if (smoothing > 0)
                {
                    var spread = (classWeight is null ? logp : logp.mul(classWeight)).sum(1).neg().mul(keep); // Σ_c −w_c·logp_c
                    loss = nll.mul((float)(1 - smoothing)).add(spread.mul((float)(smoothing / classes)));
                }

                return reduction switch
                {
                    "none" => unbatched ? loss.reshape([]) : loss,
                    "sum" => loss.sum(),
                    _ => loss.sum().div(denominator.sum()),
                };
            }

            private static Tensor SoftTargetCrossEntropy(Tensor logp, Tensor target, Tensor? weight, string reduction, double smoothing)
            {
                if (logp.dims.Length == 1)
                {
                    // Unbatched [C]: a batch of one, whose per-sample loss is a scalar.
                    return SoftTargetCrossEntropy(logp.unsqueeze(0), target.unsqueeze(0), weight, reduction, smoothing).reshape([]);
                }

                var classes = logp.dims[1];
                var probabilities = smoothing > 0 ? target.mul((float)(1 - smoothing)).add((float)(smoothing / classes)) : target;
                var terms = logp.mul(probabilities);
                if (weight is not null)
                {
                    terms = terms.mul(weight.reshape([1, classes, .. Enumerable.Repeat(1, logp.dims.Length - 2)]));
                }

                var loss = terms.sum(1).neg();
                return Reduce(loss, reduction);
            }

            /// <summary>
            /// Binary cross-entropy of probabilities <paramref name="input"/> in [0, 1] against targets y:
            /// −(y·log p + (1 − y)·log(1 − p)), each log clamped at −100 as PyTorch does (so p = 0 or 1 stays finite).
            /// </summary>
            public static Tensor binary_cross_entropy(Tensor input, Tensor target, Tensor? weight = null, string reduction = "mean")
            {
                SameShape(input, target, "binary_cross_entropy");
                CheckReduction(reduction, "binary_cross_entropy");
                if (input.lt(0f).add(input.gt(1f)).sum().item() > 0)
                {
                    throw new ArgumentException(
                        "binary_cross_entropy: all elements of input should be probabilities between 0 and 1; apply sigmoid " +
                        "first, or use binary_cross_entropy_with_logits on raw scores.", nameof(input));
                }

                var logP = input.log().clamp(min: -100f);
                var log1MinusP = input.rsub(1f).log().clamp(min: -100f);
                var loss = target.mul(logP).add(target.rsub(1f).mul(log1MinusP)).neg();
                return Reduce(weight is null ? loss : loss.mul(weight), reduction);
            }

            /// <summary>
            /// Binary cross-entropy on raw scores x, i.e. binary_cross_entropy(σ(x), y) computed stably as
            /// max(x, 0) − x·y + log(1 + e^−|x|), with the exact gradient σ(x) − y.
            /// </summary>
            public static Tensor binary_cross_entropy_with_logits(Tensor input, Tensor target, Tensor? weight = null,
                                                                  string reduction = "mean")
            {
                SameShape(input, target, "binary_cross_entropy_with_logits");
                CheckReduction(reduction, "binary_cross_entropy_with_logits");
                Tensor loss;
                using (no_grad())
                {
                    loss = input.relu().sub(input.mul(target)).add(input.abs().neg().softplus());
                }

                loss = Tensor.Record(loss, "binary_cross_entropy_with_logits", [input, target], g => [
                    input.requires_grad ? g.mul(input.sigmoid().sub(target)) : null, // d/dx: σ(x) − y
                    target.requires_grad ? g.mul(input).neg() : null]);             // d/dy: −x
                return Reduce(weight is null ? loss : loss.mul(weight), reduction);
            }

            /// <summary>Mean squared error: mean((x − y)²) (or its sum, or each term).</summary>
            public static Tensor mse_loss(Tensor input, Tensor target, string reduction = "mean")
            {
                SameShape(input, target, "mse_loss");
                CheckReduction(reduction, "mse_loss");
                var diff = input.sub(target);
                return Reduce(diff.mul(diff), reduction);
            }

            private static Tensor Reduce(Tensor loss, string reduction) => reduction switch
            {
                "none" => loss,
                "sum" => loss.sum(),
                _ => loss.mean(),
            };

            internal static void CheckReduction(string reduction, string op)
            {
                if (reduction is not ("mean" or "sum" or "none"))
                {
                    throw new ArgumentException($"{op}: reduction must be \"mean\", \"sum\" or \"none\", got \"{reduction}\".", nameof(reduction));
                }
            }

            private static void SameShape(Tensor input, Tensor target, string op)
            {
                ArgumentNullException.ThrowIfNull(input);
                ArgumentNullException.ThrowIfNull(target);
                if (!input.ShapeEquals(target))
                {
                    throw new ArgumentException(
                        $"{op}: target shape {Tensor.Format(target.dims)} must equal input shape {Tensor.Format(input.dims)} " +
                        "(broadcasting them would silently compare every input with every target; reshape one of them).",
                        nameof(target));
                }
            }
        }
    }
}
