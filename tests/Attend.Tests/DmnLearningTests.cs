using Attend.Babi;
using Attend.Dmn;
using Attend.Modules;

namespace Attend.Tests;

/// <summary>
/// DMN+ learns bAbI task 1 of the 1k set from a fixed seed (every weight drawn from the test's own generator):
/// Adam at 3e-3 (the paper: 1e-3 over up to 256 epochs), batch 32, d = 32, 3 passes, 20 epochs, checked on the 1,000 test questions.
/// </summary>
public class DmnLearningTests
{
    [Fact]
    public void Task1IsLearned()
    {
        var train = BabiData.Load(1, BabiSize.OneK, BabiPart.Train);
        var test = BabiData.Load(1, BabiSize.OneK, BabiPart.Test);
        var vocabulary = BabiVocabulary.Build(train.Concat(test));
        var trainSet = train.Select(q => vocabulary.Encode(q, 70)).ToList();
        var testSet = test.Select(q => vocabulary.Encode(q, 70)).ToList();

        var network = new DynamicMemoryNetwork(vocabulary.Count, dim: 32, passes: 3);
        var g = new Generator(0);
        using (torch.no_grad())
        {
            foreach (var p in network.parameters())
            {
                // Xavier-like scale for the matrices, as the paper's Xavier initialization; small word vectors.
                var fanIn = p.dim() == 2 ? p.size(1) : p.size(0);
                p.copy_(torch.randn(p.shape, g).mul((float)Math.Sqrt(1.0 / fanIn)));
            }
        }

        var optimizer = torch.optim.Adam(network.parameters(), lr: 3e-3);
        var batcher = new BabiBatcher(trainSet, 32, 70);
        var order = new Generator(1);
        var losses = new List<double>();
        for (var epoch = 0; epoch < 20; epoch++)
        {
            double sum = 0;
            foreach (var batch in batcher.Epoch(order))
            {
                var loss = torch.nn.functional.cross_entropy(network.call(batch).Logits, batch.Answer);
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
                sum += loss.item() * batch.Size;
            }

            losses.Add(sum / trainSet.Count);
        }

        network.eval();
        var wrong = 0;
        using (torch.no_grad())
        {
            foreach (var batch in new BabiBatcher(testSet, 200, 70).InOrder())
            {
                var predicted = network.call(batch).Logits.argmax(1).ToArray();
                wrong += Enumerable.Range(0, batch.Size).Count(i => (int)predicted[i] != batch.Examples[i].Answer);
            }
        }

        // This run reaches 0.3% test error (the loss drops sharply around epoch 9, when the gates find the fact);
        // the paper's DMN+ has 0.0% on task 1. Threshold: 95% accuracy. Budget: about 30 s on the loaded 2-core machine.
        Assert.True((double)wrong / testSet.Count <= 0.05, $"DMN+ task 1 test error {(double)wrong / testSet.Count:P1}; losses {string.Join(" ", losses.Select(l => l.ToString("F3")))}");
    }
}
