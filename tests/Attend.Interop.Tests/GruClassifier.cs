using Attend.Modules;
using TT = TorchSharp.torch;
using TTensor = TorchSharp.torch.Tensor;

namespace Attend.Interop.Tests;

/// <summary>
/// A small chapter-style model to carry out of the course: embedding → bidirectional GRU → linear on both final
/// states, trained to tell which third of the vocabulary a sequence starts with (the backward direction reads the
/// first token last).
/// </summary>
internal sealed class GruClassifier : Module<Tensor, Tensor>
{
    public const int Vocabulary = 9;
    public const int Width = 8;
    public const int Hidden = 12;
    public const int Classes = 3;
    public const int Length = 6;

    private readonly Embedding embedding;
    private readonly GRU gru;
    private readonly Linear output;

    public GruClassifier()
        : base(nameof(GruClassifier))
    {
        embedding = new Embedding(Vocabulary, Width);
        gru = new GRU(Width, Hidden, batch_first: true, bidirectional: true);
        output = new Linear(2 * Hidden, Classes);
        RegisterComponents();
    }

    /// <summary>Logits [B, Classes] for token ids [B, Length].</summary>
    public override Tensor forward(Tensor tokens)
    {
        var (_, last) = gru.call(embedding.call(tokens));      // last: [2 directions, B, Hidden]
        return output.call(torch.cat([last[0], last[1]], 1));
    }

    /// <summary>Random sequences and their labels: the class of the first token.</summary>
    public static (Tensor Tokens, Tensor Labels) Batch(int size, Generator generator)
    {
        var tokens = torch.randint(0, Vocabulary, [size, Length], generator);
        var labels = torch.tensor(tokens[.., 0].contiguous().ToArray().Select(t => (float)((int)t / (Vocabulary / Classes))).ToArray());
        return (tokens, labels);
    }

    /// <summary>Trains from <paramref name="seed"/> with Adam; returns the model and each step's loss.</summary>
    public static (GruClassifier Model, float[] Losses) Train(int seed, int steps)
    {
        var generator = new Generator(seed);
        var model = new GruClassifier();
        using (torch.no_grad())
        {
            foreach (var p in model.parameters())
            {
                p.copy_((torch.rand(p.shape, generator) - 0.5f) * 0.6f);   // the test's own draws, not the global generator
            }
        }

        var optimizer = torch.optim.Adam(model.parameters(), lr: 0.03);
        var losses = new float[steps];
        for (var step = 0; step < steps; step++)
        {
            var (tokens, labels) = Batch(32, generator);
            var loss = torch.nn.functional.cross_entropy(model.call(tokens), labels);
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            losses[step] = loss.item();
        }

        model.eval();
        return (model, losses);
    }
}

/// <summary>The same model written with TorchSharp: the field names are the parameter names' prefixes.</summary>
internal sealed class TorchSharpGruClassifier : TT.nn.Module<TTensor, TTensor>
{
    private readonly TorchSharp.Modules.Embedding embedding;
    private readonly TorchSharp.Modules.GRU gru;
    private readonly TorchSharp.Modules.Linear output;

    public TorchSharpGruClassifier(int vocabulary, int width, int hidden, int classes)
        : base(nameof(TorchSharpGruClassifier))
    {
        embedding = TT.nn.Embedding(vocabulary, width);
        gru = TT.nn.GRU(width, hidden, batchFirst: true, bidirectional: true);
        output = TT.nn.Linear(2 * hidden, classes);
        RegisterComponents();
    }

    public override TTensor forward(TTensor tokens)
    {
        var (_, last) = gru.forward(embedding.forward(tokens));
        return output.forward(TT.cat([last[0], last[1]], 1));
    }
}
