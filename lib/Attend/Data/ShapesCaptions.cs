namespace Attend.Data;

/// <summary>
/// A captioning dataset the library draws itself: pictures of one to three coloured shapes and digits placed in the
/// cells of a layout grid (2×2 for 32-pixel images, 3×3 for 48), each with a caption from a small grammar, e.g.
/// "a red circle left of a blue 7 above a green square", and the ground-truth box of every object, so one can
/// check that a model's attention looks at the object it is naming. Everything comes from the
/// <see cref="Generator"/> given: the same seed gives the same pictures, bit for bit.
/// <code>
/// var train = ShapesCaptions.Generate(4000, new Generator(1));
/// var test = ShapesCaptions.Generate(500, new Generator(2), split: ShapesSplit.Test); // never a training layout
/// var (images, tokens) = train.Batch([0, 1, 2, 3]);  // [4, 3, 32, 32] in [0, 1], [4, MaxTokens] ids
/// </code>
/// </summary>
/// <remarks>Chapter 4: visual attention (notebooks/04-visual-attention.ipynb).</remarks>
public sealed class ShapesCaptions
{
    private ShapesCaptions(Tensor images, Tensor tokens, IReadOnlyList<ShapesScene> scenes, int imageSize, int maxTokens)
    {
        Images = images;
        Tokens = tokens;
        Scenes = scenes;
        ImageSize = imageSize;
        MaxTokens = maxTokens;
    }

    /// <summary>Every picture, [N, 3, H, W] with values in [0, 1].</summary>
    public Tensor Images { get; }

    /// <summary>Every caption as ids, [N, <see cref="MaxTokens"/>]: &lt;bos&gt;, words, &lt;eos&gt;, then &lt;pad&gt; (whole floats).</summary>
    public Tensor Tokens { get; }

    /// <summary>Every picture's objects (with their boxes) and caption.</summary>
    public IReadOnlyList<ShapesScene> Scenes { get; }

    /// <summary>The number of pictures.</summary>
    public int Count => Scenes.Count;

    /// <summary>The side of each (square) picture in pixels.</summary>
    public int ImageSize { get; }

    /// <summary>The layout grid's side: <see cref="ImageSize"/> / 16 cells.</summary>
    public int GridSize => ImageSize / ScenePainter.Cell;

    /// <summary>The length of the longest possible caption in tokens (with &lt;bos&gt; and &lt;eos&gt;): the width of <see cref="Tokens"/>.</summary>
    public int MaxTokens { get; }

    /// <summary>Picture <paramref name="index"/>, [3, H, W] (e.g. for <c>ImageGrid.Add</c>).</summary>
    public Tensor Image(int index) => Images.select(0, index);

    /// <summary>The pictures and token rows at <paramref name="indices"/>: ([B, 3, H, W], [B, MaxTokens]).</summary>
    public (Tensor Images, Tensor Tokens) Batch(int[] indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var index = torch.tensor(indices, device: Images.device);
        return (Images.index_select(0, index), Tokens.index_select(0, index));
    }

    /// <summary>The device <see cref="Images"/> and <see cref="Tokens"/> live on.</summary>
    public Device device => Images.device;

    /// <summary>
    /// The same scenes with <see cref="Images"/> and <see cref="Tokens"/> on <paramref name="device"/> (this dataset
    /// itself when they are there already), so that batches come out where the model trains:
    /// <c>var train = ShapesCaptions.Generate(4000, new Generator(1)).to(Course.Device);</c>
    /// </summary>
    public ShapesCaptions to(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return device == Images.device ? this : new ShapesCaptions(Images.to(device), Tokens.to(device), Scenes, ImageSize, MaxTokens);
    }

