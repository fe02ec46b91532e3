namespace Attend.Data;

/// <summary>
/// The English–French sentence pairs of PyTorch's translation tutorial (<c>eng-fra.txt</c>: 135,842 lines
/// <c>English&lt;TAB&gt;French</c>, from the Tatoeba project via manythings.org/anki, CC BY 2.0 FR).
/// <code>
/// var pairs = EngFra.Load();                                              // raw text, English first
/// var simple = EngFra.Prepare(pairs, Tokenizer.Tutorial, EngFraFilter.Tutorial);   // 10,599 pairs
/// </code>
/// The file is found by <see cref="DataLocator"/> (explicit path, <c>ATTEND_DATA</c>, <c>shared/data</c> beside
/// the repository, then <c>data/cache/</c>); with <c>download: true</c> a missing file is fetched from PyTorch's
/// <see cref="SourceUrl"/> into the cache.
/// </summary>
/// <remarks>Used in Chapter 3: translation with attention (notebooks/03-translation-with-attention.ipynb).</remarks>
public static class EngFra
{
    /// <summary>Where the file sits in a data folder: <c>eng-fra/eng-fra.txt</c>.</summary>
    public const string RelativePath = "eng-fra/eng-fra.txt";

    /// <summary>The official source: the data bundle of PyTorch's tutorials.</summary>
    public const string SourceUrl = "https://download.pytorch.org/tutorial/data.zip";

    /// <summary>The file's name inside <see cref="SourceUrl"/>.</summary>
    public const string ZipMember = "data/eng-fra.txt";

    /// <summary>The SHA-256 of the file the course uses (a download must match it).</summary>
    public const string Sha256 = "6b0f3decdb78600485b58efb541f5a2ab69ba888742ac04180e013084e40de7c";

    /// <summary>The number of pairs (lines) in the file; the tutorial prints "Read 135842 sentence pairs".</summary>
    public const int PairCount = 135_842;

    /// <summary>
    /// The path of eng-fra.txt. <paramref name="path"/> is a file or a folder holding it; without it the usual
    /// places are tried (see <see cref="DataLocator"/>), and if none has it, <paramref name="download"/> fetches it
    /// into the cache. Otherwise the error lists every place tried.
    /// </summary>
    public static string Locate(string? path = null, bool download = false) =>
        Locate(path, download, Environment.GetEnvironmentVariable(DataLocator.EnvironmentVariable),
            DataLocator.DefaultStartDirectories());

    internal static string Locate(string? path, bool download, string? dataFolder, IReadOnlyList<string> startDirectories)
    {
        var found = DataLocator.Find(RelativePath, path, dataFolder, startDirectories, out var tried);
        if (found is not null)
        {
            return found;
        }

        var cache = DataLocator.CachePath(RelativePath, startDirectories);
        if (!download)
        {
            throw new FileNotFoundException(DataLocator.NotFoundMessage(RelativePath, tried, dataFolder,
                $"Pass download: true to fetch it from {SourceUrl} (member {ZipMember}) into {cache}, " +
                $"or set {DataLocator.EnvironmentVariable} to a folder holding eng-fra/eng-fra.txt."), cache);
        }

        DatasetDownload.ZipMember(SourceUrl, ZipMember, cache, Sha256);
        return cache;
    }

    /// <summary>Reads all pairs (Source = English, Target = French); see <see cref="Locate(string?, bool)"/> for the arguments.</summary>
    public static IReadOnlyList<SentencePair> Load(string? path = null, bool download = false)
    {
        var file = Locate(path, download);
        using var reader = new StreamReader(file, System.Text.Encoding.UTF8);
        return Parse(reader, file);
    }

    /// <summary>
    /// Parses lines <c>English&lt;TAB&gt;French</c>. Empty lines are skipped; any other line without exactly two
    /// tab-separated columns is an error that names <paramref name="name"/> and the line number.
    /// </summary>
    public static IReadOnlyList<SentencePair> Parse(TextReader reader, string name = "eng-fra.txt")
    {
        ArgumentNullException.ThrowIfNull(reader);
        var pairs = new List<SentencePair>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            var columns = line.Split('\t');
            if (columns.Length != 2)
            {
                var preview = line.Length > 80 ? line[..80] + "…" : line;
                throw new FormatException(
                    $"{name} line {number}: expected 2 tab-separated columns (English<TAB>French) but found " +
                    $"{columns.Length}: \"{preview.Replace("\t", "<TAB>")}\"");
            }

            pairs.Add(new SentencePair(columns[0], columns[1], number));
        }

        return pairs;
    }

    /// <summary>
    /// Tokenizes every pair with <paramref name="tokenizer"/> and keeps those <paramref name="filter"/> accepts
    /// (all when null). The pairs must still be English → French: the filter reads the English prefixes on the
    /// source side. Swap afterwards (<see cref="TokenizedPair.Swap"/>) to translate French → English, as the
    /// tutorial does.
    /// </summary>
    public static IReadOnlyList<TokenizedPair> Prepare(IEnumerable<SentencePair> pairs, Tokenizer tokenizer,
        EngFraFilter? filter = null)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(tokenizer);
        return [.. pairs.Select(p => p.Tokenize(tokenizer)).Where(p => filter?.Keeps(p) ?? true)];
    }
}
