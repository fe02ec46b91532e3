using Attend.Backends;

namespace Attend;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            // ---- images: convolution and pooling ------------------------------------------------------------
            // Images are [N, C, H, W] (or one unbatched image [C, H, W]). Every op here checks its arguments, builds
            // the Window2d geometry, and calls the differentiable primitives of Tensor.Image.cs.

            /// <summary>
            /// 2-D convolution (strictly, cross-correlation, as in every deep learning library) of
            /// <paramref name="input"/> [N, C, H, W] with <paramref name="weight"/> [O, C, kH, kW]:
            /// y[n, o, i, j] = b[o] + Σ_c Σ_kh Σ_kw w[o, c, kh, kw] · x[n, c, i·s − p + kh, j·s − p + kw], zero outside
            /// the image; the output is [N, O, (H + 2p − kH)/s + 1, (W + 2p − kW)/s + 1]. Computed as im2col: every
            /// window becomes a column of C·kH·kW values (<see cref="unfold"/>), and the convolution is one matrix
            /// product of the flattened weights [O, C·kH·kW] with those columns (a linear layer applied to every patch).
            /// </summary>
            /// <remarks>Chapter 4: visual attention (notebooks/04-visual-attention.ipynb).</remarks>
            public static Tensor conv2d(Tensor input, Tensor weight, Tensor? bias = null, int stride = 1, int padding = 0) =>
                conv2d(input, weight, bias, (stride, stride), (padding, padding));

            /// <summary>2-D convolution with separate vertical and horizontal stride and padding (see the other overload).</summary>
            public static Tensor conv2d(Tensor input, Tensor weight, Tensor? bias, (int, int) stride, (int, int) padding)
            {
                const string op = "conv2d";
                ArgumentNullException.ThrowIfNull(weight);
                var (x, unbatched) = Images(input, op);
                Tensor.SameDevice(op, x, weight);
                if (weight.dims.Length != 4)
                {
                    throw new ArgumentException(
                        $"{op}: weight must be 4-D [out_channels, in_channels, kH, kW], got shape {Tensor.Format(weight.dims)}.",
                        nameof(weight));
                }

                var (outChannels, inChannels) = (weight.dims[0], weight.dims[1]);
                if (x.dims[1] != inChannels)
                {
                    throw new ArgumentException(
                        $"{op}: the input has {x.dims[1]} channels (shape {Tensor.Format(input.dims)}, channels are dimension " +
                        $"{(unbatched ? 0 : 1)}) but the weight of shape {Tensor.Format(weight.dims)} " +
                        $"[out_channels, in_channels, kH, kW] expects {inChannels} input channels.", nameof(input));
                }

                if (bias is not null && (bias.dims.Length != 1 || bias.dims[0] != outChannels))
                {
                    throw new ArgumentException(
                        $"{op}: bias must have shape [{outChannels}] (one per output channel), got {Tensor.Format(bias.dims)}.",
                        nameof(bias));
                }

                var window = Window(op, x, (weight.dims[2], weight.dims[3]), stride, padding);
                var columns = x.Im2ColOp(window, op);                          // [N, C·kH·kW, L]
                var y = weight.reshape(outChannels, window.PatchSize).matmul(columns) // [O, C·kH·kW]·[N, C·kH·kW, L]
                              .reshape(window.Batch, outChannels, window.OutH, window.OutW);
                if (bias is not null)
                {
                    y = y.add(bias.reshape(outChannels, 1, 1)); // one value per output channel, on every position
                }

                return unbatched ? y.squeeze(0) : y;
            }

            /// <summary>
            /// The sliding windows of <paramref name="input"/> [N, C, H, W] as columns, PyTorch's <c>F.unfold</c>:
            /// [N, C·k·k, L] where L is the number of windows. conv2d(x, w) equals
            /// w.reshape(O, −1).matmul(unfold(x)) reshaped to the output grid.
            /// </summary>
            public static Tensor unfold(Tensor input, int kernel_size, int stride = 1, int padding = 0)
            {
                const string op = "unfold";
                ArgumentNullException.ThrowIfNull(input);
                if (input.dims.Length != 4)
                {
                    throw new ArgumentException($"{op}: expected a 4-D input [N, C, H, W], got shape {Tensor.Format(input.dims)}.", nameof(input));
                }

                var window = Window(op, input, (kernel_size, kernel_size), (stride, stride), (padding, padding));
                return input.Im2ColOp(window, op);
            }

            /// <summary>
            /// Max pooling: the largest value of each <paramref name="kernel_size"/>² window of each channel, moved by
            /// <paramref name="stride"/> (the kernel size when null), over the input padded with −∞ by
            /// <paramref name="padding"/>. Its gradient flows only to the maximum of each window.
            /// </summary>
            /// <remarks>Chapter 4: visual attention (notebooks/04-visual-attention.ipynb).</remarks>
            public static Tensor max_pool2d(Tensor input, int kernel_size, int? stride = null, int padding = 0) =>
                max_pool2d_with_indices(input, (kernel_size, kernel_size), Pair(stride), (padding, padding)).Values;

            /// <summary>Max pooling with a rectangular window (see the other overload).</summary>
            public static Tensor max_pool2d(Tensor input, (int, int) kernel_size, (int, int)? stride = null, (int, int)? padding = null) =>
                max_pool2d_with_indices(input, kernel_size, stride, padding).Values;

            /// <summary>
            /// Max pooling that also returns where each maximum was, as PyTorch's <c>return_indices=True</c>: the flat
            /// position ih·W + iw within its channel's plane, as whole floats.
            /// </summary>
            public static (Tensor Values, Tensor Indices) max_pool2d_with_indices(Tensor input, (int, int) kernel_size,
                                                                                   (int, int)? stride = null, (int, int)? padding = null)
            {
                const string op = "max_pool2d";
                var (x, unbatched) = Images(input, op);
                var window = PoolWindow(op, x, kernel_size, stride ?? kernel_size, padding ?? (0, 0));
                var (values, indices) = x.MaxPoolOp(window, op);
                return unbatched ? (values.squeeze(0), indices.squeeze(0)) : (values, indices);
            }

            /// <summary>
            /// Average pooling: the mean of each <paramref name="kernel_size"/>² window of each channel, moved by
            /// <paramref name="stride"/> (the kernel size when null). With <paramref name="padding"/>, zeros are added
            /// around the image; <paramref name="count_include_pad"/> decides whether they count in the mean.
            /// </summary>
            /// <remarks>Chapter 4: visual attention (notebooks/04-visual-attention.ipynb).</remarks>
            public static Tensor avg_pool2d(Tensor input, int kernel_size, int? stride = null, int padding = 0,
                                            bool count_include_pad = true) =>
                avg_pool2d(input, (kernel_size, kernel_size), Pair(stride), (padding, padding), count_include_pad);

            /// <summary>Average pooling with a rectangular window (see the other overload).</summary>
            public static Tensor avg_pool2d(Tensor input, (int, int) kernel_size, (int, int)? stride = null, (int, int)? padding = null,
                                            bool count_include_pad = true)
            {
                const string op = "avg_pool2d";
                var (x, unbatched) = Images(input, op);
                var window = PoolWindow(op, x, kernel_size, stride ?? kernel_size, padding ?? (0, 0));
                var y = x.AvgPoolOp(window, count_include_pad, op);
                return unbatched ? y.squeeze(0) : y;
            }

            /// <summary>
            /// Average pooling to a fixed output size: output cell i covers input rows ⌊i·H/out⌋ … ⌈(i+1)·H/out⌉ − 1
            /// (and likewise for columns), as PyTorch. Pooling is linear, so it is computed as y = P_h · x · P_wᵀ with
            /// P_h [out_h, H] holding 1/(window length) inside each window: two matrix products.
            /// </summary>
            /// <remarks>Chapter 4: visual attention (notebooks/04-visual-attention.ipynb).</remarks>
            public static Tensor adaptive_avg_pool2d(Tensor input, int output_size) =>
                adaptive_avg_pool2d(input, (output_size, output_size));

            /// <summary>Adaptive average pooling to <paramref name="output_size"/> = (out_h, out_w).</summary>
            public static Tensor adaptive_avg_pool2d(Tensor input, (int, int) output_size)
            {
                const string op = "adaptive_avg_pool2d";
                var (x, unbatched) = Images(input, op);
                var (outH, outW) = output_size;
                if (outH <= 0 || outW <= 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(output_size),
                        $"{op}: output_size must be positive, got ({outH}, {outW}).");
                }

                var rows = AveragingMatrix(outH, x.dims[2], x.device);    // [out_h, H]
                var columns = AveragingMatrix(outW, x.dims[3], x.device); // [out_w, W]
                var y = x.matmul(columns.t())                      // [N, C, H, out_w]
                         .transpose(2, 3).matmul(rows.t())        // [N, C, out_w, out_h]
                         .transpose(2, 3);                        // [N, C, out_h, out_w]
                return unbatched ? y.squeeze(0) : y;
            }

            /// <summary>P [outSize, inSize]: row i averages the inputs ⌊i·in/out⌋ … ⌈(i+1)·in/out⌉ − 1.</summary>
            private static Tensor AveragingMatrix(int outSize, int inSize, Device device)
            {
                var values = new float[outSize * inSize];
                for (var i = 0; i < outSize; i++)
                {
                    var start = i * inSize / outSize;
                    var end = (((i + 1) * inSize) + outSize - 1) / outSize;
                    for (var j = start; j < end; j++)
                    {
                        values[(i * inSize) + j] = 1f / (end - start);
                    }
                }

                return tensor(values, [outSize, inSize], device);
            }

            private static (int, int)? Pair(int? value) => value is { } v ? (v, v) : null;

            /// <summary>A batch [N, C, H, W] from the input (an unbatched [C, H, W] gains N = 1, removed again after).</summary>
            private static (Tensor Batch, bool Unbatched) Images(Tensor input, string op)
            {
                ArgumentNullException.ThrowIfNull(input);
                return input.dims.Length switch
                {
                    4 => (input, false),
                    3 => (input.unsqueeze(0), true),
                    _ => throw new ArgumentException(
                        $"{op}: expected a 4-D input [N, C, H, W] (or 3-D [C, H, W] for one image), got shape " +
                        $"{Tensor.Format(input.dims)}.", nameof(input)),
                };
            }

            /// <summary>The geometry of a pooling window: as a convolution's, plus PyTorch's rule that padding is at most half the window.</summary>
            private static Window2d PoolWindow(string op, Tensor x, (int, int) kernel, (int, int) stride, (int, int) padding)
            {
                if (padding.Item1 * 2 > kernel.Item1 || padding.Item2 * 2 > kernel.Item2)
                {
                    throw new ArgumentException(
                        $"{op}: padding ({padding.Item1}, {padding.Item2}) must be at most half the kernel size " +
                        $"({kernel.Item1}, {kernel.Item2}), so that every window overlaps the image.", nameof(padding));
                }

                return Window(op, x, kernel, stride, padding);
            }

            /// <summary>Checks the window against the batch [N, C, H, W] and returns its geometry.</summary>
            private static Window2d Window(string op, Tensor x, (int, int) kernel, (int, int) stride, (int, int) padding)
            {
                var ((kh, kw), (sh, sw), (ph, pw)) = (kernel, stride, padding);
                if (kh <= 0 || kw <= 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(kernel), $"{op}: kernel size must be positive, got ({kh}, {kw}).");
                }

                if (sh <= 0 || sw <= 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(stride), $"{op}: stride must be positive, got ({sh}, {sw}).");
                }

                if (ph < 0 || pw < 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(padding), $"{op}: padding must be non-negative, got ({ph}, {pw}).");
                }

                var (h, w) = (x.dims[2], x.dims[3]);
                if (h + (2 * ph) < kh || w + (2 * pw) < kw)
                {
                    throw new ArgumentException(
                        $"{op}: the {kh}×{kw} kernel does not fit in the input of {h}×{w} pixels padded to " +
                        $"{h + (2 * ph)}×{w + (2 * pw)} (input shape {Tensor.Format(x.dims)}); use a smaller kernel or more padding.",
                        nameof(kernel));
                }

                return new Window2d(x.dims[0], x.dims[1], h, w, kh, kw, sh, sw, ph, pw);
            }
        }
    }
}
