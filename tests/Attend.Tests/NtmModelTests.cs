using Attend.Ntm;
using static Attend.Tests.NnTestHelpers;
using static Attend.Tests.OpsAssert;

namespace Attend.Tests;

/// <summary>
/// Chapter 5's NeuralTuringMachine: shapes, learned initial state, memory init options, a whole step gradchecked through
/// every parameter, the trace, and bad arguments. Modules are built under the default generator (so these run serially)
/// and then every parameter is redrawn from the test's own generator.
/// </summary>
[Collection(DefaultGeneratorCollection.Name)]
public class NtmModelTests
{
    private static NeuralTuringMachine Tiny(Generator g, ControllerKind controller = ControllerKind.Lstm, MemoryInit init = MemoryInit.Constant,
                                            int readHeads = 1, int writeHeads = 1)
    {
        var model = new NeuralTuringMachine(3, 2, controller_size: 4, memory_slots: 5, memory_width: 3, read_heads: readHeads,
                                            write_heads: writeHeads, controller: controller, memory_init: init);
        using var _ = torch.no_grad();
        foreach (var p in model.parameters())
        {
            var values = new float[p.numel()];
            g.FillNormal(values, 0, 0.5f);
            p.copy_(torch.tensor(values, p.shape));
        }

        return model;
    }

    [Fact]
    public void RunReturnsLogitsForTheAnswerStepsAndATraceOfEveryStep()
    {
        var model = Tiny(new Generator(701), readHeads: 2, writeHeads: 2);
        var inputs = torch.rand([6, 2, 3], new Generator(702));
        var trace = new NtmTrace();
        var logits = model.Run(inputs, 4, trace);
        Assert.Equal([4, 2, 2], logits.shape);
        Assert.Equal(6, trace.Steps);
        var read = trace.ReadWeightings(1, b: 1);
        Assert.Equal(6, read.GetLength(0));
        Assert.Equal(5, read.GetLength(1));
        for (var t = 0; t < 6; t++)
        {
            Close(1.0, Enumerable.Range(0, 5).Sum(i => read[t, i]), 1e-5);
        }

        Assert.Equal(3, trace.Adds(1).GetLength(1));
        Assert.All(trace.Erases(0).Cast<float>(), e => Assert.InRange(e, 0f, 1f));
        Assert.Equal(logits.ToArray(), model.call(inputs, 4).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => trace.WriteWeightings(2));
    }

    [Fact]
    public void TheInitialStateIsLearnedOrConstant()
    {
        var g = new Generator(703);
        var constant = Tiny(g);
        var state = constant.InitialState(2, torch.CPU);
        Assert.All(state.Memory.ToArray(), v => Assert.Equal(NtmMemory.ConstantInit, v));
        Assert.Null(constant.memory_bias);
        Close(1.0, state.ReadWeightings[0].select(0, 0).sum().item(), 1e-6);
        Assert.Equal(constant.ReadHeads[0].initial_read!.ToArray(), state.Reads[0].select(0, 1).ToArray());

        var learned = Tiny(g, init: MemoryInit.Learned);
        Assert.Contains(learned.named_parameters(), p => p.name == "memory_bias");
        Assert.Equal(learned.memory_bias!.ToArray(), learned.InitialState(2, torch.CPU).Memory.select(0, 1).reshape(15).ToArray());

        var random = new NeuralTuringMachine(3, 2, 4, 5, 3, memory_init: MemoryInit.Random);
        Assert.DoesNotContain(random.named_parameters(), p => p.name.Contains("memory", StringComparison.Ordinal));
        Assert.Contains(random.named_buffers(), b => b.name == "memory_buffer");
        var bound = 1 / Math.Sqrt(8);
        Assert.All(random.memory_buffer!.ToArray(), v => Assert.InRange(v, -bound, bound));
    }

    [Theory]
    [InlineData(ControllerKind.Lstm)]
    [InlineData(ControllerKind.FeedForward)]
    public void AWholeStepGradchecksThroughEveryParameterAndTheState(ControllerKind controller)
    {
        var g = new Generator(704);
        var model = Tiny(g, controller);
        var x = Leaf(g, 2, 3);
        var memory = Leaf(g, 2, 5, 3);
        var read = Leaf(g, 2, 3);
        var readW = Leaf(g, 2, 5).softmax(1).detach().requires_grad_();
        var writeW = Leaf(g, 2, 5).softmax(1).detach().requires_grad_();
        Tensor[] controllerState = controller == ControllerKind.Lstm ? [Leaf(g, 2, 4), Leaf(g, 2, 4)] : [];
        GradCheckModule(model, [x, memory, read, readW, writeW, .. controllerState], s =>
        {
            var (features, next) = model.Step(s[0], new NtmState(s[1], [s[2]], [s[3]], [s[4]], s[5..]));
            // Both what the step emits and the memory it leaves behind.
            return torch.cat([features.reshape(-1), next.Memory.reshape(-1)], 0);
        });
    }

    [Fact]
    public void ThreeStepsGradcheckThroughTheLearnedInitialState()
    {
        var g = new Generator(705);
        var model = Tiny(g, init: MemoryInit.Learned);
        var inputs = Leaf(g, 3, 2, 3);
        GradCheckModule(model, [inputs], s => model.call(s[0], 2));
    }

