using Attend.Modules;

namespace Attend.NeuralProgrammer;

/// <summary>
/// The question RNN (Chapter 9, §9.3): word vectors read left to right by a GRU; the last real word's state is the
/// question vector q, and the state at every word is kept for the pivot attention. The same word vectors embed the
/// column names (a column's vector is the mean of its name's words), so a question word and the column it names
/// start close in meaning only as far as training puts them there.
/// </summary>
/// <remarks>The paper's question RNN is a plain tanh RNN; a GRU is used here because it learns reliably from the first run.</remarks>
public sealed class QuestionEncoder : Module<Tensor, Tensor, (Tensor States, Tensor Question)>
{
    private readonly Embedding embedding;
    private readonly GRUCell rnn;

    /// <summary>Creates an encoder for <paramref name="vocab_size"/> words and vectors of size <paramref name="hidden_size"/>.</summary>
    public QuestionEncoder(int vocab_size, int hidden_size)
        : base(nameof(QuestionEncoder))
    {
        if (vocab_size <= 0 || hidden_size <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(vocab_size),
                $"QuestionEncoder: vocab_size ({vocab_size}) and hidden_size ({hidden_size}) must be positive.");
        }

        embedding = new Embedding(vocab_size, hidden_size);
        rnn = new GRUCell(hidden_size, hidden_size);
        hidden_size_ = hidden_size;
        RegisterComponents();
    }

    private readonly int hidden_size_;

    /// <summary>The size of the word vectors and of the states.</summary>
    public int hidden_size => hidden_size_;

    /// <summary>Word vectors for ids of any shape [..] → [.., hidden].</summary>
    public Tensor Embed(Tensor ids) => embedding.call(ids);

    /// <summary>
    /// Words [B, Q] (ids) and their mask [B, Q] → the state after every word [B, Q, hidden] and the question vector
    /// [B, hidden] (the state after the last real word: padding words leave the state unchanged).
    /// </summary>
    public override (Tensor States, Tensor Question) forward(Tensor words, Tensor mask)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(mask);
        if (words.ndim != 2 || !mask.shape.SequenceEqual(words.shape))
        {
            throw new ArgumentException(
                $"QuestionEncoder: expected words [B, Q] and a mask of the same shape, got {Tensor.Format(words.shape)} and {Tensor.Format(mask.shape)}.",
                nameof(mask));
        }

        // The inputs' share of every gate for all words in one product (x·W_ihᵀ + b_ih, [B, Q, 3H]) before the loop, as
        // cuDNN and PyTorch's nn.GRU do: one [B·Q, d] × [d, 3H] GEMM, and one for its weight gradient in the backward,
        // instead of Q small ones each way. The recurrence is one recorded op (MaskedGruSequence), whose backward forms
        // W_hh's gradient with one product too.
        // When the vocabulary has fewer words than the batch has word slots (the synthetic tables: ~60 words, 20 × 18
        // slots), project the vocabulary instead and pick its rows: E[w]·W_ihᵀ + b_ih = (E·W_ihᵀ + b_ih)[w], the same
        // values with V rows in the product, forward and in both gradient products, instead of B·Q. A large vocabulary
        // (WikiTableQuestions) projects the words as before.
        var inputGates = embedding.weight.size(0) < words.size(0) * words.size(1)
            ? torch.nn.functional.embedding(words, torch.nn.functional.linear(embedding.weight, rnn.weight_ih, rnn.bias_ih))
            : torch.nn.functional.linear(embedding.call(words), rnn.weight_ih, rnn.bias_ih);
        var states = MaskedGruSequence.Run(inputGates, mask, rnn.weight_hh, rnn.bias_hh);
        // Padding words leave the state as it was, so the state at the last position is the one after the last real word.
        return (states, states.select(1, words.size(1) - 1));
    }

    /// <summary>Column vectors [B, C, hidden]: the mean word vector of each column's name (ids [B, C, L], mask [B, C, L]).</summary>
    public Tensor EmbedColumns(Tensor columnWords, Tensor columnWordMask)
    {
        ArgumentNullException.ThrowIfNull(columnWords);
        ArgumentNullException.ThrowIfNull(columnWordMask);
        if (columnWords.ndim != 3 || !columnWordMask.shape.SequenceEqual(columnWords.shape))
        {
            throw new ArgumentException(
                $"QuestionEncoder: expected column words [B, C, L] and a mask of the same shape, got {Tensor.Format(columnWords.shape)} " +
                $"and {Tensor.Format(columnWordMask.shape)}.", nameof(columnWordMask));
        }

        var sum = embedding.call(columnWords).mul(columnWordMask.unsqueeze(3)).sum(2);
        return sum.div(columnWordMask.sum(2, keepdim: true).clamp(min: 1f));
    }
}