    /// <summary>
    /// Draws <paramref name="count"/> scenes of <paramref name="size"/>² pixels (a multiple of 16, at least 32) with 1 to
    /// <paramref name="maxObjects"/> objects each, all from <paramref name="generator"/>, keeping only layouts that
    /// belong to <paramref name="split"/>. Each object has a uniform colour (4) and noun (13: circle, square, triangle,
    /// 0–9), a free cell of the layout, a small random shift inside its cell and a random shade.
    /// </summary>
    public static ShapesCaptions Generate(int count, Generator generator, int size = 32, ShapesSplit split = ShapesSplit.Train,
                                          int maxObjects = 3)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (count < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"ShapesCaptions.Generate: count must be non-negative, got {count}.");
        }

        if (size < 2 * ScenePainter.Cell || size % ScenePainter.Cell != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size),
                $"ShapesCaptions.Generate: size must be a multiple of {ScenePainter.Cell} of at least {2 * ScenePainter.Cell} " +
                $"(32 gives a 2×2 layout, 48 a 3×3 one), got {size}.");
        }

        var cells = (size / ScenePainter.Cell) * (size / ScenePainter.Cell);
        if (maxObjects < 1 || maxObjects > cells)
        {
            throw new ArgumentOutOfRangeException(nameof(maxObjects),
                $"ShapesCaptions.Generate: maxObjects must be between 1 and the {cells} cells of a {size}-pixel picture, got {maxObjects}.");
        }

        var maxTokens = 2 + (3 * maxObjects) + (2 * (maxObjects - 1)); // <bos> "a colour noun" per object, 2-word relations, <eos>
        var pixels = new float[count * 3 * size * size];
        var tokens = new float[count * maxTokens];
        var scenes = new ShapesScene[count];
        for (var i = 0; i < count; i++)
        {
            ShapesScene scene;
            float[] image;
            do
            {
                (scene, image) = Draw(generator, size, maxObjects);
            }
            while (SplitOf(scene) != split);

            scenes[i] = scene;
            image.CopyTo(pixels, i * image.Length);
            var ids = scene.TokenIds; // the rest of the row stays 0 = <pad>
            for (var t = 0; t < ids.Length; t++)
            {
                tokens[(i * maxTokens) + t] = ids[t];
            }
        }

        return new ShapesCaptions(torch.tensor(pixels, [count, 3, size, size]), torch.tensor(tokens, [count, maxTokens]),
                                  scenes, size, maxTokens);
    }

    /// <summary>One random scene: the layout, then the painting, then the caption in reading order.</summary>
    private static (ShapesScene Scene, float[] Image) Draw(Generator g, int size, int maxObjects)
    {
        var side = size / ScenePainter.Cell;
        var objectCount = g.NextInt(1, maxObjects + 1);

        // Distinct cells: the first objectCount of a random permutation, then sorted into reading order.
        var order = Enumerable.Range(0, side * side).ToArray();
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = g.NextInt(0, i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        var chosen = order[..objectCount].Order().ToArray();
        var painter = new ScenePainter(size);
        painter.Background(g);
        var objects = new List<SceneObject>();
        foreach (var cell in chosen)
        {
            var color = ShapesVocabulary.Colors[g.NextInt(0, ShapesVocabulary.Colors.Count)];
            var noun = ShapesVocabulary.Nouns[g.NextInt(0, ShapesVocabulary.Nouns.Count)];
            var (dx, dy) = (g.NextInt(-2, 3), g.NextInt(-1, 2));
            var shade = 0.75f + (0.25f * (float)g.NextDouble());
            var (row, column) = (cell / side, cell % side);
            var box = painter.Paint(noun, color, row, column, dx, dy, shade);
            objects.Add(new SceneObject(color, noun, row, column, box));
        }

        return (new ShapesScene(objects, Caption(objects)), painter.Pixels);
    }

    /// <summary>"a red circle left of a blue 7 above a green square": each relation links an object to the next one.</summary>
    private static string Caption(IReadOnlyList<SceneObject> objects)
    {
        var words = new List<string> { objects[0].Phrase };
        for (var i = 1; i < objects.Count; i++)
        {
            words.Add(objects[i].Row == objects[i - 1].Row ? "left of" : "above");
            words.Add(objects[i].Phrase);
        }

        return string.Join(" ", words);
    }

    /// <summary>
    /// The part a layout belongs to: a 64-bit FNV-1a hash of its key (stable across runs and machines, unlike
    /// <c>string.GetHashCode</c>), test when it is 0 modulo 5.
    /// </summary>
    private static ShapesSplit SplitOf(ShapesScene scene)
    {
        var hash = 14695981039346656037UL;
        foreach (var ch in scene.LayoutKey)
        {
            hash = (hash ^ ch) * 1099511628211UL;
        }

        return hash % 5 == 0 ? ShapesSplit.Test : ShapesSplit.Train;
    }
}
