using Attend.Modules;
using static Attend.Tests.NnTestHelpers;

namespace Attend.Tests;

public class NnRecurrentTests
{
    [Fact]
    public void LstmStateDictNamesMatchPyTorch()
    {
        var lstm = torch.nn.LSTM(3, 4, num_layers: 2, bidirectional: true);
        // list(torch.nn.LSTM(3, 4, num_layers=2, bidirectional=True).state_dict().keys())
        string[] pytorch =
        [
            "weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0",
            "weight_ih_l0_reverse", "weight_hh_l0_reverse", "bias_ih_l0_reverse", "bias_hh_l0_reverse",
            "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1",
            "weight_ih_l1_reverse", "weight_hh_l1_reverse", "bias_ih_l1_reverse", "bias_hh_l1_reverse",
        ];
        var state = lstm.state_dict();
        Assert.Equal(pytorch, state.Keys);
        Assert.Equal([16, 3], state["weight_ih_l0"].shape);
        Assert.Equal([16, 4], state["weight_hh_l0_reverse"].shape);
        Assert.Equal([16, 8], state["weight_ih_l1"].shape); // layer 1 reads both directions
        Assert.Equal([16], state["bias_hh_l1_reverse"].shape);
        Assert.Equal([12, 3], torch.nn.GRU(3, 4).state_dict()["weight_ih_l0"].shape);
        Assert.Equal(["weight_ih_l0", "weight_hh_l0"], torch.nn.GRU(3, 4, bias: false).state_dict().Keys);
    }

    /// <summary>A GRU/LSTM layer computed by hand with cells that share its weights: the reference for the sequence modules.</summary>
    private static (float[][] Outputs, float[][] FinalH, float[][] FinalC) Reference(
        Module module, bool lstm, int layers, bool bidirectional, int hidden, float[][] inputs /* per step, [B·F] */, int batch)
    {
        var state = module.state_dict();
        var directions = bidirectional ? 2 : 1;
        var steps = inputs.Length;
        var finalH = new List<float[]>();
        var finalC = new List<float[]>();
        var layerInput = inputs;
        for (var layer = 0; layer < layers; layer++)
        {
            var outputs = new float[directions][][];
            for (var direction = 0; direction < directions; direction++)
            {
                var suffix = $"_l{layer}" + (direction == 1 ? "_reverse" : "");
                var features = layerInput[0].Length / batch;
                Module cell = lstm ? new LSTMCell(features, hidden) : new GRUCell(features, hidden);
                var cellState = cell.state_dict();
                foreach (var name in new[] { "weight_ih", "weight_hh", "bias_ih", "bias_hh" })
                {
                    using var _ = torch.no_grad();
                    cellState[name].copy_(state[name + suffix]);
                }

                var h = torch.zeros(batch, hidden);
                var c = torch.zeros(batch, hidden);
                outputs[direction] = new float[steps][];
                for (var i = 0; i < steps; i++)
                {
                    var t = direction == 0 ? i : steps - 1 - i;
                    var x = torch.tensor(layerInput[t], [batch, features]);
                    if (lstm)
                    {
                        (h, c) = ((LSTMCell)cell).call(x, (h, c));
                    }
                    else
                    {
                        h = ((GRUCell)cell).call(x, h);
                    }

                    outputs[direction][t] = h.ToArray();
                }

                finalH.Add(h.ToArray());
                finalC.Add(c.ToArray());
            }

            // Next layer's input at step t: [h_fwd | h_bwd] for each batch row.
            layerInput = Enumerable.Range(0, steps).Select(t =>
                Enumerable.Range(0, batch).SelectMany(b =>
                    Enumerable.Range(0, directions).SelectMany(d => outputs[d][t].Skip(b * hidden).Take(hidden))).ToArray()).ToArray();
        }

        return (layerInput, [.. finalH], [.. finalC]);
    }

    private static float[][] Steps(Tensor x) // [T, B, F] → per step flat [B·F]
    {
        var values = x.ToArray();
        var per = values.Length / x.size(0);
        return Enumerable.Range(0, x.size(0)).Select(t => values[(t * per)..((t + 1) * per)]).ToArray();
    }

    [Fact]
    public void BidirectionalTwoLayerLstmMatchesCellsRunByHand()
    {
        var lstm = torch.nn.LSTM(3, 2, num_layers: 2, bidirectional: true);
        var x = Leaf(new Generator(1), 4, 2, 3); // T = 4, B = 2
        var (output, (h, c)) = lstm.call(x);
        Assert.Equal([4, 2, 4], output.shape);
        Assert.Equal([4, 2, 2], h.shape);
        Assert.Equal([4, 2, 2], c.shape);

        var (expected, finalH, finalC) = Reference(lstm, true, 2, true, 2, Steps(x), 2);
        Close(expected.SelectMany(v => v).ToArray(), output.ToArray());
        Close(finalH.SelectMany(v => v).ToArray(), h.ToArray()); // order: l0, l0_reverse, l1, l1_reverse
        Close(finalC.SelectMany(v => v).ToArray(), c.ToArray());
    }

    [Fact]
    public void BatchFirstGruMatchesCellsRunByHand()
    {
        var gru = torch.nn.GRU(3, 2, num_layers: 2, batch_first: true);
        var xTimeMajor = Leaf(new Generator(2), 5, 2, 3);
        var (output, h) = gru.call(xTimeMajor.transpose(0, 1)); // [B, T, F]
        Assert.Equal([2, 5, 2], output.shape);
        Assert.Equal([2, 2, 2], h.shape); // h_n stays [layers, B, H] even when batch_first

        var (expected, finalH, _) = Reference(gru, false, 2, false, 2, Steps(xTimeMajor), 2);
        Close(expected.SelectMany(v => v).ToArray(), output.transpose(0, 1).ToArray());
        Close(finalH.SelectMany(v => v).ToArray(), h.ToArray());
        // The last output step of the top layer is its final hidden state.
        Close(h.ToArray()[4..], output.transpose(0, 1).ToArray()[^4..]);
    }

