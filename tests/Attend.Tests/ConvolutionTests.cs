using Attend.Backends;
using static Attend.Tests.OpsAssert;
using F = Attend.torch.nn.functional;

namespace Attend.Tests;

public class ConvolutionTests
{
    private static readonly float[] Image3x3 = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    private static readonly float[] Kernel2x2 = [1, 2, 3, 4];

    [Fact]
    public void Conv2dOfA3x3ImageWithA2x2KernelByHand()
    {
        var x = T(Image3x3, 1, 1, 3, 3);
        var w = T(Kernel2x2, 1, 1, 2, 2);

        // y[i, j] = 1·x[i, j] + 2·x[i, j+1] + 3·x[i+1, j] + 4·x[i+1, j+1]
        // y[0, 0] = 1 + 4 + 12 + 20 = 37;  y[0, 1] = 2 + 6 + 15 + 24 = 47
        // y[1, 0] = 4 + 10 + 21 + 32 = 67; y[1, 1] = 5 + 12 + 24 + 36 = 77
        Is([1, 1, 2, 2], [37, 47, 67, 77], F.conv2d(x, w));
        Is([1, 1, 2, 2], [37.5f, 47.5f, 67.5f, 77.5f], F.conv2d(x, w, T([0.5f], 1)));

        // Padding 1, stride 2: the padded image is 5×5 and the windows start at rows/columns −1 and 1.
        // (0,0) sees only x[0,0] under the kernel's 4: 4.   (0,1) sees x[0,1], x[0,2] under 3, 4: 6 + 12 = 18.
        // (1,0) sees x[1,0], x[2,0] under 2, 4: 8 + 28 = 36. (1,1) is the unpadded window at (1,1): 77.
        Is([1, 1, 2, 2], [4, 18, 36, 77], F.conv2d(x, w, stride: 2, padding: 1));
    }

    [Fact]
    public void Conv2dSumsOverInputChannelsAndKeepsOutputChannelsApart()
    {
        // Two input channels (the image and its negative ×10), two filters: [1 on channel 0] and [1 on both].
        var x = T([.. Image3x3, .. Image3x3.Select(v => -10 * v)], 1, 2, 3, 3);
        var w = T([1, 0, 0, 0, 0, 0, 0, 0, /* filter 1 */ 1, 0, 0, 0, 1, 0, 0, 0], 2, 2, 2, 2);
        // Filter 0 picks x[c=0, i, j]; filter 1 adds x[c=0, i, j] + x[c=1, i, j] = −9·x[i, j].
        Is([1, 2, 2, 2], [1, 2, 4, 5, -9, -18, -36, -45], F.conv2d(x, w));
    }

    /// <summary>The definition, four nested sums, in double.</summary>
    private static float[] DirectConvolution(Tensor input, Tensor weight, Tensor? bias, (int, int) stride, (int, int) padding)
    {
        var (x, w, b) = (input.ToArray(), weight.ToArray(), bias?.ToArray());
        int n = input.size(0), c = input.size(1), h = input.size(2), wd = input.size(3);
        int o = weight.size(0), kh = weight.size(2), kw = weight.size(3);
        var oh = ((h + (2 * padding.Item1) - kh) / stride.Item1) + 1;
        var ow = ((wd + (2 * padding.Item2) - kw) / stride.Item2) + 1;
        var y = new float[n * o * oh * ow];
        var k = 0;
        for (var ni = 0; ni < n; ni++)
        {
            for (var oi = 0; oi < o; oi++)
            {
                for (var i = 0; i < oh; i++)
                {
                    for (var j = 0; j < ow; j++)
                    {
                        double sum = b?[oi] ?? 0;
                        for (var ci = 0; ci < c; ci++)
                        {
                            for (var u = 0; u < kh; u++)
                            {
                                for (var v = 0; v < kw; v++)
                                {
                                    var (r, s) = ((i * stride.Item1) - padding.Item1 + u, (j * stride.Item2) - padding.Item2 + v);
                                    if (r >= 0 && r < h && s >= 0 && s < wd)
                                    {
                                        sum += w[(((oi * c) + ci) * kh * kw) + (u * kw) + v] * x[(((ni * c) + ci) * h * wd) + (r * wd) + s];
                                    }
                                }
                            }
                        }

                        y[k++] = (float)sum;
                    }
                }
            }
        }

        return y;
    }

    public static TheoryData<int, int, int, int> Geometries => new()
    {
        // stride, padding, kernel height, kernel width
        { 1, 0, 3, 3 },
        { 1, 1, 3, 3 },
        { 2, 0, 3, 3 },
        { 2, 1, 3, 2 },
        { 1, 1, 2, 3 },
        { 2, 3, 2, 3 }, // padding wider than the kernel: some windows lie wholly in the padding
    };

    [Theory]
    [MemberData(nameof(Geometries))]
    public void Conv2dMatchesTheDefinition(int stride, int padding, int kh, int kw)
    {
        var x = Randn(1, 2, 3, 5, 6);
        var w = Randn(2, 4, 3, kh, kw);
        var b = Randn(3, 4);
        var y = F.conv2d(x, w, b, stride, padding);
        Assert.Equal([2, 4, ((5 + (2 * padding) - kh) / stride) + 1, ((6 + (2 * padding) - kw) / stride) + 1], y.shape);
        Values(DirectConvolution(x, w, b, (stride, stride), (padding, padding)), y, 1e-4f);
    }

    [Theory]
    [MemberData(nameof(Geometries))]
    public void Conv2dGradcheckWrtInputWeightAndBias(int stride, int padding, int kh, int kw) =>
        GradCheck(ts => F.conv2d(ts[0], ts[1], ts[2], stride, padding), Randn(4, 2, 2, 5, 4), Randn(5, 3, 2, kh, kw), Randn(6, 3));

