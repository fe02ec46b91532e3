namespace Attend.Notebooks.Documents;

/// <summary>Loads and saves notebooks by file extension: <c>.ipynb</c> (<see cref="IpynbFormat"/>) or <c>.dib</c> (<see cref="DibFormat"/>).</summary>
public static class NotebookFile
{
    /// <summary>Whether the path has a notebook extension (<c>.ipynb</c> or <c>.dib</c>).</summary>
    /// <param name="path">A file path.</param>
    /// <returns>True for notebooks.</returns>
    public static bool IsNotebook(string path) => IsIpynb(path) || IsDib(path);

    /// <summary>Whether the path ends with <c>.ipynb</c>.</summary>
    /// <param name="path">A file path.</param>
    /// <returns>True for .ipynb files.</returns>
    public static bool IsIpynb(string path) => path.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the path ends with <c>.dib</c>.</summary>
    /// <param name="path">A file path.</param>
    /// <returns>True for .dib files.</returns>
    public static bool IsDib(string path) => path.EndsWith(".dib", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads a notebook file.</summary>
    /// <param name="path">A .ipynb or .dib path.</param>
    /// <returns>The notebook.</returns>
    /// <exception cref="FormatException">The file is not a notebook, or has another extension (the message names the file).</exception>
    public static Notebook Load(string path)
    {
        var text = File.ReadAllText(path);
        try
        {
            if (IsIpynb(path))
            {
                return IpynbFormat.Read(text);
            }

            if (IsDib(path))
            {
                return DibFormat.Read(text);
            }
        }
        catch (FormatException e)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }

        throw new FormatException($"{path}: not a notebook (expected a .ipynb or .dib file)");
    }

    /// <summary>Writes a notebook file in the format its extension names (UTF-8 without byte order mark).</summary>
    /// <param name="notebook">The notebook.</param>
    /// <param name="path">A .ipynb or .dib path.</param>
    /// <exception cref="ArgumentException">The path has another extension.</exception>
    public static void Save(Notebook notebook, string path)
    {
        var text = IsIpynb(path) ? IpynbFormat.Write(notebook)
            : IsDib(path) ? DibFormat.Write(notebook)
            : throw new ArgumentException($"cannot save a notebook as '{path}': expected a .ipynb or .dib path", nameof(path));
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllText(path, text);
    }
}
