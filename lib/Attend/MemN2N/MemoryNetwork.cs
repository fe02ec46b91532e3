using Attend.Babi;
using Attend.Modules;

namespace Attend.MemN2N;

/// <summary>
/// End-to-end memory network (Sukhbaatar, Szlam, Weston, Fergus 2015) for bAbI: the question, embedded as
/// u^1 = Σ_j B q_j, reads the memory of sentences K times (<see cref="MemoryHop"/>), each hop adding what it read,
/// u^{k+1} = u^k + o^k (layer-wise tying: H u^k + o^k), and the answer is â = softmax(W u^{K+1}):
/// <code>
/// m_i^k = Σ_j l_j ∘ A^k x_ij + T_A^k(i)       memory vectors to match (PE; bag of words: l_j = 1)
/// c_i^k = Σ_j l_j ∘ C^k x_ij + T_C^k(i)       memory vectors to read
/// p^k   = softmax(u^kᵀ m^k),  o^k = Σ_i p_i^k c_i^k
/// </code>
/// T(i) is the temporal encoding of slot i's age (0 = most recent). Every weight starts N(0, 0.1), as the paper.
/// With adjacent tying the embeddings are K + 1 matrices E_0 … E_K: A^k = E_{k−1}, C^k = E_k, B = E_0, W = E_Kᵀ.
/// Set <see cref="linear"/> for linear start (softmaxes of the hops removed). The attention p^k of every hop is
/// returned with the logits.
/// </summary>
/// <remarks>Chapter 6: end-to-end memory networks (notebooks/06-end-to-end-memory-networks.ipynb), §6.2–6.4.</remarks>
public sealed class MemoryNetwork : Module<BabiBatch, MemN2NOutput>
{
    // Adjacent: K + 1 word tables and K + 1 temporal tables. Layer-wise: A, C, B, W and T_A, T_C, plus H.
    private readonly Parameter[] embeddings;
    private readonly Parameter[] temporal;
    private readonly Parameter? h;