    [Fact]
    public void Conv2dWithSeparateVerticalAndHorizontalStrideAndPadding()
    {
        var x = Randn(7, 1, 2, 6, 5);
        var w = Randn(8, 2, 2, 3, 2);
        var y = F.conv2d(x, w, null, (2, 1), (0, 1));
        Assert.Equal([1, 2, 2, 6], y.shape);
        Values(DirectConvolution(x, w, null, (2, 1), (0, 1)), y, 1e-4f);
        GradCheck(ts => F.conv2d(ts[0], ts[1], null, (2, 1), (0, 1)), x, w);
    }

    [Fact]
    public void Conv2dAcceptsOneUnbatchedImage()
    {
        var x = Randn(9, 2, 4, 4);
        var w = Randn(10, 3, 2, 3, 3);
        var y = F.conv2d(x, w, padding: 1);
        Assert.Equal([3, 4, 4], y.shape);
        Values(F.conv2d(x.unsqueeze(0), w, padding: 1).ToArray(), y);
    }

    [Fact]
    public void UnfoldIsTheMatrixBehindTheConvolution()
    {
        var x = Randn(11, 2, 3, 4, 4);
        var w = Randn(12, 5, 3, 3, 3);
        var columns = F.unfold(x, 3, padding: 1);
        Assert.Equal([2, 27, 16], columns.shape); // [N, C·k·k, L]
        var viaMatmul = w.reshape(5, 27).matmul(columns).reshape(2, 5, 4, 4);
        Values(F.conv2d(x, w, padding: 1).ToArray(), viaMatmul, 1e-4f);
        GradCheck(ts => F.unfold(ts[0], 2, stride: 2), Randn(13, 1, 2, 4, 4));
    }

    [Fact]
    public void Im2ColAndCol2ImAreAdjoint()
    {
        // ⟨im2col(x), c⟩ = ⟨x, col2im(c)⟩ for every x and c: the defining property of an adjoint pair, which is
        // what makes col2im the correct backward of im2col.
        var window = new Window2d(2, 3, 5, 4, 3, 2, 2, 1, 1, 1);
        var x = Randn(14, 2, 3, 5, 4).detach();
        var c = Randn(15, 2, window.PatchSize, window.OutH * window.OutW).detach();
        var left = x.Im2ColOp(window, "test").mul(c).sum().item();
        var right = x.mul(c.Col2ImOp(window, "test")).sum().item();
        Assert.Equal(left, right, 3);
    }

    [Fact]
    public void Conv2dErrorsNameTheShapes()
    {
        var x = torch.zeros(2, 4, 5, 5);
        Throws(() => F.conv2d(x, torch.zeros(8, 3, 3, 3)),
            "conv2d", "4 channels", "[2, 4, 5, 5]", "[8, 3, 3, 3]", "expects 3 input channels");
        Throws(() => F.conv2d(x, torch.zeros(8, 4, 3)), "conv2d", "weight must be 4-D", "[8, 4, 3]");
        Throws(() => F.conv2d(x, torch.zeros(8, 4, 3, 3), torch.zeros(4)), "conv2d", "bias must have shape [8]", "[4]");
        Throws(() => F.conv2d(torch.zeros(4, 5), torch.zeros(8, 4, 3, 3)), "conv2d", "4-D input", "[4, 5]");
        Throws(() => F.conv2d(x, torch.zeros(1, 4, 7, 3)), "conv2d", "7×3 kernel", "5×5", "[2, 4, 5, 5]");
        Throws(() => F.conv2d(x, torch.zeros(1, 4, 3, 3), stride: 0), "conv2d", "stride must be positive");
        Throws(() => F.conv2d(x, torch.zeros(1, 4, 3, 3), padding: -1), "conv2d", "padding must be non-negative");
    }

    [Fact]
    public void Conv2dModuleHasPyTorchNamesShapesAndInit()
    {
        var conv = torch.nn.Conv2d(3, 8, 3, padding: 1);
        Assert.Equal(["weight", "bias"], conv.named_parameters().Select(p => p.name));
        Assert.Equal([8, 3, 3, 3], conv.weight.shape);
        Assert.Equal([8], conv.bias!.shape);
        Assert.Equal("Conv2d(3, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))", conv.ToString());

        // kaiming_uniform(a = √5) gives U(±1/√fan_in), and the bias U(±1/√fan_in), fan_in = 3·3·3 = 27.
        var bound = 1 / MathF.Sqrt(27);
        Assert.All(conv.weight.ToArray(), v => Assert.InRange(v, -bound, bound));
        Assert.All(conv.bias.ToArray(), v => Assert.InRange(v, -bound, bound));
        Assert.True(conv.weight.abs().max().item() > 0.7 * bound, "the weights should spread over the whole range");

        var y = conv.call(torch.zeros(2, 3, 6, 5));
        Assert.Equal([2, 8, 6, 5], y.shape);
        var rect = torch.nn.Conv2d(2, 4, (3, 1), stride: (2, 1), bias: false);
        Assert.Equal([4, 2, 3, 1], rect.weight.shape);
        Assert.Equal("Conv2d(2, 4, kernel_size=(3, 1), stride=(2, 1), bias=False)", rect.ToString());
        Assert.Equal([1, 4, 3, 5], rect.call(torch.zeros(1, 2, 7, 5)).shape);
    }

    [Fact]
    public void Conv2dModuleGradcheckThroughItsParameters()
    {
        var conv = NnTestHelpers.InitFrom(new Generator(15), 2 * 3 * 3, torch.nn.Conv2d(2, 3, 3, stride: 2, padding: 1));
        NnTestHelpers.GradCheckModule(conv, [Randn(16, 2, 2, 5, 5)], ts => conv.call(ts[0]));
    }
}
