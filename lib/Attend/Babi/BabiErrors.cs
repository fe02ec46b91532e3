namespace Attend.Babi;

/// <summary>Errors on bAbI by task, as the papers' tables report them.</summary>
/// <param name="PerTask">The error (0–1) of each task evaluated.</param>
/// <param name="Loss">The mean cross-entropy per question over all tasks.</param>
/// <remarks>Chapter 6, §6.5 (the per-task tables of chapters 6 and 7).</remarks>
public sealed record BabiErrors(IReadOnlyDictionary<int, double> PerTask, double Loss)
{
    /// <summary>The mean of the tasks' errors.</summary>
    public double Mean => PerTask.Count == 0 ? double.NaN : PerTask.Values.Average();

    /// <summary>The number of failed tasks: error above <paramref name="threshold"/> (5% in the papers).</summary>
    public int Failed(double threshold = 0.05) => PerTask.Values.Count(e => e > threshold);

    /// <summary>
    /// Measures a bAbI model: runs <paramref name="logits"/> on <paramref name="questions"/> in order, batch by batch,
    /// without gradients, and counts the wrong answers per task. The caller puts the model in evaluation mode. Shared
    /// by MemN2N (chapter 6) and DMN+ (chapter 7).
    /// </summary>
    public static BabiErrors Measure(Func<BabiBatch, Tensor> logits, IReadOnlyList<BabiEncoded> questions, int batchSize, int memorySize, Device device)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(questions);
        var wrong = new Dictionary<int, int>();
        var count = new Dictionary<int, int>();
        double lossSum = 0;
        using (torch.no_grad())
        {
            foreach (var batch in new BabiBatcher(questions, batchSize, memorySize, device).InOrder())
            {
                var scores = logits(batch);
                lossSum += torch.nn.functional.cross_entropy(scores, batch.Answer, reduction: "sum").item();
                var predicted = scores.argmax(1).ToArray();
                for (var i = 0; i < batch.Size; i++)
                {
                    var task = batch.Examples[i].Task;
                    count[task] = count.GetValueOrDefault(task) + 1;
                    wrong[task] = wrong.GetValueOrDefault(task) + ((int)predicted[i] == batch.Examples[i].Answer ? 0 : 1);
                }
            }
        }

        return new BabiErrors(count.OrderBy(p => p.Key).ToDictionary(p => p.Key, p => (double)wrong.GetValueOrDefault(p.Key) / p.Value),
            questions.Count == 0 ? double.NaN : lossSum / questions.Count);
    }

    /// <summary>The number of rows of <paramref name="logits"/> whose arg-max is not the answer in <paramref name="answer"/>.</summary>
    public static int CountWrong(Tensor logits, Tensor answer)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(answer);
        var predicted = logits.argmax(1).ToArray();
        var truth = answer.ToArray();
        var wrong = 0;
        for (var i = 0; i < predicted.Length; i++)
        {
            wrong += predicted[i] == truth[i] ? 0 : 1;
        }

        return wrong;
    }
}
