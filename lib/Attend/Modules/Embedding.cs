namespace Attend.Modules;

/// <summary>
/// A lookup table of learned vectors, as PyTorch's <c>nn.Embedding</c>: index i (a whole float) maps to row i of
/// <see cref="weight"/> [num_embeddings, embedding_dim], initialized N(0, 1). The row <see cref="padding_idx"/>, if
/// given, starts at zero and never receives a gradient, so padding tokens stay "nothing".
/// </summary>
public sealed class Embedding : Module<Tensor, Tensor>
{
    /// <summary>Creates a table of <paramref name="num_embeddings"/> vectors of size <paramref name="embedding_dim"/>.</summary>
    public Embedding(int num_embeddings, int embedding_dim, int? padding_idx = null)
        : base(nameof(Embedding))
    {
        if (num_embeddings <= 0 || embedding_dim < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(num_embeddings),
                $"Embedding: num_embeddings ({num_embeddings}) must be positive and embedding_dim ({embedding_dim}) non-negative.");
        }

        this.num_embeddings = num_embeddings;
        this.embedding_dim = embedding_dim;
        this.padding_idx = padding_idx is { } pad ? torch.nn.functional.NormalizePadding(pad, num_embeddings) : null;
        weight = new Parameter(torch.empty(num_embeddings, embedding_dim));
        torch.nn.init.normal_(weight);
        if (this.padding_idx is { } row)
        {
            using var _ = torch.no_grad();
            var values = weight.ToArray();
            Array.Clear(values, row * embedding_dim, embedding_dim);
            weight.copy_(torch.tensor(values, weight.shape));
        }

        register_parameter(nameof(weight), weight);
    }

    /// <summary>The number of rows (the vocabulary size).</summary>
    public int num_embeddings { get; }

    /// <summary>The size of each vector.</summary>
    public int embedding_dim { get; }

    /// <summary>The row that stays zero and gets no gradient (normalized to be non-negative), or null.</summary>
    public int? padding_idx { get; }

    /// <summary>The table [num_embeddings, embedding_dim].</summary>
    public Parameter weight { get; }

    /// <summary>Indices of any shape → their vectors, [..., embedding_dim].</summary>
    public override Tensor forward(Tensor input) => torch.nn.functional.embedding(input, weight, padding_idx);

    /// <inheritdoc/>
    protected override string ExtraRepr() =>
        $"{num_embeddings}, {embedding_dim}" + (padding_idx is { } pad ? $", padding_idx={pad}" : "");
}
