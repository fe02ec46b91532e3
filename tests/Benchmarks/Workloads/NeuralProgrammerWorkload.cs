using Attend.NeuralProgrammer;
using Attend.NeuralProgrammer.Recipes;

namespace Attend.Benchmarks.Workloads;

/// <summary>
/// One training step of chapter 9's neural programmer at the paper's sizes (issue 11, point 5): batch 20,
/// embedding 256, 4 steps, 13 operations, on 20 generated synthetic tables (up to 10 rows × 4 columns, questions of
/// up to 18 words with up to 2 numbers, padded to the batch's largest). Forward (question GRU, question attention per
/// step, soft operation and column selection, every operation on every column, the row selectors), the loss of
/// <see cref="ProgrammerTraining.Train"/> (Huber δ = 1 on the error relative to the larger of answer and target,
/// λ = 5 on the lookup cross-entropy, plus the answer-kind cross-entropy of printing at the last step), backward,
/// global-norm clipping to 1 and Adam (lr 1e-3, ε 1e-6). Mirrored in PyTorch by np_workload.py. The batch is built
/// once outside the timed region.
/// </summary>
public sealed class NeuralProgrammerWorkload : Workload
{
    private const int Batch = 20, Dim = 256, Steps = 4;
    private NeuralProgrammer.NeuralProgrammer model = null!;
    private Optimizers.Adam optimizer = null!;
    private TableBatch batch = null!;
    private Tensor[] parameters = null!;
    private ProgrammerTraining.Answerer answer = null!;

    public override string Name => "neural programmer train step (batch 20, d=256, 4 steps)";

    public override void Setup()
    {
        var questions = SyntheticTables.Generate(Batch, new Generator(0));
        var vocabulary = ProgrammerTraining.BuildVocabulary(SyntheticTables.Generate(2000, new Generator(1)));
        batch = TableBatch.From(questions, vocabulary);
        torch.manual_seed(1);
        model = new NeuralProgrammer.NeuralProgrammer(vocabulary.Count, hidden_size: Dim, steps: Steps);
        parameters = model.parameters().ToArray();
        answer = ProgrammerTraining.Of(model);
        optimizer = torch.optim.Adam(parameters, lr: 1e-3, eps: 1e-6);
        if (Environment.GetEnvironmentVariable("ATTEND_NP_SHAPES") is not null)
        {
            Console.Error.WriteLine($"V={vocabulary.Count} table={Tensor.Format(batch.Table.shape)} words={Tensor.Format(batch.Words.shape)} " +
                                    $"numbers={Tensor.Format(batch.Numbers.shape)} columnWords={Tensor.Format(batch.ColumnWords.shape)} " +
                                    $"question lengths={string.Join(' ', batch.WordMask.sum(1).ToArray())}");
        }
    }

    public override void Run()
    {
        // The loss of ProgrammerTraining.Train with its defaults: Huber on the error relative to the larger of answer and
        // target, 5 × the lookup cross-entropy, and the answer-kind cross-entropy of printing at the last step.
        var (scalar, lookup, _, kindLogit, _) = answer(batch);
        var (loss, _, _) = ProgrammerLoss.Compute(scalar, lookup, batch, delta: 1f, lambda: 5f, relative: true, symmetric: true);
        loss = loss.add(torch.nn.functional.binary_cross_entropy_with_logits(kindLogit!, batch.IsLookup));
        optimizer.zero_grad();
        loss.backward();
        torch.nn.utils.clip_grad_norm_(parameters, 1.0);
        optimizer.step();
    }
}
