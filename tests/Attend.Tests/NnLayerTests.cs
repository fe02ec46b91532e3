using Attend.Modules;
using static Attend.Tests.NnTestHelpers;

namespace Attend.Tests;

public class NnLayerTests
{
    [Fact]
    public void LinearHasPyTorchShapesNamesAndForward()
    {
        var linear = torch.nn.Linear(2, 3);
        Assert.Equal(["weight", "bias"], linear.named_parameters().Select(p => p.name));
        Assert.Equal([3, 2], linear.weight.shape);
        Set(linear.weight, 1, 0, 0, 1, 1, 1);
        Set(linear.bias!, 10, 20, 30);
        Assert.Equal([11f, 22f, 33f], linear.call(torch.tensor([1f, 2f])).ToArray());

        var noBias = torch.nn.Linear(2, 3, bias: false);
        Assert.Equal(["weight"], noBias.named_parameters().Select(p => p.name));
        Assert.Null(noBias.bias);
        Assert.Equal("Linear(in_features=2, out_features=3, bias=False)", noBias.ToString());
    }

    [Fact]
    public void LinearGradcheckThroughItsParameters()
    {
        var g = new Generator(1);
        var linear = InitFrom(g, 4, torch.nn.Linear(4, 3));
        GradCheckModule(linear, [Leaf(g, 2, 4)], ts => linear.call(ts[0]));
    }

