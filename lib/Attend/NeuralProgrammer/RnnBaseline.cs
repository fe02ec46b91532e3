using Attend.Modules;

namespace Attend.NeuralProgrammer;

/// <summary>
/// The plain recurrent baseline of Chapter 9 (§9.7), in the spirit of the paper's "sequence-to-sequence" baselines:
/// no built-in operations, no row selector. A GRU reads the question into q; a second GRU, started from q, reads the
/// table row by row, each row given as Σ_j (T[i, j] / scale)·P_j with P_j the column's name vector (so it knows which
/// value is in which column). Answers: scalar = scale·w·[q; h_M]; the probability that cell (i, j) is printed,
/// σ(v·tanh(A q + B h_i + C P_j)); and a logit for "the answer is a lookup" from q.
/// </summary>
public sealed class RnnBaseline : Module<TableBatch, (Tensor Scalar, Tensor Lookup, Tensor KindLogit)>
{
    private readonly QuestionEncoder question;
    private readonly GRUCell rows;
    private readonly Linear scalar;
    private readonly Linear fromQuestion;
    private readonly Linear fromRow;
    private readonly Linear fromColumn;
    private readonly Linear cellScore;
    private readonly Linear kind;

    /// <summary>A baseline over <paramref name="vocab_size"/> words with vectors of <paramref name="hidden_size"/>; table values are divided by <paramref name="scale"/>.</summary>
    public RnnBaseline(int vocab_size, int hidden_size = 64, float scale = 100f)
        : base(nameof(RnnBaseline))
    {
        if (!(scale > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), $"RnnBaseline: scale must be positive, got {scale}.");
        }

        question = new QuestionEncoder(vocab_size, hidden_size);
        rows = new GRUCell(hidden_size, hidden_size);
        scalar = new Linear(2 * hidden_size, 1);
        fromQuestion = new Linear(hidden_size, hidden_size);
        fromRow = new Linear(hidden_size, hidden_size, bias: false);
        fromColumn = new Linear(hidden_size, hidden_size, bias: false);
        cellScore = new Linear(hidden_size, 1);
        kind = new Linear(hidden_size, 1);
        RegisterComponents();
        this.scale = scale;
    }

    /// <summary>The value scale (inputs are divided by it, the scalar output multiplied).</summary>
    public float scale { get; }

    /// <summary>The scalar answers [B], the lookup probabilities [B, M, C] and the lookup-kind logits [B].</summary>
    public override (Tensor Scalar, Tensor Lookup, Tensor KindLogit) forward(TableBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var (_, q) = question.call(batch.Words, batch.WordMask);
        var columns = question.EmbedColumns(batch.ColumnWords, batch.ColumnWordMask); // [B, C, d]
        var values = batch.Table.mul(batch.Cells).div(scale);                          // [B, M, C]
        var inputs = values.bmm(columns).unbind(1);                                     // M × [B, d]
        var keep = batch.RowMask.unbind(1);
        var h = q;
        var states = new List<Tensor>(inputs.Length);
        for (var i = 0; i < inputs.Length; i++)
        {
            var m = keep[i].unsqueeze(1);
            h = rows.call(inputs[i], h).mul(m).add(h.mul(m.rsub(1f)));
            states.Add(h);
        }

        var rowStates = torch.stack(states, 1); // [B, M, d]
        var answer = scalar.call(torch.cat([q, h], 1)).squeeze(1).mul(scale);
        var hidden = fromQuestion.call(q).unsqueeze(1).unsqueeze(2)              // [B, 1, 1, d]
            .add(fromRow.call(rowStates).unsqueeze(2))                          // [B, M, 1, d]
            .add(fromColumn.call(columns).unsqueeze(1))                         // [B, 1, C, d]
            .tanh();
        var lookup = cellScore.call(hidden).squeeze(3).sigmoid();               // [B, M, C]
        return (answer, lookup, kind.call(q).squeeze(1));
    }
}
