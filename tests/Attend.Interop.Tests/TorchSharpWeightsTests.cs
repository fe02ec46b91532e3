using Attend.Modules;
using TorchSharp.PyBridge;
using TT = TorchSharp.torch;
using TTensor = TorchSharp.torch.Tensor;

namespace Attend.Interop.Tests;

/// <summary>
/// Weights that leave the course: every library module saved with <see cref="Module.save"/> (safetensors) loads into
/// the equivalent TorchSharp 0.107 module with TorchSharp.PyBridge's <c>load_safetensors</c>, strictly (every name and
/// shape must match, nothing left over), and both compute the same outputs from the same inputs. That pins names
/// (weight_ih_l0_reverse, …), layouts (Linear [out, in], Conv2d [out, in, kh, kw]) and gate orders (GRU r, z, n;
/// LSTM i, f, g, o) to PyTorch's.
/// </summary>
public sealed class TorchSharpWeightsTests : IDisposable
{
    private const double Tolerance = 1e-5;
    private readonly string folder = Directory.CreateTempSubdirectory("attend-interop-").FullName;
    private readonly Generator generator = new(1301);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Linear()
    {
        var ours = Fill(new Linear(5, 3));
        var theirs = Load(TT.nn.Linear(5, 3), ours);
        var x = Random(4, 5);
        AssertClose(ours.call(x), theirs.forward(ToTorchSharp(x)));
    }

    [Fact]
    public void Embedding()
    {
        var ours = Fill(new Embedding(10, 4));
        var theirs = Load(TT.nn.Embedding(10, 4), ours);
        var tokens = torch.tensor(new float[] { 0, 3, 9, 3, 7, 1 }, [2, 3]);
        AssertClose(ours.call(tokens), theirs.forward(ToTorchSharpIndices(tokens)));
    }

    [Fact]
    public void Conv2d()
    {
        var ours = Fill(new Conv2d(3, 4, 3, stride: 1, padding: 1));
        var theirs = Load(TT.nn.Conv2d(3, 4, 3, stride: 1, padding: 1), ours);
        var x = Random(2, 3, 6, 5);
        AssertClose(ours.call(x), theirs.forward(ToTorchSharp(x)));
    }

    [Fact]
    public void LayerNorm()
    {
        var ours = Fill(new LayerNorm(6));
        var theirs = Load(TT.nn.LayerNorm(6), ours);
        var x = Random(3, 6);
        AssertClose(ours.call(x), theirs.forward(ToTorchSharp(x)));
    }

    [Fact]
    public void GruCell()
    {
        var ours = Fill(new GRUCell(4, 6));
        var theirs = Load(TT.nn.GRUCell(4, 6), ours);
        var (x, h) = (Random(3, 4), Random(3, 6));
        AssertClose(ours.forward(x, h), theirs.forward(ToTorchSharp(x), ToTorchSharp(h)));
    }

    [Fact]
    public void LstmCell()
    {
        var ours = Fill(new LSTMCell(4, 6));
        var theirs = Load(TT.nn.LSTMCell(4, 6), ours);
        var (x, h, c) = (Random(3, 4), Random(3, 6), Random(3, 6));
        var (h1, c1) = ours.forward(x, (h, c));
        var (th1, tc1) = theirs.forward(ToTorchSharp(x), (ToTorchSharp(h), ToTorchSharp(c)));
        AssertClose(h1, th1);
        AssertClose(c1, tc1);
    }

    [Fact]
    public void RnnCell()
    {
        var ours = Fill(new RNNCell(4, 6));
        var theirs = Load(TT.nn.RNNCell(4, 6), ours);
        var (x, h) = (Random(3, 4), Random(3, 6));
        AssertClose(ours.forward(x, h), theirs.forward(ToTorchSharp(x), ToTorchSharp(h)));
    }

    [Fact]
    public void GruTwoLayersBidirectionalBatchFirst()
    {
        var ours = Fill(new GRU(4, 6, num_layers: 2, batch_first: true, bidirectional: true));
        var theirs = Load(TT.nn.GRU(4, 6, numLayers: 2, batchFirst: true, bidirectional: true), ours);
        var (x, h0) = (Random(3, 5, 4), Random(4, 3, 6));
        var (output, hn) = ours.forward(x, h0);
        var (tOutput, tHn) = theirs.forward(ToTorchSharp(x), ToTorchSharp(h0));
        AssertClose(output, tOutput);
        AssertClose(hn, tHn);
    }

