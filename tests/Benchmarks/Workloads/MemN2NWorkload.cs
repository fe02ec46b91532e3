using Attend.Babi;
using Attend.MemN2N;

namespace Attend.Benchmarks.Workloads;

/// <summary>
/// One training step of chapter 6's end-to-end memory network at the size of joint training on bAbI 1k: batch 32,
/// 50 memory slots of up to 10 words, a vocabulary of 176, d = 50, 3 hops, position and temporal encoding,
/// adjacent tying; summed cross-entropy, backward, gradient clipping to norm 40 and an SGD step. An epoch of joint
/// 1k training is 563 such steps (plus validation). The batch is synthetic but shaped like a padded joint batch
/// (random word ids, 4–10 words a sentence, every slot used), built once outside the timed region; the sentence
/// weights of position encoding are rebuilt inside the step, as in training.
/// </summary>
/// <param name="Batch">Questions per step (32 in the CPU table; 64 and 128 in the GPU table).</param>
/// <param name="Device">Where the model and the batch live (the CPU unless the GPU runner says otherwise).</param>
public sealed class MemN2NWorkload(int Batch = 32, Device? Device = null) : Workload
{
    private const int Slots = 50, Words = 10, Vocabulary = 176, Dim = 50, Hops = 3;
    private MemoryNetwork model = null!;
    private Optimizers.SGD optimizer = null!;
    private BabiBatch batch = null!;

    public override string Name => $"memn2n train step ({Batch}x50x10, d=50, 3 hops)";

    public override void Setup()
    {
        var g = new Generator(0);
        var memory = new float[Batch * Slots * Words];
        var lengths = new int[Batch, Slots];
        var question = new float[Batch * Words];
        var questionLengths = new int[Batch];
        var time = new float[Batch * Slots];
        var answer = new float[Batch];
        for (var b = 0; b < Batch; b++)
        {
            for (var m = 0; m < Slots; m++)
            {
                lengths[b, m] = g.NextInt(4, Words + 1);
                for (var j = 0; j < lengths[b, m]; j++)
                {
                    memory[((b * Slots) + m) * Words + j] = g.NextInt(2, Vocabulary);
                }

                time[b * Slots + m] = Slots - 1 - m;
            }

            questionLengths[b] = g.NextInt(3, 6);
            for (var j = 0; j < questionLengths[b]; j++)
            {
                question[b * Words + j] = g.NextInt(2, Vocabulary);
            }

            answer[b] = g.NextInt(2, Vocabulary);
        }

        var device = Device ?? Attend.Device.CPU;
        batch = new BabiBatch(torch.tensor(memory, [Batch, Slots, Words], device), lengths, torch.ones([Batch, Slots], device),
            torch.tensor(time, [Batch, Slots], device), torch.tensor(question, [Batch, Words], device), questionLengths,
            torch.tensor(answer, [Batch], device), [], []);
        model = new MemoryNetwork(new MemN2NOptions(Vocabulary, Dim, Hops, MemorySize: 60), generator: new Generator(1));
        model.to(device);
        optimizer = torch.optim.SGD(model.parameters(), lr: 0.01);
    }

    public override void Run()
    {
        var logits = model.call(batch).Logits;
        var loss = torch.nn.functional.cross_entropy(logits, batch.Answer, reduction: "sum");
        optimizer.zero_grad();
        loss.backward();
        torch.nn.utils.clip_grad_norm_(model.parameters(), 40);
        optimizer.step();
    }
}