    [Fact]
    public void EmbeddingLooksUpRowsAndNeverTrainsThePaddingRow()
    {
        var embedding = torch.nn.Embedding(4, 2, padding_idx: 0);
        Assert.Equal([0f, 0f], embedding.weight.ToArray()[..2]); // the padding row starts at zero
        Set(embedding.weight, 0, 0, 1, 2, 3, 4, 5, 6);
        var indices = torch.tensor(new float[,] { { 2, 0 }, { 3, 2 } });
        var y = embedding.call(indices);
        Assert.Equal([2, 2, 2], y.shape);
        Assert.Equal([3f, 4f, 0f, 0f, 5f, 6f, 3f, 4f], y.ToArray());

        y.mul(torch.tensor([1f, 10f])).sum().backward();
        // Row 2 was used twice; row 0 is padding: no gradient even though it was looked up.
        Assert.Equal([0f, 0f, 0f, 0f, 2f, 20f, 1f, 10f], embedding.weight.grad!.ToArray());

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => embedding.call(torch.tensor([4f])));
        Assert.Contains("index 4", ex.Message);
        Assert.Equal(3, torch.nn.Embedding(4, 2, padding_idx: -1).padding_idx);
    }

    [Fact]
    public void EmbeddingGradcheck()
    {
        var embedding = torch.nn.Embedding(5, 3);
        torch.nn.init.normal_(embedding.weight, generator: new Generator(2)); // N(0, 1) as its own init, from the test's generator
        var indices = torch.tensor(new float[,] { { 1, 4, 1 }, { 0, 2, 3 } });
        GradCheckModule(embedding, [], _ => embedding.call(indices).tanh());
    }

    [Fact]
    public void RNNCellMatchesHandComputedStep()
    {
        var cell = torch.nn.RNNCell(1, 1);
        Set(cell.weight_ih, 0.5f);
        Set(cell.weight_hh, -1f);
        Set(cell.bias_ih!, 0.1f);
        Set(cell.bias_hh!, 0.2f);
        var h = cell.call(torch.tensor(new float[,] { { 2 } }), torch.tensor(new float[,] { { 0.5f } }));
        Close(Math.Tanh((0.5 * 2) + 0.1 + (-1 * 0.5) + 0.2), h.item()); // tanh(0.8) = 0.66404
        Close(0.66403677, h.item());

        var relu = torch.nn.RNNCell(1, 1, nonlinearity: "relu");
        Set(relu.weight_ih, -0.5f);
        Set(relu.weight_hh, 1f);
        Set(relu.bias_ih!, 0f);
        Set(relu.bias_hh!, 0f);
        Assert.Equal(0f, relu.call(torch.tensor([2f])).item()); // relu(−1) = 0, unbatched input
    }

    [Fact]
    public void GRUCellMatchesHandComputedStep()
    {
        var cell = torch.nn.GRUCell(1, 1);
        Set(cell.weight_ih, 0.5f, -0.5f, 1.0f);   // W_ir, W_iz, W_in
        Set(cell.weight_hh, 1.0f, 0.5f, -1.0f);   // W_hr, W_hz, W_hn
        Set(cell.bias_ih!, 0.1f, 0.2f, 0.3f);
        Set(cell.bias_hh!, 0.0f, -0.1f, 0.2f);
        double x = 1, h = 0.5;
        var r = Sigmoid((0.5 * x) + 0.1 + (1.0 * h) + 0.0);
        var z = Sigmoid((-0.5 * x) + 0.2 + (0.5 * h) - 0.1);
        var n = Math.Tanh((1.0 * x) + 0.3 + (r * ((-1.0 * h) + 0.2))); // r gates only the hidden part of n
        var expected = ((1 - z) * n) + (z * h);
        var actual = cell.call(torch.tensor(new float[,] { { 1 } }), torch.tensor(new float[,] { { 0.5f } })).item();
        Close(expected, actual);
        Close(0.65655782, actual);
    }

    [Fact]
    public void LSTMCellMatchesHandComputedStep()
    {
        var cell = torch.nn.LSTMCell(2, 1);
        Set(cell.weight_ih, 0.5f, 0.1f, -0.5f, 0.2f, 1.0f, -0.3f, 0.25f, 0.4f); // rows i, f, g, o
        Set(cell.weight_hh, 1f, 0.5f, -1f, 0.75f);
        Set(cell.bias_ih!, 0.1f, 0.2f, 0.3f, 0.4f);
        Set(cell.bias_hh!, 0f, -0.1f, 0.2f, -0.3f);
        double x0 = 1, x1 = -2, h = 0.5, c = -0.25;
        var i = Sigmoid((0.5 * x0) + (0.1 * x1) + 0.1 + (1 * h) + 0);
        var f = Sigmoid((-0.5 * x0) + (0.2 * x1) + 0.2 + (0.5 * h) - 0.1);
        var g = Math.Tanh((1.0 * x0) + (-0.3 * x1) + 0.3 + (-1 * h) + 0.2);
        var o = Sigmoid((0.25 * x0) + (0.4 * x1) + 0.4 + (0.75 * h) - 0.3);
        var c1 = (f * c) + (i * g);
        var h1 = o * Math.Tanh(c1);
        var (hOut, cOut) = cell.call(torch.tensor(new float[,] { { 1, -2 } }),
                                     (torch.tensor(new float[,] { { 0.5f } }), torch.tensor(new float[,] { { -0.25f } })));
        Close(h1, hOut.item());
        Close(c1, cOut.item());
        Close(0.24582062, hOut.item());
        Close(0.56379370, cOut.item());
    }

    [Fact]
    public void CellsHavePyTorchParameterNamesAndShapes()
    {
        var lstm = torch.nn.LSTMCell(3, 5);
        Assert.Equal(["weight_ih", "weight_hh", "bias_ih", "bias_hh"], lstm.state_dict().Keys);
        Assert.Equal([20, 3], lstm.weight_ih.shape);
        Assert.Equal([15, 5], torch.nn.GRUCell(3, 5).weight_hh.shape);
        Assert.Equal(["weight_ih", "weight_hh"], torch.nn.RNNCell(3, 5, bias: false).state_dict().Keys);

        var (h, c) = lstm.call(torch.ones(3));
        Assert.Equal([5], h.shape); // unbatched in, unbatched out
        Assert.Equal([5], c.shape);
        var ex = Assert.Throws<ArgumentException>(() => lstm.call(torch.ones(2, 4)));
        Assert.Contains("[2, 4]", ex.Message);
        Assert.Throws<ArgumentException>(() => lstm.call(torch.ones(2, 3), (torch.ones(3, 5), torch.ones(3, 5))));
    }

    [Fact]
    public void CellGradchecksThroughInputsStatesAndParameters()
    {
        var g = new Generator(7);
        var rnn = InitFrom(g, 2, torch.nn.RNNCell(3, 2));
        GradCheckModule(rnn, [Leaf(g, 2, 3), Leaf(g, 2, 2)], ts => rnn.call(ts[0], ts[1]));
        var gru = InitFrom(g, 2, torch.nn.GRUCell(3, 2));
        GradCheckModule(gru, [Leaf(g, 2, 3), Leaf(g, 2, 2)], ts => gru.call(ts[0], ts[1]));
        var lstm = InitFrom(g, 2, torch.nn.LSTMCell(3, 2));
        GradCheckModule(lstm, [Leaf(g, 2, 3), Leaf(g, 2, 2), Leaf(g, 2, 2)], ts =>
        {
            var (h, c) = lstm.call(ts[0], (ts[1], ts[2]));
            return torch.stack([h, c], 0);
        });
    }

    [Fact]
    public void LayerNormModule()
    {
        var norm = torch.nn.LayerNorm(4);
        Assert.Equal(["weight", "bias"], norm.state_dict().Keys);
        Assert.Equal([1f, 1f, 1f, 1f], norm.weight!.ToArray());
        Assert.Equal([0f, 0f, 0f, 0f], norm.bias!.ToArray());
        var y = norm.call(torch.tensor([1f, 2f, 3f, 4f])).ToArray();
        var s = Math.Sqrt(1.25 + 1e-5);
        Close([-1.5 / s, -0.5 / s, 0.5 / s, 1.5 / s], y);

        var g = new Generator(8);
        var norm2 = torch.nn.LayerNorm([2, 3]);
        NnTestHelpers.Set(norm2.weight!, 1.5f, 0.5f, -1f, 2f, 1f, 0.25f);
        NnTestHelpers.Set(norm2.bias!, 0.1f, 0.2f, 0.3f, -0.1f, -0.2f, -0.3f);
        GradCheckModule(norm2, [Leaf(g, 2, 2, 3)], ts => norm2.call(ts[0]));
        Assert.Empty(torch.nn.LayerNorm(3, elementwise_affine: false).parameters());
    }

    [Fact]
    public void DropoutModuleRespectsTrainAndEval()
    {
        var dropout = torch.nn.Dropout(0.5);
        var x = torch.ones(200);
        Assert.Contains(0f, dropout.call(x).ToArray());
        dropout.eval();
        Assert.Same(x, dropout.call(x));
        Assert.Throws<ArgumentOutOfRangeException>(() => torch.nn.Dropout(-0.1));
    }

    [Fact]
    public void SequentialChainsAndNamesChildrenByPosition()
    {
        var model = torch.nn.Sequential(torch.nn.Linear(2, 4), torch.nn.ReLU(), torch.nn.Linear(4, 1), torch.nn.Sigmoid());
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], model.state_dict().Keys);
        Assert.Equal(4, model.Count);
        Assert.IsType<ReLU>(model[1]);

        var x = torch.tensor(new float[,] { { 0.5f, -1 }, { 2, 0.25f } });
        var expected = ((Linear)model[2]).call(((Linear)model[0]).call(x).relu()).sigmoid();
        Assert.Equal(expected.ToArray(), model.call(x).ToArray());

        var named = torch.nn.Sequential(("encoder", torch.nn.Linear(2, 2)), ("act", torch.nn.Tanh()));
        Assert.Equal(["encoder.weight", "encoder.bias"], named.state_dict().Keys);
        Assert.Equal(2, named.Count());
        Assert.Equal(1, new Sequential().append(torch.nn.Tanh()).Count);
    }

    private sealed class Stack : Module<Tensor, Tensor>
    {
        public readonly ModuleList<Linear> layers = torch.nn.ModuleList(torch.nn.Linear(3, 3), torch.nn.Linear(3, 3));

        public Stack()
            : base(nameof(Stack)) => RegisterComponents();

        public override Tensor forward(Tensor input) => layers.Aggregate(input, (x, layer) => layer.call(x).tanh());
    }

    [Fact]
    public void ModuleListRegistersItsItemsUnderTheOwner()
    {
        var net = new Stack();
        Assert.Equal(["layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias"], net.state_dict().Keys);
        net.layers.Add(torch.nn.Linear(3, 3));
        Assert.Equal(3, net.layers.Count);
        Assert.Equal(6, net.parameters().Count());
        Assert.Same(net.layers[2], net.layers.Last());
        Assert.Equal([2, 3], net.call(torch.ones(2, 3)).shape);
        net.eval();
        Assert.False(net.layers[1].training); // train/eval reaches the items
    }

    [Fact]
    public void LossModulesCallTheFunctionalForms()
    {
        var logits = torch.tensor(new float[,] { { 1, 2, 3 }, { 1, 0, -1 } });
        var target = torch.tensor([2f, -1f]);
        Assert.Equal(torch.nn.functional.cross_entropy(logits, target, ignore_index: -1, label_smoothing: 0.1).item(),
                     torch.nn.CrossEntropyLoss(ignore_index: -1, label_smoothing: 0.1).call(logits, target).item());
        Assert.Equal([2], torch.nn.NLLLoss(reduction: "none").call(logits.log_softmax(1), torch.tensor([0f, 1f])).shape);
        var p = torch.tensor([0.25f, 0.5f]);
        var y = torch.tensor([1f, 0f]);
        Assert.Equal(torch.nn.functional.binary_cross_entropy(p, y).item(), torch.nn.BCELoss().call(p, y).item());
        Assert.Equal(torch.nn.functional.binary_cross_entropy_with_logits(p, y, reduction: "sum").item(),
                     torch.nn.BCEWithLogitsLoss(reduction: "sum").call(p, y).item());
        Assert.Equal(torch.nn.functional.mse_loss(p, y).item(), torch.nn.MSELoss().call(p, y).item());

        var weighted = torch.nn.CrossEntropyLoss(weight: torch.tensor([1f, 2f, 3f]));
        Assert.Equal(["weight"], weighted.state_dict().Keys); // a buffer, as in PyTorch
        Assert.Throws<ArgumentException>(() => torch.nn.MSELoss("avg"));
    }
}
