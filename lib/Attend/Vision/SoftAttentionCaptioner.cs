using Attend.Data;
using Attend.Modules;

namespace Attend.Vision;

/// <summary>
/// Show, Attend and Tell with soft attention (Xu et al., 2015): a <see cref="CnnEncoder"/> turns the picture into L
/// feature vectors a_1 … a_L, and an LSTM writes the caption one word at a time, looking at a different mix of
/// locations for every word:
/// <code>
/// h_0 = tanh(f_init,h(mean_i a_i)),  c_0 = tanh(f_init,c(mean_i a_i))
/// α_t = softmax_i(wᵀ tanh(W_a a_i + W_h h_{t−1}))            where to look
/// β_t = σ(f_β(h_{t−1}))                                       how much to look at all
/// z_t = β_t · Σ_i α_ti a_i                                    what is seen
/// h_t, c_t = LSTM([E y_{t−1}; z_t], (h_{t−1}, c_{t−1}))
/// p(y_t) = softmax(L_o (E y_{t−1} + L_h h_t + L_z z_t))         the "deep output"
/// </code>
/// Training adds the doubly stochastic penalty λ Σ_i (1 − Σ_t α_ti)² (<see cref="CaptionLoss"/>), which asks every
/// location to receive about one unit of attention over the whole caption.
/// </summary>
/// <remarks>
/// Chapter 4: visual attention (notebooks/04-visual-attention.ipynb). The deep output is the paper's equation 7, a
/// plain sum (the authors' code puts a tanh on it; here that slowed learning several times over). The attention is
/// a small internal module (<see cref="GridAttention"/>), not the general one of <c>Attend.Attention</c>.
/// </remarks>
public sealed class SoftAttentionCaptioner : Module<Tensor, Tensor, CaptionerOutput>
{
    private readonly CnnEncoder encoder;
    private readonly Embedding embedding;
    private readonly Linear init_h;
    private readonly Linear init_c;
    private readonly GridAttention attention;
    private readonly Linear f_beta;
    private readonly LSTMCell lstm;
    private readonly Linear out_h;
    private readonly Linear out_z;
    private readonly Linear output;

    /// <summary>
    /// Creates the captioner for a vocabulary of <paramref name="vocab_size"/> words on top of <paramref name="encoder"/>.
    /// <paramref name="dropout"/> applies before the output layer in training, as in the paper.
    /// </summary>
    public SoftAttentionCaptioner(int vocab_size, CnnEncoder encoder, int embed_dim = 64, int hidden_dim = 128, int attention_dim = 32,
                                  double dropout = 0)
        : base(nameof(SoftAttentionCaptioner))
    {
        ArgumentNullException.ThrowIfNull(encoder);
        if (vocab_size <= 0 || embed_dim <= 0 || hidden_dim <= 0 || attention_dim <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(vocab_size),
                $"SoftAttentionCaptioner: vocab_size ({vocab_size}), embed_dim ({embed_dim}), hidden_dim ({hidden_dim}) and " +
                $"attention_dim ({attention_dim}) must be positive.");
        }