    [Fact]
    public void AblationsSwitchOffOneStage()
    {
        var g = new Generator(707);
        var model = Tiny(g);
        var x = Leaf(g, 1, 3);
        var start = model.InitialState(1, torch.CPU);
        var other = start with { Memory = Leaf(g, 1, 5, 3) };
        float[] Weighting(NtmState s) => model.Step(x, s).State.ReadWeightings[0].ToArray();

        // Without content addressing the weighting cannot depend on what memory holds.
        model.ablation = HeadAblation.NoContent;
        Assert.Equal(Weighting(start), Weighting(other));
        model.ablation = HeadAblation.None;
        Assert.NotEqual(Weighting(start), Weighting(other));

        // Without content and with γ = 1 and no shift, nothing moves: tested stage by stage, NoShift keeps w^g.
        model.ablation = HeadAblation.NoShift;
        using (torch.no_grad())
        {
            var (h, _) = ((LstmController)model.children().First()).Step(torch.cat([x, start.Reads[0]], 1), start.Controller);
            var p = model.ReadHeads[0].Parameters(h);
            var expected = Addressing.Sharpen(Addressing.Interpolate(Addressing.Content(other.Memory, p.Key, p.Beta), start.ReadWeightings[0], p.Gate), p.Gamma);
            Close(expected.ToArray(), Weighting(other), 1e-6);
        }
    }

    [Fact]
    public void ParameterCountOfThePaperSizedCopyModel()
    {
        // Controller LSTM (9 + 20 inputs, 100 units): 4·100·(29 + 100) + 2·4·100 = 52,400, plus h₀ and c₀ (200);
        // read head 100 → 20 + 3 + 3 = 26 (2,626) plus w₀ (128) and r₀ (20); write head 100 → 66 (6,666) plus w₀ (128);
        // output 120 → 8 (968).
        var model = new NeuralTuringMachine(9, 8);
        Assert.Equal(52_400 + 200 + 2_626 + 148 + 6_666 + 128 + 968, model.ParameterCount);
    }

    [Fact]
    public void InitAsPytorchNtmDrawsTheReferenceScalesFromTheGivenGenerator()
    {
        // pytorch-ntm's scales for the copy model: LSTM weights U(±5/√(29 + 100)) = ±0.440, biases 0; read head
        // (M + 3 + K = 26 outputs) Xavier with gain 1.4: ±1.4·√(6/126) = ±0.305; output layer Xavier ±√(6/128) = ±0.217.
        torch.manual_seed(11);
        var model = new NeuralTuringMachine(9, 8, controller_size: 100, memory_slots: 128, memory_width: 20).init_as_pytorch_ntm(new Generator(5));
        var p = model.named_parameters().ToDictionary(kv => kv.name, kv => kv.parameter.ToArray());
        void Spans(string name, double bound)
        {
            var values = p[name];
            Assert.True(values.All(v => Math.Abs(v) <= bound + 1e-6), $"{name} exceeds ±{bound}");
            Assert.True(values.Max(v => Math.Abs(v)) > 0.95 * bound, $"{name} does not reach ±{bound}: max {values.Max(v => Math.Abs(v))}");
        }

        Spans("controller.lstm.weight_ih", 5 / Math.Sqrt(129));
        Spans("controller.lstm.weight_hh", 5 / Math.Sqrt(129));
        Assert.All(p["controller.lstm.bias_ih"], v => Assert.Equal(0f, v));
        Spans("read_heads.0.fc.weight", 1.4 * Math.Sqrt(6.0 / 126));
        Spans("output.weight", Math.Sqrt(6.0 / 128));
        Assert.True(p["read_heads.0.fc.bias"].All(v => Math.Abs(v) < 0.06), "head bias is N(0, 0.01²)");

        // The same generator seed gives the same weights whatever the default generator did in between.
        torch.manual_seed(12);
        var again = new NeuralTuringMachine(9, 8, controller_size: 100, memory_slots: 128, memory_width: 20).init_as_pytorch_ntm(new Generator(5));
        Assert.Equal(p["controller.lstm.weight_hh"], again.named_parameters().First(kv => kv.name == "controller.lstm.weight_hh").parameter.ToArray());
    }

    [Fact]
    public void BadArgumentsAreNamed()
    {
        Throws(() => new NeuralTuringMachine(9, 8, memory_slots: 2, shift_range: 1), "shift_range", "3 shifts", "2 memory slots");
        Throws(() => new NtmHead(10, 4, 3, write: false, shift_range: 2), "shift_range", "5 shifts", "4 memory slots");
        Throws(() => new NeuralTuringMachine(9, 8, read_heads: 0), "read_heads", "read_heads = 0");
        Throws(() => new NeuralTuringMachine(9, 8, memory_width: 0), "memory_width (0)");
        var model = Tiny(new Generator(706));
        Throws(() => model.call(torch.zeros(4, 1, 5), 2), "inputs", "[T, B, 3]", "[4, 1, 5]");
        Throws(() => model.call(torch.zeros(4, 1, 3), 5), "outputSteps", "T = 4");
        Throws(() => new LstmBaseline(3, 2, hidden_size: 0), "hidden_size (0)");
    }

    [Fact]
    public void LstmBaselineMatchesTheTaskShapes()
    {
        var baseline = new LstmBaseline(9, 8, hidden_size: 16, num_layers: 2);
        Assert.Equal([3, 2, 8], baseline.call(torch.zeros(5, 2, 9), 3).shape);
        Assert.Equal((4 * 16 * (9 + 16 + 2)) + (4 * 16 * (16 + 16 + 2)) + (8 * 17), baseline.ParameterCount);
    }
}
