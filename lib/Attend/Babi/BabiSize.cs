namespace Attend.Babi;

/// <summary>
/// Which of the two English training sets of bAbI v1.2: 1,000 questions a task (<c>en/</c>) or 10,000
/// (<c>en-10k/</c>). Both share the same 1,000 test questions a task.
/// </summary>
/// <remarks>Chapter 6: end-to-end memory networks (notebooks/06-end-to-end-memory-networks.ipynb), §6.1.</remarks>
public enum BabiSize
{
    /// <summary>1,000 training questions a task: the folder <c>en/</c>, the papers' "1k".</summary>
    OneK,

    /// <summary>10,000 training questions a task: the folder <c>en-10k/</c>, the papers' "10k".</summary>
    TenK,
}

/// <summary>The training or the test file of a task.</summary>
/// <remarks>Chapter 6, §6.1.</remarks>
public enum BabiPart
{
    /// <summary>The <c>_train.txt</c> file (the validation split is carved out of it: <see cref="BabiData.SplitValidation"/>).</summary>
    Train,

    /// <summary>The <c>_test.txt</c> file.</summary>
    Test,
}