    [Fact]
    public void LstmTwoLayersBidirectional()
    {
        var ours = Fill(new LSTM(4, 6, num_layers: 2, bidirectional: true));
        var theirs = Load(TT.nn.LSTM(4, 6, numLayers: 2, bidirectional: true), ours);
        var (x, h0, c0) = (Random(5, 3, 4), Random(4, 3, 6), Random(4, 3, 6));
        var (output, (hn, cn)) = ours.forward(x, (h0, c0));
        var (tOutput, tHn, tCn) = theirs.forward(ToTorchSharp(x), (ToTorchSharp(h0), ToTorchSharp(c0)));
        AssertClose(output, tOutput);
        AssertClose(hn, tHn);
        AssertClose(cn, tCn);
    }

    [Fact]
    public void RnnTwoLayers()
    {
        var ours = Fill(new RNN(4, 6, num_layers: 2));
        var theirs = Load(TT.nn.RNN(4, 6, numLayers: 2), ours);
        var x = Random(5, 3, 4);
        var (output, hn) = ours.call(x);
        var (tOutput, tHn) = theirs.forward(ToTorchSharp(x), null);
        AssertClose(output, tOutput);
        AssertClose(hn, tHn);
    }

    [Fact]
    public void SequentialNamesItsLayersByPosition()
    {
        var ours = Fill(new Sequential(new Linear(4, 5), new ReLU(), new Linear(5, 2)));
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], ours.state_dict().Keys);
        var theirs = Load(TT.nn.Sequential(TT.nn.Linear(4, 5), TT.nn.ReLU(), TT.nn.Linear(5, 2)), ours);
        var x = Random(3, 4);
        AssertClose(ours.call(x), theirs.forward(ToTorchSharp(x)));
    }

    [Fact]
    public void TrainedGruClassifierPredictsTheSameInTorchSharp()
    {
        var (model, losses) = GruClassifier.Train(seed: 7, steps: 40);
        Assert.True(losses[^1] < 0.5 * losses[0], $"training should at least halve the loss: {losses[0]:F3} → {losses[^1]:F3}");

        var path = Path.Combine(folder, "gru-classifier.safetensors");
        model.save(path);
        var theirs = new TorchSharpGruClassifier(GruClassifier.Vocabulary, GruClassifier.Width, GruClassifier.Hidden, GruClassifier.Classes);
        theirs.load_safetensors(path);
        theirs.eval();

        var (tokens, labels) = GruClassifier.Batch(64, new Generator(99));
        using (torch.no_grad())
        {
            var logits = model.call(tokens);
            using var _ = TT.no_grad();
            var theirLogits = theirs.forward(ToTorchSharpIndices(tokens));
            AssertClose(logits, theirLogits);
            var agree = logits.argmax(1).eq(labels).mean().item();
            Assert.True(agree > 0.8f, $"the trained classifier should get most held-out sequences right, got {agree:P0}");
        }
    }

    [Fact]
    public void StrictLoadingRefusesAMismatchedModel()
    {
        var path = Path.Combine(folder, "linear.safetensors");
        Fill(new Linear(5, 3)).save(path);
        Assert.ThrowsAny<Exception>(() => TT.nn.Linear(5, 4).load_safetensors(path));   // shape differs
        Assert.ThrowsAny<Exception>(() => TT.nn.GRUCell(5, 3).load_safetensors(path));  // names differ
    }

    /// <summary>Draws every parameter from the test's own generator (initial values do not matter here, their copy does).</summary>
    private T Fill<T>(T module)
        where T : Module
    {
        using var _ = torch.no_grad();
        foreach (var p in module.parameters())
        {
            p.copy_(torch.randn(p.shape, generator) * 0.5f);
        }

        return module;
    }

    private TModule Load<TModule>(TModule theirs, Module ours, string? name = null)
        where TModule : TT.nn.Module
    {
        var path = Path.Combine(folder, (name ?? ours.GetType().Name) + ".safetensors");
        ours.save(path);
        theirs.load_safetensors(path); // strict: every name present, none left over, shapes equal
        theirs.eval();
        return theirs;
    }

    private Tensor Random(params int[] shape) => torch.randn(shape, generator);

    internal static TTensor ToTorchSharp(Tensor t) =>
        TT.tensor(t.contiguous().ToArray(), t.shape.Select(d => (long)d).ToArray());

    internal static TTensor ToTorchSharpIndices(Tensor t) =>
        TT.tensor(t.contiguous().ToArray().Select(v => (long)v).ToArray(), t.shape.Select(d => (long)d).ToArray());

    internal static void AssertClose(Tensor expected, TTensor actual)
    {
        Assert.Equal(expected.shape.Select(d => (long)d), actual.shape);
        var e = expected.detach().contiguous().ToArray();
        var a = actual.detach().contiguous().data<float>().ToArray();
        for (var i = 0; i < e.Length; i++)
        {
            Assert.True(Math.Abs(e[i] - a[i]) <= Tolerance, $"element {i}: Attend {e[i]:G7}, TorchSharp {a[i]:G7}");
        }
    }
}