    /// <summary>
    /// Creates the network described by <paramref name="options"/> on <paramref name="device"/> (CPU when null),
    /// drawing its N(0, 0.1) weights from <paramref name="generator"/> (the default generator when null).
    /// </summary>
    public MemoryNetwork(MemN2NOptions options, Device? device = null, Generator? generator = null)
        : base(nameof(MemoryNetwork))
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.VocabularySize < 2 || options.Dim < 1 || options.Hops < 1 || options.MemorySize < 1 || options.PositionLength < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options),
                $"MemN2N: VocabularySize ({options.VocabularySize}) must be at least 2, Dim ({options.Dim}), Hops ({options.Hops}) " +
                $"MemorySize ({options.MemorySize}) and PositionLength ({options.PositionLength}) positive.");
        }

        this.options = options;
        var tables = options.Tying == WeightTying.Adjacent ? options.Hops + 1 : 4;   // layer-wise: B, A, C, W
        var times = options.Tying == WeightTying.Adjacent ? options.Hops + 1 : 2;    // layer-wise: T_A, T_C
        embeddings = [.. Enumerable.Range(0, tables).Select(_ => Normal([options.VocabularySize, options.Dim], device, generator))];
        temporal = options.Temporal
            ? [.. Enumerable.Range(0, times).Select(_ => Normal([options.MemorySize, options.Dim], device, generator))]
            : [];
        for (var i = 0; i < embeddings.Length; i++)
        {
            register_parameter($"embedding{i}", embeddings[i]);
        }

        for (var i = 0; i < temporal.Length; i++)
        {
            register_parameter($"temporal{i}", temporal[i]);
        }

        if (options.Tying == WeightTying.LayerWise)
        {
            h = Normal([options.Dim, options.Dim], device, generator);
            register_parameter("H", h);
        }
    }

    /// <summary>The architecture.</summary>
    public MemN2NOptions options { get; }

    /// <summary>Linear start: when true the hops' softmaxes are removed (the answer's softmax stays, in the loss).</summary>
    public bool linear { get; set; }

    /// <summary>The answer scores [B, V] and each hop's attention [B, M] for <paramref name="batch"/>.</summary>
    public override MemN2NOutput forward(BabiBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        int b = batch.Size, slots = batch.Slot, words = batch.Memory.size(2);
        if (slots > options.MemorySize)
        {
            throw new ArgumentException(
                $"MemN2N: the batch has {slots} memory slots but the model's MemorySize is {options.MemorySize}.", nameof(batch));
        }

        var memoryIds = batch.Memory.reshape(b * slots, words);
        var lengths = new int[b * slots];
        for (var i = 0; i < b; i++)
        {
            for (var m = 0; m < slots; m++)
            {
                lengths[i * slots + m] = batch.MemoryLengths[i, m];
            }
        }

        // The word weights of the memory's sentences, built once and shared by every hop's table.
        var fixedLength = options.Encoding == SentenceEncoding.Position ? options.PositionLength : null;
        var memoryWeights = SentenceEncoder.Weights(memoryIds, lengths, options.VocabularySize, options.Encoding, fixedLength, options.Dim);

        // The memory's vectors through each of the given tables, Σ_j l_j ∘ E_t x_ij + T_t(age): [B, M, d] per table.
        // All tables are encoded in one lookup of [V, T·d] (one gather and one batched product instead of T; the
        // backward of the concatenation hands each table its own columns' gradient).
        Tensor[] Memories(Parameter[] tables, Parameter[] times)
        {
            var all = SentenceEncoder.Apply(memoryIds, memoryWeights, tables.Length == 1 ? tables[0] : torch.cat(tables, 1),
                options.Encoding, options.Dim).reshape(b, slots, tables.Length * options.Dim);
            if (times.Length > 0)
            {
                var time = torch.nn.functional.embedding(batch.Time, times.Length == 1 ? times[0] : torch.cat(times, 1));
                all = all.add(fixedLength is { } j ? time.mul(TimeWeights(j, times.Length)) : time);
            }

            return tables.Length == 1 ? [all] : [.. Enumerable.Range(0, tables.Length).Select(t => all.narrow(2, t * options.Dim, options.Dim))];
        }

        var attention = new List<Tensor>(options.Hops);
        var u = SentenceEncoder.Encode(batch.Question, batch.QuestionLengths, embeddings[0], options.Encoding, fixedLength);

        // The authors' code keeps every memory at its full size: the unused slots are zero vectors still in the softmax.
        var empty = options.EmptySlotsInSoftmax ? batch.MemoryMask.sum(1).neg().add(options.MemorySize) : null;
        Tensor answerTable;
        if (options.Tying == WeightTying.Adjacent)
        {
            // Memory t is read through E_t: hop k matches against memory k − 1 and reads memory k (A^{k+1} = C^k).
            var memories = Memories(embeddings, temporal);
            for (var k = 1; k <= options.Hops; k++)
            {
                var (o, p) = MemoryHop.Read(u, memories[k - 1], memories[k], batch.MemoryMask, softmax: !linear, emptySlots: empty);
                attention.Add(p);
                u = u.add(o);
            }

            answerTable = embeddings[^1];
        }
        else
        {
            var memories = Memories([embeddings[1], embeddings[2]], temporal);
            for (var k = 1; k <= options.Hops; k++)
            {
                var (o, p) = MemoryHop.Read(u, memories[0], memories[1], batch.MemoryMask, softmax: !linear, emptySlots: empty);
                attention.Add(p);
                u = u.matmul(h!.t()).add(o); // u^{k+1} = H u^k + o^k
            }

            answerTable = embeddings[3];
        }

        return new MemN2NOutput(u.matmul(answerTable.t()), attention);
    }

    // The authors' code adds time as a word in position J, so its vector is weighted by the encoding's last column:
    // l_kJ for k = 1…d, repeated for each of the `tables` tables side by side.
    private Tensor TimeWeights(int length, int tables)
    {
        var column = new float[tables * options.Dim];
        for (var i = 0; i < column.Length; i++)
        {
            var k = (i % options.Dim) + 1;
            column[i] = PositionEncoding.FixedA(length, length, options.Dim) + ((float)k / options.Dim * PositionEncoding.FixedB(length, length));
        }

        return torch.tensor(column, [column.Length], embeddings[0].device);
    }

    /// <inheritdoc/>
    protected override string ExtraRepr() => options.ToString() + (linear ? ", linear start" : "");

    private static Parameter Normal(int[] shape, Device? device, Generator? generator) =>
        new(torch.randn(shape, generator, device).mul(0.1f));
}
