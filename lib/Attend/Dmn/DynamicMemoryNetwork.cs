using Attend.Babi;
using Attend.Modules;

namespace Attend.Dmn;

/// <summary>
/// DMN+ (Xiong, Merity, Socher 2016) for bAbI. Words share one embedding E [V, d] of unit variance (uniform
/// (−√3, √3), as the re-implementations; every other weight is Xavier, as the paper);
/// <see cref="InputModule"/> turns the story's sentences into fused facts F, <see cref="QuestionModule"/> the
/// question into q, <see cref="EpisodicMemory"/> runs T passes of attention over F to a memory m^T, and the
/// answer module is one linear layer over [m^T; q] scoring every vocabulary id. Dropout (the paper keeps 0.9)
/// is applied to the facts and to m^T in training.
/// <para>
/// Answers are single classes: a multi-word answer of tasks 8 (lists) and 19 (paths) is one vocabulary entry, its
/// words joined by commas (<c>n,w</c>), as <see cref="BabiVocabulary"/> encodes it, so the answer module stays a
/// linear layer and no GRU decoder is needed (the DMN papers' answer GRU over words is not implemented).
/// </para>
/// </summary>
/// <remarks>Chapter 7: dynamic memory networks (notebooks/07-dynamic-memory-networks.ipynb), §7.2–7.3.</remarks>
public sealed class DynamicMemoryNetwork : Module<BabiBatch, DmnOutput>
{
    private readonly Generator? dropoutGenerator;

    /// <summary>
    /// Creates the network described by <paramref name="options"/> on <paramref name="device"/> (CPU when null),
    /// drawing its weights from <paramref name="generator"/> and its dropout masks from
    /// <paramref name="dropoutGenerator"/> (the default generator when null).
    /// </summary>
    public DynamicMemoryNetwork(DmnOptions options, Device? device = null, Generator? generator = null, Generator? dropoutGenerator = null)
        : base(nameof(DynamicMemoryNetwork))
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.VocabularySize < 2 || options.Dim < 1 || options.Passes < 1 || options.MemorySize < 1 ||
            !(options.Dropout >= 0 && options.Dropout < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options),
                $"DMN+: VocabularySize ({options.VocabularySize}) must be at least 2, Dim ({options.Dim}), Passes ({options.Passes}) " +
                $"and MemorySize ({options.MemorySize}) positive, Dropout ({options.Dropout}) in [0, 1).");
        }

        this.options = options;
        this.dropoutGenerator = dropoutGenerator;
        embedding = DmnInit.Embedding(options.VocabularySize, options.Dim, device, generator);
        register_parameter("embedding", embedding);
        input_module = new InputModule(options.Dim, device, generator);
        question_module = new QuestionModule(options.Dim, device, generator);
        memory = new EpisodicMemory(options.Dim, options.Passes, device, generator);
        answer_weight = DmnInit.Xavier(options.VocabularySize, 2 * options.Dim, device, generator);
        answer_bias = DmnInit.Zeros(options.VocabularySize, device);
        register_module("input_module", input_module);
        register_module("question_module", question_module);
        register_module("memory", memory);
        register_parameter("answer_weight", answer_weight);
        register_parameter("answer_bias", answer_bias);
    }

    /// <summary>The architecture.</summary>
    public DmnOptions options { get; }

    /// <summary>The word embedding E [V, d], drawn uniform(−√3, √3).</summary>
    public Parameter embedding { get; }

    /// <summary>The input module (positional encoding and input fusion).</summary>
    public InputModule input_module { get; }

    /// <summary>The question module.</summary>
    public QuestionModule question_module { get; }

    /// <summary>The episodic memory.</summary>
    public EpisodicMemory memory { get; }

    /// <summary>The answer layer's weight [V, 2d].</summary>
    public Parameter answer_weight { get; }

    /// <summary>The answer layer's bias [V].</summary>
    public Parameter answer_bias { get; }

    /// <summary>The answer scores [B, V] and every pass's attention [B, M] for <paramref name="batch"/>.</summary>
    public override DmnOutput forward(BabiBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        int b = batch.Size, slots = batch.Slot, words = batch.Memory.size(2);
        if (slots > options.MemorySize)
        {
            throw new ArgumentException($"DMN+: the batch has {slots} memory slots but the model's MemorySize is {options.MemorySize}.", nameof(batch));
        }

        var lengths = new int[b * slots];
        for (var i = 0; i < b; i++)
        {
            for (var s = 0; s < slots; s++)
            {
                lengths[i * slots + s] = batch.MemoryLengths[i, s];
            }
        }

        var sentences = InputModule.Encode(batch.Memory.reshape(b * slots, words), lengths, embedding).reshape(b, slots, options.Dim);
        var facts = Dropout(input_module.Fuse(sentences, batch.MemoryMask));
        var q = question_module.Encode(torch.nn.functional.embedding(batch.Question, embedding), batch.QuestionLengths);
        var (m, attention) = memory.forward(facts, q, batch.MemoryMask);
        var logits = torch.nn.functional.linear(torch.cat([Dropout(m), q], 1), answer_weight, answer_bias);
        return new DmnOutput(logits, attention);
    }

    /// <inheritdoc/>
    protected override string ExtraRepr() => options.ToString();

    private Tensor Dropout(Tensor x) => torch.nn.functional.dropout(x, options.Dropout, training, dropoutGenerator);
}