        this.vocab_size = vocab_size;
        this.dropout = dropout;
        var d = encoder.feature_dim;
        this.encoder = encoder;
        embedding = new Embedding(vocab_size, embed_dim);
        // Small word vectors (as common captioning code does): N(0, 1) ones would drown the picture's features in the
        // LSTM's input and in the deep output before the model has looked at anything.
        torch.nn.init.uniform_(embedding.weight, -0.1, 0.1);
        init_h = new Linear(d, hidden_dim);
        init_c = new Linear(d, hidden_dim);
        attention = new GridAttention(d, hidden_dim, attention_dim);
        f_beta = new Linear(hidden_dim, 1);
        // The gate starts open, β ≈ σ(3) ≈ 0.95, and learns to close (as LSTM forget gates are often given a positive
        // bias): at β ≈ 0.5 the context is halved and the gate, moving with every step, adds noise to it before the
        // model has learned what to look at, which delays learning a lot here.
        torch.nn.init.constant_(f_beta.bias!, 3);
        lstm = new LSTMCell(embed_dim + d, hidden_dim);
        out_h = new Linear(hidden_dim, embed_dim);
        out_z = new Linear(d, embed_dim);
        output = new Linear(embed_dim, vocab_size);
        RegisterComponents();
    }

    /// <summary>A captioner for <see cref="ShapesCaptions"/> pictures (its vocabulary) on top of <paramref name="encoder"/>.</summary>
    public SoftAttentionCaptioner(CnnEncoder encoder, int embed_dim = 64, int hidden_dim = 128, int attention_dim = 32, double dropout = 0)
        : this(ShapesVocabulary.Count, encoder, embed_dim, hidden_dim, attention_dim, dropout)
    {
    }

    /// <summary>The number of words it can write.</summary>
    public int vocab_size { get; }

    /// <summary>The dropout probability before the output layer (training only).</summary>
    public double dropout { get; }

    /// <summary>The encoder that makes the feature grid.</summary>
    public CnnEncoder Encoder => encoder;

    /// <summary>
    /// Teacher forcing: pictures [B, C, H, W] and the caption's input tokens [B, T] (starting with &lt;bos&gt;; whole
    /// floats) → the scores of each next word [B, T, V], with the attention weights [B, T, L] and gates [B, T].
    /// </summary>
    public override CaptionerOutput forward(Tensor images, Tensor tokens) => Decode(encoder.call(images), tokens);

    /// <summary>The decoder alone, on a feature grid [B, L, D] already computed (see <see cref="forward"/>).</summary>
    public CaptionerOutput Decode(Tensor features, Tensor tokens)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(tokens);
        if (tokens.ndim != 2 || features.ndim != 3 || tokens.size(0) != features.size(0))
        {
            throw new ArgumentException(
                $"SoftAttentionCaptioner: expected features [B, L, D] and tokens [B, T] with the same B, got " +
                $"{Tensor.Format(features.shape)} and {Tensor.Format(tokens.shape)}.", nameof(tokens));
        }

        var state = Start(features);
        var words = embedding.call(tokens).unbind(1); // T × [B, E]
        var (logits, alphas, betas) = (new List<Tensor>(), new List<Tensor>(), new List<Tensor>());
        foreach (var word in words)
        {
            var step = Step(word, ref state);
            logits.Add(step.Logits);
            alphas.Add(step.Alpha);
            betas.Add(step.Beta);
        }

        return new CaptionerOutput(torch.stack(logits, 1), torch.stack(alphas, 1), torch.cat(betas, 1));
    }

    /// <summary>
    /// Writes a caption for each picture [B, C, H, W] (or one [C, H, W]) greedily, the most likely word at every
    /// step, until &lt;eos&gt; or <paramref name="max_length"/> words; with the attention map of every word.
    /// Runs without recording gradients and in evaluation mode (no dropout); the mode is restored after. Token ids 1
    /// and 2 are &lt;bos&gt; and &lt;eos&gt;, as in <see cref="ShapesVocabulary"/>; <paramref name="word"/> spells an id
    /// (<see cref="ShapesVocabulary.Word"/> by default).
    /// </summary>
    public GeneratedCaption[] Caption(Tensor images, int max_length = 20, Func<int, string>? word = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        word ??= ShapesVocabulary.Word;
        var batch = images.ndim == 3 ? images.unsqueeze(0) : images;
        var wasTraining = training;
        eval();
        try
        {
            using var _ = torch.no_grad();
            var features = encoder.call(batch);
            var (gridH, gridW) = encoder.GridShape(batch.size(2), batch.size(3));
            var b = batch.size(0);
            var state = Start(features);
            var previous = torch.full([b], ShapesVocabulary.BosId, batch.device);
            var written = Enumerable.Range(0, b).Select(_ => new List<(int Token, Tensor Alpha, float Beta)>()).ToArray();
            var done = new bool[b];
            for (var t = 0; t < max_length && done.Contains(false); t++)
            {
                var step = Step(embedding.call(previous), ref state);
                var next = step.Logits.argmax(1);
                var tokens = next.ToArray();
                var alphas = step.Alpha.reshape(b, gridH, gridW).unbind(0);
                var betas = step.Beta.ToArray();
                for (var i = 0; i < b; i++)
                {
                    if (!done[i])
                    {
                        done[i] = tokens[i] == ShapesVocabulary.EosId;
                        if (!done[i])
                        {
                            written[i].Add(((int)tokens[i], alphas[i], betas[i]));
                        }
                    }
                }

                previous = next;
            }

            return written.Select(w => new GeneratedCaption(
                w.Select(x => word(x.Token)).ToArray(),
                w.Select(x => x.Token).ToArray(),
                w.Count == 0 ? torch.zeros(0, gridH, gridW) : torch.stack(w.Select(x => x.Alpha), 0),
                w.Select(x => x.Beta).ToArray())).ToArray();
        }
        finally
        {
            train(wasTraining);
        }
    }

    /// <summary>The decoder's state between steps: the features, their attention keys, and the LSTM's (h, c).</summary>
    private record struct State(Tensor Features, Tensor Keys, Tensor H, Tensor C);

    /// <summary>h_0 and c_0 from the mean feature vector, and the attention keys W_a a_i, computed once per picture.</summary>
    private State Start(Tensor features)
    {
        var mean = features.mean(1);
        return new State(features, attention.Keys(features), init_h.call(mean).tanh(), init_c.call(mean).tanh());
    }

    /// <summary>One step of the decoder for the embedded previous word [B, E]: the next word's scores [B, V], α [B, L], β [B, 1].</summary>
    private (Tensor Logits, Tensor Alpha, Tensor Beta) Step(Tensor word, ref State state)
    {
        var (alpha, context) = attention.Attend(state.Keys, state.Features, state.H);
        var beta = f_beta.call(state.H).sigmoid();              // [B, 1]: a gate on the whole context
        var z = context.mul(beta);
        var (h, c) = lstm.call(torch.cat([word, z], 1), (state.H, state.C));
        state = state with { H = h, C = c };
        var deep = word.add(out_h.call(h)).add(out_z.call(z)); // E y_{t−1} + L_h h_t + L_z z_t
        var logits = output.call(torch.nn.functional.dropout(deep, dropout, training));
        return (logits, alpha, beta);
    }

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"vocab_size={vocab_size}, dropout={dropout}";
}
