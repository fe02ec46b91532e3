using Attend.Data;
using Attend.Modules;

namespace Attend.NeuralProgrammer.Recipes;

/// <summary>
/// Training and evaluating a table-question model (Chapter 9, §9.5): the neural programmer or any other model that
/// answers with a scalar and a lookup (the chapter's RNN baseline). Batches are drawn at random from the training
/// questions with the options' seed; every step: loss, backward, gradient noise, clip, Adam.
/// </summary>
public static class ProgrammerTraining
{
    /// <summary>
    /// A model's answers for a batch: the scalar [B], the lookup probabilities [B, M, C], the loss's inputs, and which
    /// questions it answers with a lookup.
    /// </summary>
    public delegate (Tensor Scalar, Tensor Lookup, Func<bool[]> PredictsLookup, Tensor? Extra, Tensor? Entropy) Answerer(TableBatch batch);

    /// <summary>
    /// The neural programmer as an <see cref="Answerer"/>; its <c>Extra</c> output is the logit of printing at the last
    /// step (the kind of answer it gives), trained with weight <see cref="ProgrammerTrainingOptions.KindWeight"/>.
    /// </summary>
    public static Answerer Of(NeuralProgrammer model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return batch =>
        {
            var output = model.call(batch);
            // The kind of answer is known from the answer itself (a number or cells), and the model answers with a
            // lookup when its last step prints: log α/(1 − α) of print at step T is its "lookup" logit, trained by the
            // same cross-entropy term as the baseline's (see Train).
            var print = output.Operations.select(1, output.Operations.size(1) - 1).select(1, (int)Operation.Print).clamp(1e-6f, 1f - 1e-6f);
            var logit = print.log().sub(print.rsub(1f).log());
            // The mean entropy of the step's choices (operation and column), for the commitment term of Train.
            var entropy = ChoiceEntropy(output.Operations).add(ChoiceEntropy(output.Columns));
            return (output.Scalar, output.Lookup, () => ProgrammerAnswers.PredictsLookup(output), logit, entropy);
        };
    }

    /// <summary>The entropy −Σ p log p of choices [B, T, N] (softmax rows), averaged over questions and steps.</summary>
    public static Tensor ChoiceEntropy(Tensor choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        return choices.mul(choices.clamp(min: 1e-12f).log()).sum(choices.ndim - 1).mean().neg();
    }

    /// <summary>
    /// The RNN baseline as an <see cref="Answerer"/>: its kind logit says lookup above 0, and is trained with a
    /// binary cross-entropy term (the <c>Extra</c> output).
    /// </summary>
    public static Answerer Of(RnnBaseline model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return batch =>
        {
            var (scalar, lookup, kind) = model.call(batch);
            return (scalar, lookup, () => kind.ToArray().Select(v => v > 0).ToArray(), kind, null);
        };
    }

    /// <summary>
    /// Trains <paramref name="model"/> (answering through <paramref name="answer"/>) on <paramref name="train"/>;
    /// returns the loss of every step. <paramref name="onStep"/> sees (step, loss) after each step.
    /// </summary>
    public static List<float> Train(Module model, Answerer answer, IReadOnlyList<TableQuestion> train, Vocabulary vocabulary,
                                    ProgrammerTrainingOptions options, Action<int, float>? onStep = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(options);
        if (train.Count == 0)
        {
            throw new ArgumentException("ProgrammerTraining: no training questions.", nameof(train));
        }

        model.to(options.Device);
        model.train();
        var parameters = model.parameters().ToArray();
        var optimizer = torch.optim.Adam(parameters, lr: options.LearningRate, eps: options.Epsilon);
        var order = new Generator(options.Seed);
        var noise = new GradientNoise(options.NoiseEta, new Generator(options.Seed + 1));
        var losses = new List<float>(options.Iterations);
        for (var step = 0; step < options.Iterations; step++)
        {
            var picked = Enumerable.Range(0, options.BatchSize).Select(_ => train[order.NextInt(0, train.Count)]).ToArray();
            var batch = TableBatch.From(picked, vocabulary, options.Device);
            if (model is NeuralProgrammer programmer)
            {
                programmer.straight_through = options.StraightThroughFrom >= 0 && step >= options.StraightThroughFrom;
            }

            if (options.CosineDecay)
            {
                // lr_t = lr · ½(1 + cos πt/T): large steps while the programs form, small ones at the end, so that the soft
                // choices settle on the program that evaluation runs instead of jittering around it.
                optimizer.param_groups[0].lr = options.LearningRate * 0.5 * (1 + Math.Cos(Math.PI * step / options.Iterations));
            }

            var (scalar, lookup, _, kindLogit, entropy) = answer(batch);
            var (loss, _, _) = ProgrammerLoss.Compute(scalar, lookup, batch, options.HuberDelta, options.LookupWeight, options.RelativeHuber,
                options.RelativeScale, options.SymmetricRelative);
            if (kindLogit is not null && options.KindWeight > 0)
            {
                loss = loss.add(torch.nn.functional.binary_cross_entropy_with_logits(kindLogit, batch.IsLookup).mul(options.KindWeight));
            }

            // The commitment term ramps up over the second half of training: explore first, then make the soft choices
            // the program that evaluation runs.
            var commit = options.EntropyWeight * Math.Clamp((2.0 * step / options.Iterations) - 1.0, 0.0, 1.0);
            if (entropy is not null && commit > 0)
            {
                loss = loss.add(entropy.mul((float)commit));
            }

            optimizer.zero_grad();
            loss.backward();
            if (options.NoiseAfterClip)
            {
                torch.nn.utils.clip_grad_norm_(parameters, options.ClipNorm);
                noise.Add(parameters);
            }
            else
            {
                noise.Add(parameters);
                torch.nn.utils.clip_grad_norm_(parameters, options.ClipNorm);
            }

            optimizer.step();
            var value = loss.item();
            losses.Add(value);
            onStep?.Invoke(step, value);
        }

        if (model is NeuralProgrammer trained)
        {
            trained.straight_through = false;
        }

        return losses;
    }

    /// <summary>Which of <paramref name="questions"/> the model answers right (in evaluation mode, without gradients; the mode is restored).</summary>
    public static bool[] Evaluate(Module model, Answerer answer, IReadOnlyList<TableQuestion> questions, Vocabulary vocabulary,
                                  Device? device = null, int batchSize = 100)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(questions);
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var _ = torch.no_grad();
            var right = new List<bool>(questions.Count);
            for (var start = 0; start < questions.Count; start += batchSize)
            {
                var chunk = questions.Skip(start).Take(batchSize).ToArray();
                var batch = TableBatch.From(chunk, vocabulary, device);
                var (scalar, lookup, kinds, _, _) = answer(batch);
                right.AddRange(ProgrammerAnswers.Correct(scalar, lookup, kinds(), batch));
            }

            return [.. right];
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    /// <summary>The vocabulary of a set of questions: their words and their column names' words.</summary>
    public static Vocabulary BuildVocabulary(IEnumerable<TableQuestion> questions, int minCount = 1)
    {
        ArgumentNullException.ThrowIfNull(questions);
        return Vocabulary.Build(questions.Select(q => q.Words.Concat(q.ColumnNames.SelectMany(n => n))), minCount);
    }
}
