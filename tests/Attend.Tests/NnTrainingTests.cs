using Attend.Modules;
using F = Attend.torch.nn.functional;

namespace Attend.Tests;

[Collection(DefaultGeneratorCollection.Name)]
public class NnTrainingTests
{
    /// <summary>Plain gradient descent: p ← p − lr·∂L/∂p (the optimizers live elsewhere).</summary>
    private static void Step(Module model, float lr)
    {
        using var _ = torch.no_grad();
        foreach (var p in model.parameters())
        {
            p.sub_(p.grad!.mul(lr));
        }

        model.zero_grad();
    }

    [Fact]
    public void MlpLearnsXor()
    {
        torch.manual_seed(0);
        var model = torch.nn.Sequential(torch.nn.Linear(2, 8), torch.nn.Tanh(), torch.nn.Linear(8, 1));
        var x = torch.tensor(new float[,] { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } });
        var y = torch.tensor(new float[,] { { 0 }, { 1 }, { 1 }, { 0 } });
        var lossFn = torch.nn.BCEWithLogitsLoss();
        float first = 0, last = 0;
        for (var epoch = 0; epoch < 1000; epoch++)
        {
            var loss = lossFn.call(model.call(x), y);
            last = loss.item();
            first = epoch == 0 ? last : first;
            loss.backward();
            Step(model, 0.5f);
        }

        var predictions = model.call(x).sigmoid().ToArray().Select(p => p > 0.5f ? 1f : 0f);
        Assert.Equal([0f, 1f, 1f, 0f], predictions); // 100% accuracy
        Assert.True(last < 0.1 * first, $"loss went from {first} to {last}");
    }

    [Fact]
    public void LinearRegressionRecoversKnownWeights()
    {
        torch.manual_seed(1);
        var x = torch.randn(64, 3);
        var trueW = torch.tensor(new float[,] { { 2, -3, 0.5f } });
        var y = x.matmul(trueW.t()).add(1.5f); // y = x·wᵀ + b, b = 1.5
        var model = torch.nn.Linear(3, 1);
        for (var epoch = 0; epoch < 300; epoch++)
        {
            F.mse_loss(model.call(x), y).backward();
            Step(model, 0.1f);
        }

        var w = model.weight.ToArray();
        Assert.True(Math.Abs(w[0] - 2) < 1e-2 && Math.Abs(w[1] + 3) < 1e-2 && Math.Abs(w[2] - 0.5) < 1e-2, string.Join(", ", w));
        Assert.True(Math.Abs(model.bias!.item() - 1.5) < 1e-2, $"bias {model.bias!.item()}");
    }

    private static float[] TrainWithDropout(long seed)
    {
        torch.manual_seed(seed);
        var model = torch.nn.Sequential(torch.nn.Linear(4, 16), torch.nn.ReLU(), torch.nn.Dropout(0.3), torch.nn.Linear(16, 3));
        var x = torch.randn(8, 4);
        var target = torch.randint(0, 3, [8]);
        var losses = new float[20];
        for (var step = 0; step < 20; step++)
        {
            var loss = F.cross_entropy(model.call(x), target);
            losses[step] = loss.item();
            loss.backward();
            Step(model, 0.1f);
        }

        return losses;
    }

    [Fact]
    public void TrainingIsBitReproducibleFromASeed()
    {
        var a = TrainWithDropout(42);
        var b = TrainWithDropout(42);
        Assert.Equal(a.Select(BitConverter.SingleToInt32Bits), b.Select(BitConverter.SingleToInt32Bits));
        var c = TrainWithDropout(43);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void SmallGruLearnsToCountOnes()
    {
        // Sequences of 0/1 of length 5; the target is how many ones were seen (regression on the last state).
        torch.manual_seed(3);
        var gru = torch.nn.GRU(1, 8);
        var head = torch.nn.Linear(8, 1);
        var data = new float[5 * 16];
        var counts = new float[16];
        for (var b = 0; b < 16; b++)
        {
            for (var t = 0; t < 5; t++)
            {
                var bit = (b >> (t % 4)) & 1;
                data[(t * 16) + b] = bit;
                counts[b] += bit;
            }
        }

        var x = torch.tensor(data, [5, 16, 1]);
        var y = torch.tensor(counts, [16, 1]).div(5f);
        float first = 0, last = 0;
        for (var epoch = 0; epoch < 150; epoch++)
        {
            var (_, h) = gru.call(x);
            var loss = F.mse_loss(head.call(h.reshape(16, 8)), y);
            last = loss.item();
            first = epoch == 0 ? last : first;
            loss.backward();
            Step(gru, 0.5f);
            Step(head, 0.5f);
        }

        Assert.True(last < 0.05 * first, $"loss went from {first} to {last}");
    }
}