    [Fact]
    public void InitialStateIsUsedAndUnbatchedSequencesWork()
    {
        var gru = torch.nn.GRU(2, 3);
        var x = Leaf(new Generator(3), 4, 1, 2);
        var h0 = Leaf(new Generator(4), 1, 1, 3);
        var (withState, _) = gru.call(x, h0);
        var (fromZero, _) = gru.call(x);
        Assert.NotEqual(withState.ToArray(), fromZero.ToArray());

        // Two halves with the final state carried over equal one call over the whole sequence.
        var values = x.ToArray();
        var (firstHalf, hMid) = gru.call(torch.tensor(values[..4], [2, 1, 2]), h0);
        var (secondHalf, _) = gru.call(torch.tensor(values[4..], [2, 1, 2]), hMid);
        Close(withState.ToArray(), [.. firstHalf.ToArray(), .. secondHalf.ToArray()]);

        // One unbatched sequence [T, F] with h0 [layers, H].
        var (unbatched, hUnbatched) = gru.call(x.reshape(4, 2), h0.reshape(1, 3));
        Assert.Equal([4, 3], unbatched.shape);
        Assert.Equal([1, 3], hUnbatched.shape);
        Close(withState.ToArray(), unbatched.ToArray());

        var lstm = torch.nn.LSTM(2, 3, num_layers: 2);
        var ex = Assert.Throws<ArgumentException>(() => lstm.call(x, (torch.zeros(1, 1, 3), torch.zeros(1, 1, 3))));
        Assert.Contains("[2, 1, 3]", ex.Message);
        var shape = Assert.Throws<ArgumentException>(() => lstm.call(torch.ones(4, 1, 5)));
        Assert.Contains("[4, 1, 5]", shape.Message);
    }

    [Fact]
    public void RnnMatchesTheRecurrenceWrittenOut()
    {
        var rnn = torch.nn.RNN(1, 1, nonlinearity: "tanh");
        Set(rnn.state_dict()["weight_ih_l0"], 0.5f);
        Set(rnn.state_dict()["weight_hh_l0"], -0.8f);
        Set(rnn.state_dict()["bias_ih_l0"], 0.1f);
        Set(rnn.state_dict()["bias_hh_l0"], 0.05f);
        var xs = new[] { 1.0, -0.5, 2.0 };
        var (output, h) = rnn.call(torch.tensor(xs.Select(v => (float)v).ToArray(), [3, 1, 1]));
        double state = 0;
        var expected = xs.Select(x => state = Math.Tanh((0.5 * x) + 0.1 + (-0.8 * state) + 0.05)).ToArray();
        Close(expected, output.ToArray());
        Close(expected[^1], h.item());
    }

    /// <remarks>
    /// These checks perturb ~100 numbers at once along a random direction v (|v| ≈ 10), so the default step
    /// ε = 1e-2 moves the whole network by ≈ 0.1 and the O(ε²) truncation error of central differences alone can
    /// exceed atol on small directional derivatives. A smaller step (3e-3) makes the numeric side accurate again;
    /// the tolerances themselves are unchanged.
    /// </remarks>
    [Fact]
    public void SequenceModuleGradchecks()
    {
        const float eps = 3e-3f;
        var g = new Generator(5);
        var gru = InitFrom(g, 2, torch.nn.GRU(2, 2, num_layers: 2, bidirectional: true));
        GradCheckModule(gru, [Leaf(g, 3, 2, 2), Leaf(g, 4, 2, 2)], ts =>
        {
            var (output, h) = gru.call(ts[0], ts[1]);
            return torch.cat([output.reshape(-1), h.reshape(-1)], 0);
        }, eps);

        var lstm = InitFrom(g, 2, torch.nn.LSTM(2, 2, batch_first: true, bidirectional: true));
        GradCheckModule(lstm, [Leaf(g, 2, 3, 2), Leaf(g, 2, 2, 2), Leaf(g, 2, 2, 2)], ts =>
        {
            var (output, (h, c)) = lstm.call(ts[0], (ts[1], ts[2]));
            return torch.cat([output.reshape(-1), h.reshape(-1), c.reshape(-1)], 0);
        }, eps);

        var rnn = InitFrom(g, 3, torch.nn.RNN(2, 3, num_layers: 2));
        GradCheckModule(rnn, [Leaf(g, 4, 1, 2)], ts => rnn.call(ts[0]).Item1, eps);
    }

    [Fact]
    public void DropoutBetweenLayersOnlyInTraining()
    {
        var lstm = torch.nn.LSTM(2, 8, num_layers: 2, dropout: 0.5);
        var x = Leaf(new Generator(6), 3, 2, 2);
        var (a, _) = lstm.call(x);
        var (b, _) = lstm.call(x);
        Assert.NotEqual(a.ToArray(), b.ToArray()); // different masks between the layers
        lstm.eval();
        var (c, _) = lstm.call(x);
        var (d, _) = lstm.call(x);
        Assert.Equal(c.ToArray(), d.ToArray());
        Assert.Equal("LSTM(2, 8, num_layers=2, dropout=0.5)", lstm.ToString());
    }
}
