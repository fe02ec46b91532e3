using Attend.Ntm;
using Attend.Ntm.Tasks;
using Attend.Optimizers;

namespace Attend.Benchmarks.Workloads;

/// <summary>
/// One training step of chapter 5's copy NTM: LSTM controller 100, memory 128 × 20, one read and one write head
/// (3 shifts), 8-bit vectors of length 20 (41 steps), cost in bits per sequence, backward, every gradient component
/// clipped to ±10 and an RMSprop step (lr 1e-4, α 0.95, momentum 0.9), at batch 1 or 32. compare.py mirrors the model
/// op for op in PyTorch.
/// </summary>
/// <param name="batch">Sequences per step.</param>
/// <param name="device">Where the model and the batch live (the CPU unless the GPU runner says otherwise).</param>
public sealed class NtmCopyWorkload(int batch, Device? device = null) : Workload
{
    private NeuralTuringMachine model = null!;
    private RMSprop optimizer = null!;
    private TaskBatch data = null!;
    private List<Parameter> parameters = null!;

    public override string Name => $"ntm copy train step (len 20, batch {batch})";

    public override void Setup()
    {
        torch.manual_seed(0);
        model = new NeuralTuringMachine(9, 8, controller_size: 100, memory_slots: 128, memory_width: 20);
        model.to(device ?? Device.CPU);
        parameters = model.parameters().ToList();
        optimizer = torch.optim.RMSprop(parameters, lr: 1e-4, alpha: 0.95, momentum: 0.9);
        var sample = new CopyTask(8).Sample(batch, 20, new Generator(1));
        data = device is null ? sample : sample with { Inputs = sample.Inputs.to(device), Targets = sample.Targets.to(device) };
    }

    public override void Run()
    {
        optimizer.zero_grad();
        SequenceMetrics.BitsPerSequence(model.call(data.Inputs, data.OutputSteps), data.Targets).backward();
        torch.nn.utils.clip_grad_value_(parameters, 10);
        optimizer.step();
    }
}
