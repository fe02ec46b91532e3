using Attend.NeuralProgrammer;
using Attend.NeuralProgrammer.Recipes;

namespace Attend.Tests;

/// <summary>
/// The neural programmer learns from question–answer pairs alone (Chapter 9, §9.5): a short run from fixed seeds on
/// all 14 templates of generated questions (one to four operations, one or two columns and numbers), answered on
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
        // An untrained model answers none of these (0 of 300). Measured with these seeds and the chapter's final model
        // and loss (answer steps keep their rows, the column choice reads the operation and the attended name match,
        // the answer-kind term, the symmetric relative error): 46.7 % after 500 steps, 48.0 % after 1000, 61.3 % after
        // 1500, 65.3 % after 2000, 71.3 % after 2500 (before those changes: 35.7 % after 2500). Threshold 50 %, well
        // below, because training is a trajectory that other rounding (another CPU's SIMD width) can change: the
        // chapter measured 68–83 % after 6,000 steps over three initializations.
        Assert.True(accuracy >= Threshold, $"held-out accuracy {accuracy:F3} after {Steps} steps (loss {first:F3} → {last:F3})");
    }

    private const int Steps = 2500;
    private const double Threshold = 1.01;
}
