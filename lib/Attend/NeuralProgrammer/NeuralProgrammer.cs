using Attend.Modules;
using static Attend.NeuralProgrammer.TableOperations;

namespace Attend.NeuralProgrammer;

/// <summary>
/// The neural programmer (Neelakantan, Le and Sutskever 2016; Chapter 9): a question RNN reads the question into q;
/// for T steps a history RNN updates h_t, soft selection picks an operation and a column from [q; h_t], and every
/// operation is run on the whole table at once, the results mixed by those weights:
/// <code>
/// scalar_t = α_op(count)·count(rs_{t−1}) + Σ_{op ∈ sum, average} α_op(op) Σ_j α_col(j) op_j(rs_{t−1})
/// rs_t     = Σ_{op ∈ greater, lesser, max, min} α_op(op) Σ_j α_col(j) op_j(…)
///          + α_op(and)·min(rs_{t−1}, rs_{t−2}) + α_op(or)·max(rs_{t−1}, rs_{t−2})
///          + α_op(first)·first(rs_{t−1}) + α_op(last)·last(rs_{t−1}) + α_op(reset)·1
///          + α_op(count, sum, average, print)·rs_{t−1}
/// lookup_t = α_op(print)·α_col ⊗ rs_{t−1}
/// </code>
/// with rs_0 = rs_{−1} = every row. The answer is scalar_T or lookup_T. Nothing is discrete, so the whole program is
/// learned by gradient descent from question–answer pairs alone.
/// </summary>
/// <remarks>
/// Unlike the paper, where the row selector of a scalar or print step is 0, such a step keeps the rows it was given
/// (rs_t gets α_op(count, sum, average, print)·rs_{t−1}). With the paper's 0, a soft blend that mixes an answer
/// operation into an early step only scales the selection down, which average (a ratio) does not notice, while the
/// hard program run at test time then averages over no rows: the chapter's runs learned exactly such programs
/// (reset → average answered by average, average, …, average: right soft, 0 hard). The history
/// input is c_t = [α_op·U ; α_col·P]; parameters start uniform in ±0.1 (the authors' code). The column scores get
/// w·match(question, column name) added (<see cref="TableBatch.ColumnMatch"/>, w learned), after the ICLR 2017
/// version's word-match features: without it, matching a question word to a column name had to be learned through
/// the embeddings alone, and on a CPU budget it was not. With question attention, the columns named at the words the
/// step attends to get w'·Σ_k γ_k match(k, j) besides (<see cref="TableBatch.WordColumnMatch"/>): "the sum of height
/// where weight is above 60" names two columns, and only where the step looks tells the sum's from the condition's. greater and lesser compare with every question number and
/// mix the results by the pivot attention (<see cref="TableOperations.Greater(Tensor, Tensor, Tensor, Tensor)"/>), so
/// the attention gets a gradient. Each step also attends over the question (the authors' code), and evaluation mode
/// runs the arg-max program (<see cref="hard_at_eval"/>). Operations: see
/// <see cref="Operation"/>. Move it with <see cref="Module.to"/>; it runs on its parameters' device.
/// </remarks>
public sealed class NeuralProgrammer : Module<TableBatch, ProgrammerOutput>
{
    private readonly QuestionEncoder question;
    private readonly HistoryRnn history;
    private readonly SoftSelection selectOperation;
    private readonly SoftSelection selectColumn;
    private readonly PivotAttention pivots;
    private readonly Parameter operationKeys;
    private readonly Parameter matchWeight;
    private readonly Parameter attendedMatchWeight;

    /// <summary>
    /// A programmer for questions over <paramref name="vocab_size"/> words, with vectors of size
    /// <paramref name="hidden_size"/> and <paramref name="steps"/> steps. With <paramref name="question_attention"/>
    /// every step also attends over the question's words with h_t as the query, and the choices read
    /// z_t = [q; attention_t; h_t] (as the authors' code); without it z_t = [q; h_t]. With
    /// <paramref name="column_given_operation"/> the column choice also reads the step's operation choice,
    /// [z_t; α_op·U] (the authors' code: which column a step needs depends on what it does with it). See
    /// <see cref="answer_steps_keep_rows"/> for <paramref name="answer_steps_keep_rows"/> and <see cref="column_attention"/>
    /// for <paramref name="column_attention"/>.
    /// </summary>
    public NeuralProgrammer(int vocab_size, int hidden_size = 256, int steps = 4, bool question_attention = true,
                            bool column_given_operation = true, bool answer_steps_keep_rows = true, bool column_attention = true)
        : base(nameof(NeuralProgrammer))
    {
        if (steps <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(steps), $"NeuralProgrammer: steps must be positive, got {steps}.");
        }

