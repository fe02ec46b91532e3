using Attend.NeuralProgrammer;
using Attend.NeuralProgrammer.Recipes;

namespace Attend.Tests;

/// <summary>
/// The neural programmer learns from question–answer pairs alone (Chapter 9, §9.5): a short run from fixed seeds on
/// the 12 default templates of generated questions (one to four operations, one or two columns and numbers), answered on
/// held-out tables with hard choices (the most likely operation and column at each step, as at test time in the
/// paper). It seeds the default generator, so it runs in the serial collection.
/// </summary>
[Collection(DefaultGeneratorCollection.Name)]
public class NeuralProgrammerLearningTests
{
    private static (NeuralProgrammer.NeuralProgrammer Model, List<float> Losses) Train(int iterations, List<TableQuestion> train,
                                                                                       Attend.Data.Vocabulary vocab)
    {
        torch.manual_seed(1);
        var model = new NeuralProgrammer.NeuralProgrammer(vocab.Count, hidden_size: 64);
        var options = new ProgrammerTrainingOptions { Iterations = iterations, LearningRate = 3e-3, NoiseEta = 0, Seed = 7 };
        return (model, ProgrammerTraining.Train(model, ProgrammerTraining.Of(model), train, vocab, options));
    }

    [Fact]
    public void SameSeedGivesTheSameLosses()
    {
        var train = SyntheticTables.Generate(200, new Generator(1));
        var vocab = ProgrammerTraining.BuildVocabulary(train);
        var (_, a) = Train(15, train, vocab);
        var (_, b) = Train(15, train, vocab);
        Assert.Equal(a, b);
    }

    [Fact]
    public void LearnsToChooseTheOperationAndColumnOnUnseenTables()
    {
        var train = SyntheticTables.Generate(4000, new Generator(1));
        var test = SyntheticTables.Generate(300, new Generator(2));
        var vocab = ProgrammerTraining.BuildVocabulary(train);
        var (model, losses) = Train(Steps, train, vocab);
        var right = ProgrammerTraining.Evaluate(model, ProgrammerTraining.Of(model), test, vocab);
        var accuracy = right.Count(x => x) / (double)right.Length;
        var (first, last) = (losses.Take(50).Average(), losses.TakeLast(50).Average());
        // An untrained model answers none of these (0 of 300). Measured with these seeds, the chapter's current model (the
        // column choice's own attention over the question) and the default draw (the 12 templates without the averages):
        // 71.7 % after 2500 steps at 64 units (the previous model on all 14 templates: 71.3 %). Threshold 55 %, below,
        // because training is a trajectory that other rounding (another CPU's SIMD width) can change: the chapter's full run
        // measures 75.1–99.9 % over six initializations at 128 units and 8,000 steps at 1e-3 (one of six at ≥ 95 %).
        Assert.True(accuracy >= Threshold, $"held-out accuracy {accuracy:F3} after {Steps} steps (loss {first:F3} → {last:F3})");
    }

    private const int Steps = 2500;
    private const double Threshold = 0.55;
}
