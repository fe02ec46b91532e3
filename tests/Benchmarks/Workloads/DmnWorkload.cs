using Attend.Babi;
using Attend.Dmn;

namespace Attend.Benchmarks.Workloads;

/// <summary>
/// One training step of chapter 7's DMN+ at the paper's batch size: batch 128, 20 facts of 4–8 words (about a
/// task-2 story), questions of 3–6 words, a vocabulary of 40, d = 80, 3 passes, dropout 0.1; positional encoding,
/// the bidirectional fusion GRU, the question GRU, gate + attention GRU + untied ReLU update per pass, the linear
/// answer; mean cross-entropy, backward and an Adam step (lr 1e-3, weight decay 1e-3). Mirrored in PyTorch by
/// dmn_workload.py. The batch is synthetic and built once outside the timed region.
/// </summary>
public sealed class DmnWorkload : Workload
{
    private const int Batch = 128, Facts = 20, Words = 8, Question = 6, Vocabulary = 40, Dim = 80;
    private DynamicMemoryNetwork model = null!;
    private Optimizers.Adam optimizer = null!;
    private BabiBatch batch = null!;

    public override string Name => "dmn+ train step (128x20x8, d=80, 3 passes)";

    public override void Setup()
    {
        var g = new Generator(0);
        var memory = new float[Batch * Facts * Words];
        var lengths = new int[Batch, Facts];
        var question = new float[Batch * Question];
        var questionLengths = new int[Batch];
        var answer = new float[Batch];
        for (var b = 0; b < Batch; b++)
        {
            for (var m = 0; m < Facts; m++)
            {
                lengths[b, m] = g.NextInt(4, Words + 1);
                for (var j = 0; j < lengths[b, m]; j++)
                {
                    memory[((b * Facts) + m) * Words + j] = g.NextInt(2, Vocabulary);
                }
            }

            questionLengths[b] = g.NextInt(3, Question + 1);
            for (var j = 0; j < questionLengths[b]; j++)
            {
                question[b * Question + j] = g.NextInt(2, Vocabulary);
            }

            answer[b] = g.NextInt(2, Vocabulary);
        }

        batch = new BabiBatch(torch.tensor(memory, [Batch, Facts, Words]), lengths, torch.ones(Batch, Facts),
            torch.zeros(Batch, Facts), torch.tensor(question, [Batch, Question]), questionLengths,
            torch.tensor(answer, [Batch]), [], []);
        model = new DynamicMemoryNetwork(new DmnOptions(Vocabulary, Dim, MemorySize: Facts), generator: new Generator(1),
            dropoutGenerator: new Generator(2));
        optimizer = torch.optim.Adam(model.parameters(), lr: 1e-3, weight_decay: 1e-3);
    }

    public override void Run()
    {
        var logits = model.call(batch).Logits;
        var loss = torch.nn.functional.cross_entropy(logits, batch.Answer);
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();
    }
}