        var input = (question_attention ? 3 : 2) * hidden_size;
        question = new QuestionEncoder(vocab_size, hidden_size);
        history = new HistoryRnn(hidden_size);
        selectOperation = new SoftSelection(hidden_size, input);
        selectColumn = new SoftSelection(hidden_size, column_given_operation ? input + hidden_size : input);
        pivots = new PivotAttention(hidden_size);
        operationKeys = new Parameter(torch.zeros(Operations.Count, hidden_size));
        matchWeight = new Parameter(torch.zeros(1));
        attendedMatchWeight = new Parameter(torch.zeros(1));
        RegisterComponents();
        this.steps = steps;
        this.hidden_size = hidden_size;
        this.question_attention = question_attention;
        this.column_given_operation = column_given_operation;
        this.answer_steps_keep_rows = answer_steps_keep_rows;
        this.column_attention = column_attention;
        foreach (var p in parameters())
        {
            torch.nn.init.uniform_(p, -0.1, 0.1);
        }
    }

    /// <summary>
    /// Whether a step that answers (count, sum, average, print) passes its rows on, rs_t += α_op(answer)·rs_{t−1} (true,
    /// the default), or selects nothing, as in the paper (false). Keeping them makes an answering step in the middle of a
    /// program a no-op, so that short programs fill the T steps ("greater → count → count → count"); selecting nothing
    /// makes every step before the last one select rows ("greater → greater → greater → count").
    /// </summary>
    public bool answer_steps_keep_rows { get; }

    /// <summary>
    /// Whether the column choice attends over the question with its own query, tanh(W_col [z_t; α_op·U]), and adds the
    /// name match at the words it attends to (true, the default); otherwise the match is taken where the step's
    /// question attention (query h_t) looks. Needs <see cref="question_attention"/>.
    /// </summary>
    public bool column_attention { get; }

    /// <summary>Whether the column choice reads the step's operation choice (see the constructor).</summary>
    public bool column_given_operation { get; }

    /// <summary>Whether each step attends over the question's words (see the constructor).</summary>
    public bool question_attention { get; }

    /// <summary>
    /// Whether evaluation mode (after <see cref="Module.eval"/>) runs the program with hard choices: at every step the
    /// most likely operation and column, and for greater/lesser the most likely question number, each with weight 1
    /// (the authors' code does this at test time). True by default; <see cref="ProgrammerOutput.Operations"/> and
    /// <see cref="ProgrammerOutput.Columns"/> still report the soft distributions the choices were taken from.
    /// </summary>
    public bool hard_at_eval { get; set; } = true;

    /// <summary>
    /// Whether training mode runs the hard program forward and passes the gradient back as if it were soft (the
    /// straight-through estimator, Bengio, Léonard and Courville 2013): every choice is one-hot(arg max α) + α − α with
    /// the second α detached, so the loss is that of the program evaluation runs, and its gradient with respect to α_k
    /// is still what operation k's result would change. Off by default; the training recipe turns it on for the last
    /// updates (<see cref="Recipes.ProgrammerTrainingOptions.StraightThroughFrom"/>), so that a program that is right
    /// only as a soft blend is corrected before it is run hard.
    /// </summary>
    public bool straight_through { get; set; }

    /// <summary>The number of steps T.</summary>
    public int steps { get; }

    /// <summary>The size of every vector.</summary>
    public int hidden_size { get; }

    /// <summary>Runs the T steps on <paramref name="batch"/> (its tensors must be on the model's device).</summary>
    public override ProgrammerOutput forward(TableBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var hard = hard_at_eval && !training;
        var straight = straight_through && training;
        var (states, q) = question.call(batch.Words, batch.WordMask);
        var columns = question.EmbedColumns(batch.ColumnWords, batch.ColumnWordMask); // P [B, C, d]
        var beta = pivots.Weights(states, batch); // [B, 2, K]: which number greater (row 0) and lesser (row 1) compare with
        if (hard)
        {
            beta = OneHot(beta);
        }
        else if (straight)
        {
            beta = StraightThrough(beta);
        }

        // The comparisons do not depend on the step: compute them once, against every question number, mixed by β.
        var greater = Greater(batch.Table, batch.Cells, batch.Numbers, beta.select(1, 0));
        var lesser = Lesser(batch.Table, batch.Cells, batch.Numbers, beta.select(1, 1));
        var wordScoreMask = batch.WordMask.eq(0f); // padding words get no attention

        var b = batch.Count;
        var h = torch.zeros([b, hidden_size], q.device);
        var choice = torch.zeros([b, 2 * hidden_size], q.device);
        Tensor rs1 = batch.RowMask, rs2 = batch.RowMask;
        var (ops, cols, rows) = (new List<Tensor>(), new List<Tensor>(), new List<Tensor>());
        Tensor scalar = null!, lookup = null!;
        for (var t = 0; t < steps; t++)
        {
            h = history.call(choice, h);
            Tensor z;
            var columnBias = batch.ColumnMatch.mul(matchWeight);
            if (question_attention)
            {
                // Attention over the question's words with the history as the query: which part of the question this step is about.
                var weights = states.bmm(h.unsqueeze(2)).squeeze(2).masked_fill(wordScoreMask, -1e9f).softmax(1); // [B, Q]
                var context = weights.unsqueeze(1).bmm(states).squeeze(1);                                         // [B, d]
                z = torch.cat([q, context, h], 1);
                if (!column_attention)
                {
                    // The columns named where this step attends get w'·Σ_k γ_k match(k, j) on top of the question-wide match.
                    columnBias = columnBias.add(weights.unsqueeze(1).bmm(batch.WordColumnMatch).squeeze(1).mul(attendedMatchWeight));
                }
            }
            else
            {
                z = torch.cat([q, h], 1);
            }

            var softOp = selectOperation.forward(z, operationKeys);
            var zColumn = column_given_operation ? torch.cat([z, softOp.matmul(operationKeys)], 1) : z;
            var columnQuery = selectColumn.Query(zColumn); // [B, d]
            if (question_attention && column_attention)
            {
                // The column choice attends over the question with its own query: the columns named where it looks get
                // w'·Σ_k γ'_k match(k, j). The step's attention (query h_t) looks for what to do ("sum of"), and the
                // column is often named a word or two away ("sum of rank where weight …").
                var columnWords = states.bmm(columnQuery.unsqueeze(2)).squeeze(2).masked_fill(wordScoreMask, -1e9f).softmax(1); // [B, Q]
                columnBias = columnBias.add(columnWords.unsqueeze(1).bmm(batch.WordColumnMatch).squeeze(1).mul(attendedMatchWeight));
            }

            var softCol = selectColumn.Select(columnQuery, columns, batch.ColumnMask, columnBias);
            var aOp = hard ? OneHot(softOp) : straight ? StraightThrough(softOp) : softOp;
            var aCol = hard ? OneHot(softCol) : straight ? StraightThrough(softCol) : softCol;
            Tensor Op(Operation o) => aOp.select(1, (int)o).unsqueeze(1);           // [B, 1]
            Tensor ByColumn(Tensor perColumn) => perColumn.mul(aCol.unsqueeze(1)).sum(2); // [B, M, C] → [B, M]
            Tensor Pick(Tensor perColumn) => perColumn.mul(aCol).sum(1, keepdim: true);   // [B, C] → [B, 1]

            scalar = Op(Operation.Count).mul(Count(rs1).unsqueeze(1))
                .add(Op(Operation.Sum).mul(Pick(Sum(batch.Table, batch.Cells, rs1))))
                .add(Op(Operation.Average).mul(Pick(Average(batch.Table, batch.Cells, rs1))))
                .squeeze(1);
            lookup = Print(rs1, aCol).mul(Op(Operation.Print).unsqueeze(2));
            var rs = Op(Operation.Greater).mul(ByColumn(greater))
                .add(Op(Operation.Lesser).mul(ByColumn(lesser)))
                .add(Op(Operation.And).mul(And(rs1, rs2)))
                .add(Op(Operation.Or).mul(Or(rs1, rs2)))
                .add(Op(Operation.Max).mul(ByColumn(Max(batch.Table, batch.Cells, rs1))))
                .add(Op(Operation.Min).mul(ByColumn(Min(batch.Table, batch.Cells, rs1))))
                .add(Op(Operation.First).mul(First(rs1)))
                .add(Op(Operation.Last).mul(Last(rs1)))
                .add(Op(Operation.Reset).mul(Reset(batch.RowMask)));
            if (answer_steps_keep_rows)
            {
                rs = rs.add(Op(Operation.Count).add(Op(Operation.Sum)).add(Op(Operation.Average)).add(Op(Operation.Print)).mul(rs1));
            }

            choice = torch.cat([aOp.matmul(operationKeys), aCol.unsqueeze(1).bmm(columns).squeeze(1)], 1);
            (rs2, rs1) = (rs1, rs);
            ops.Add(softOp);
            cols.Add(softCol);
            rows.Add(rs);
        }

        var pivotValues = beta.mul(batch.Numbers.unsqueeze(1)).sum(2); // [B, 2], for display
        return new ProgrammerOutput(torch.stack(ops, 1), torch.stack(cols, 1), torch.stack(rows, 1), scalar, lookup, pivotValues);
    }

    /// <summary>One-hot forward, the identity backward: one_hot(p) − p.detach() + p.</summary>
    private static Tensor StraightThrough(Tensor probabilities) => OneHot(probabilities).sub(probabilities.detach()).add(probabilities);

    /// <summary>1 at the largest entry along the last axis (the first, on ties), 0 elsewhere.</summary>
    private static Tensor OneHot(Tensor probabilities) =>
        torch.one_hot(probabilities.argmax(probabilities.ndim - 1), probabilities.size(probabilities.ndim - 1)).to(probabilities.device);
}
