using Attend.Babi;
using Attend.MemN2N;
using Attend.Modules;

namespace Attend.Dmn;

/// <summary>What a dynamic memory network gives back for a batch.</summary>
/// <param name="Logits">[B, V] the answer's scores over the vocabulary.</param>
/// <param name="Attention">One [B, M] tensor per pass: the gates g_i of every fact.</param>
/// <remarks>Chapter 7: dynamic memory networks (notebooks/07-dynamic-memory-networks.ipynb).</remarks>
public sealed record DmnOutput(Tensor Logits, IReadOnlyList<Tensor> Attention);

/// <summary>
/// DMN+ (Xiong, Merity, Socher 2016) for bAbI: the input module (position-encoded sentences fused by a
/// bidirectional GRU, <see cref="InputFusion"/>), the question module (a GRU over the question's word embeddings,
/// its last state q), the <see cref="EpisodicMemory"/> (T passes of attention gate, attention GRU and untied ReLU
/// update) and the answer module, here a linear layer on [m_T; q] for bAbI's one-token answers (the paper's
/// answer GRU writes one word, which for a single step reduces to a function of m_T and q).
/// </summary>
/// <remarks>Chapter 7: dynamic memory networks (notebooks/07-dynamic-memory-networks.ipynb).</remarks>
public sealed class DynamicMemoryNetwork : Module<BabiBatch, DmnOutput>
{
    private readonly Embedding embedding;
    private readonly InputFusion fusion;
    private readonly GRUCell question;
    private readonly EpisodicMemory memory;
    private readonly Linear answer;

    /// <summary>A DMN+ over a vocabulary of <paramref name="vocabulary_size"/> with size <paramref name="dim"/> (80 in the paper) and <paramref name="passes"/> passes (3).</summary>
    public DynamicMemoryNetwork(int vocabulary_size, int dim = 80, int passes = 3, Device? device = null)
        : base(nameof(DynamicMemoryNetwork))
    {
        if (vocabulary_size < 2 || dim < 1 || passes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(vocabulary_size),
                $"DynamicMemoryNetwork: vocabulary_size ({vocabulary_size}) must be at least 2, dim ({dim}) and passes ({passes}) positive.");
        }

        this.dim = dim;
        embedding = new Embedding(vocabulary_size, dim);
        // Small word vectors, as the paper's uniform(−√3, √3)-scaled ones are for d = 80: N(0, 1) would saturate the GRUs.
        torch.nn.init.uniform_(embedding.weight, -0.1, 0.1);
        fusion = new InputFusion(dim);
        question = new GRUCell(dim, dim);
        memory = new EpisodicMemory(dim, passes);
        answer = new Linear(2 * dim, vocabulary_size);
        RegisterComponents();
        if (device is not null)
        {
            to(device);
        }
    }

    /// <summary>The size of facts, question and memory.</summary>
    public int dim { get; }

    /// <inheritdoc/>
    public override DmnOutput forward(BabiBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        int b = batch.Size, slots = batch.Slot, words = batch.Memory.size(2);
        var lengths = new int[b * slots];
        for (var i = 0; i < b; i++)
        {
            for (var s = 0; s < slots; s++)
            {
                lengths[i * slots + s] = batch.MemoryLengths[i, s];
            }
        }

        var sentences = SentenceEncoder.Encode(batch.Memory.reshape(b * slots, words), lengths, embedding.weight, SentenceEncoding.Position)
            .reshape(b, slots, dim);
        var facts = fusion.forward(sentences, batch.MemoryMask);

        // The question GRU reads the words in order; after a question's last word its state is kept.
        var q = torch.zeros([b, dim], facts.device);
        var questionWords = embedding.call(batch.Question);
        for (var j = 0; j < batch.Question.size(1); j++)
        {
            var keep = torch.tensor([.. batch.QuestionLengths.Select(l => j < l ? 1f : 0f)], [b, 1], facts.device);
            q = question.forward(questionWords.select(1, j), q).mul(keep).add(q.mul(keep.rsub(1f)));
        }

        var (m, gates) = memory.forward(facts, q, batch.MemoryMask);
        return new DmnOutput(answer.call(torch.cat([m, q], 1)), gates);
    }
}
