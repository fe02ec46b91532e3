using System.Buffers.Binary;
using System.Collections;
using System.Text;
using Attend.Backends.Cpu;
using Attend.Modules;
using Attend.Serialization;

namespace Attend.Tests;

public sealed class SafeTensorsTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("attend-safetensors-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string PathOf(string name) => Path.Combine(dir, name);

    // ---- helpers ---------------------------------------------------------------------------------------

    /// <summary>A file built by hand from the spec: u64 LE header length, JSON padded with spaces to 8, data.</summary>
    private static byte[] BuildFile(string json, byte[] data)
    {
        var header = Encoding.UTF8.GetBytes(json);
        var padded = (header.Length + 7) / 8 * 8;
        var file = new byte[8 + padded + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)padded);
        header.CopyTo(file, 8);
        file.AsSpan(8 + header.Length, padded - header.Length).Fill((byte)' ');
        data.CopyTo(file, 8 + padded);
        return file;
    }

    private static byte[] F32Bytes(params float[] values)
    {
        var bytes = new byte[4 * values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), values[i]);
        }

        return bytes;
    }

    private static int[] Bits(Tensor t) => Array.ConvertAll(t.ToArray(), BitConverter.SingleToInt32Bits);

    private string[] TempFiles() => Directory.GetFiles(dir, "*.tmp-*");

    /// <summary>A tiny two-level model: y = tanh(x·w + b) · head.v (its own test module; nn layers live elsewhere).</summary>
    private sealed class Head : Module<Tensor, Tensor>
    {
        private readonly Parameter v;

        public Head(int n)
            : base()
        {
            v = new Parameter(torch.randn(n, 2));
            RegisterComponents();
        }

        public override Tensor forward(Tensor input) => input.matmul(v);
    }

    private sealed class TinyNet : Module<Tensor, Tensor>
    {
        private readonly Parameter w;
        private readonly Parameter b;
        private readonly Head head;

        public TinyNet(int inputs = 3, int hidden = 4)
            : base()
        {
            w = new Parameter(torch.randn(inputs, hidden));
            b = new Parameter(torch.randn(hidden));
            head = new Head(hidden);
            RegisterComponents();
        }

        public override Tensor forward(Tensor input) => head.call(input.matmul(w).add(b).tanh());
    }

    private static Dictionary<string, int[]> SnapshotBits(Module m) =>
        m.state_dict().ToDictionary(kv => kv.Key, kv => Bits(kv.Value));

    private static void AssertSameBits(Dictionary<string, int[]> expected, Module m)
    {
        var now = SnapshotBits(m);
        Assert.Equal(expected.Keys.Order(), now.Keys.Order());
        foreach (var (name, bits) in expected)
        {
            Assert.Equal(bits, now[name]);
        }
    }

    // ---- round trip ------------------------------------------------------------------------------------

    [Fact]
    public void RoundTripKeepsValuesBitExactShapesAndMetadata()
    {
        var nanWithPayload = BitConverter.Int32BitsToSingle(0x7FC01234);
        var tensors = new Dictionary<string, Tensor>
        {
            ["weights"] = torch.tensor([1.5f, -0f, float.PositiveInfinity, float.NegativeInfinity, nanWithPayload, float.Epsilon], [2, 3]),
            ["scalar"] = torch.tensor(42.25f),
            ["empty"] = torch.zeros(0, 4),
            ["random"] = torch.randn([2, 3, 5], new Generator(7)),
        };
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["epoch"] = "12", ["note"] = "ünïcode \"quoted\" <ok>" };
        var path = PathOf("roundtrip.safetensors");

        SafeTensors.Save(tensors, path, metadata);
        var loaded = SafeTensors.Load(path);

        Assert.Equal(tensors.Keys.Order(), loaded.Keys.Order());
        foreach (var (name, t) in tensors)
        {
            Assert.Equal(t.shape, loaded[name].shape);
            Assert.Equal(Bits(t), Bits(loaded[name]));
            Assert.False(loaded[name].requires_grad);
        }

        Assert.Equal([], loaded["scalar"].shape);
        Assert.Equal([0, 4], loaded["empty"].shape);
        Assert.Equal(metadata.OrderBy(m => m.Key), SafeTensors.ReadMetadata(path).OrderBy(m => m.Key));
        Assert.Empty(TempFiles());
    }

    [Fact]
    public void TorchSaveAndLoadRoundTrip()
    {
        var path = PathOf("t.safetensors");
        torch.save(new Dictionary<string, Tensor> { ["x"] = torch.arange(6).reshape(2, 3) }, path);
        var loaded = torch.load(path, map_location: torch.CPU);
        Assert.Equal([0f, 1, 2, 3, 4, 5], loaded["x"].ToArray());
        Assert.Equal([2, 3], loaded["x"].shape);
        Assert.Empty(SafeTensors.ReadMetadata(path));
    }

    // ---- byte-exact layout (what PyTorch's reader expects) ----------------------------------------------

    [Fact]
    public void SingleTensorFileMatchesTheSpecByteForByte()
    {
        var path = PathOf("attn.safetensors");
        SafeTensors.Save(new Dictionary<string, Tensor> { ["attn.0"] = torch.tensor([0f, 1, 2, 3, 4, 5], [1, 2, 3]) }, path);

        // Compact JSON, exactly 64 bytes long so no padding; then 6 little-endian floats.
        const string json = """{"attn.0":{"dtype":"F32","shape":[1,2,3],"data_offsets":[0,24]}}""";
        Assert.Equal(64, json.Length);
        var expected = new List<byte> { 64, 0, 0, 0, 0, 0, 0, 0 };
        expected.AddRange(Encoding.ASCII.GetBytes(json));
        expected.AddRange([0, 0, 0, 0, 0, 0, 128, 63, 0, 0, 0, 64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0, 160, 64]);
        Assert.Equal(expected.ToArray(), File.ReadAllBytes(path));
    }

    [Fact]
    public void MetadataComesFirstTensorsAreSortedByNameAndHeaderIsSpacePadded()
    {
        var path = PathOf("sorted.safetensors");
        var tensors = new Dictionary<string, Tensor>
        {
            ["b"] = torch.tensor([2f, 3f]),
            ["a"] = torch.tensor(1f),
            ["B"] = torch.zeros(0),
        };
        SafeTensors.Save(tensors, path, new Dictionary<string, string> { ["format"] = "pt" });

        // Sorted by name ("B" < "a" < "b" by byte value), offsets back to back; the header is padded to 8.
        const string json = """{"__metadata__":{"format":"pt"},"B":{"dtype":"F32","shape":[0],"data_offsets":[0,0]},"a":{"dtype":"F32","shape":[],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}""";
        var expected = BuildFile(json, F32Bytes(1f, 2f, 3f));
        Assert.Equal(expected, File.ReadAllBytes(path));
        Assert.Equal(0, (expected.Length - 12) % 8);
        Assert.Equal((byte)' ', expected[8 + json.Length]);
    }

    [Fact]
    public void EmptyDictionaryIsTheEmptyObjectPaddedToEightBytes()
    {
        var path = PathOf("empty.safetensors");
        SafeTensors.Save(new Dictionary<string, Tensor>(), path);
        Assert.Equal(new byte[] { 8, 0, 0, 0, 0, 0, 0, 0, (byte)'{', (byte)'}', 32, 32, 32, 32, 32, 32 }, File.ReadAllBytes(path));
        Assert.Empty(SafeTensors.Load(path));
    }

    // ---- reading other dtypes (as PyTorch writes them) --------------------------------------------------

    [Fact]
    public void ReadsHalfBfloatDoubleAndIntegerTensorsAsFloat32()
    {
        var data = new List<byte>();
        // F16: 1, -2, 0.5, 65504 (largest half)
        foreach (ushort h in new ushort[] { 0x3C00, 0xC000, 0x3800, 0x7BFF })
        {
            data.AddRange(BitConverter.GetBytes(h));
        }

        // BF16: 1, -2.5, 3.140625 (the top 16 bits of the float32)
        foreach (ushort h in new ushort[] { 0x3F80, 0xC020, 0x4049 })
        {
            data.AddRange(BitConverter.GetBytes(h));
        }

        // I8: -7, 5
        data.AddRange([unchecked((byte)-7), 5]);
        // F64: 0.1, -1e10
        foreach (var d in new[] { 0.1, -1e10 })
        {
            var b = new byte[8];
            BinaryPrimitives.WriteDoubleLittleEndian(b, d);
            data.AddRange(b);
        }

        // I64: -3, 0, 16777216 (2^24, still exact in float32)
        foreach (var l in new long[] { -3, 0, 16_777_216 })
        {
            var b = new byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(b, l);
            data.AddRange(b);
        }

        // I32 -5, U8 200, BOOL [1, 0, 2], I16 -300
        var i32 = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(i32, -5);
        data.AddRange(i32);
        data.Add(200);
        data.AddRange([1, 0, 2]);
        var i16 = new byte[2];
        BinaryPrimitives.WriteInt16LittleEndian(i16, -300);
        data.AddRange(i16);

        // Entries listed out of offset order on purpose: readers must go by data_offsets, not by position.
        const string json = """
            {"long":{"dtype":"I64","shape":[3],"data_offsets":[32,56]},
             "half":{"dtype":"F16","shape":[2,2],"data_offsets":[0,8]},
             "bf":{"dtype":"BF16","shape":[3],"data_offsets":[8,14]},
             "i8":{"dtype":"I8","shape":[2],"data_offsets":[14,16]},
             "double":{"dtype":"F64","shape":[2],"data_offsets":[16,32]},
             "int":{"dtype":"I32","shape":[],"data_offsets":[56,60]},
             "byte":{"dtype":"U8","shape":[1],"data_offsets":[60,61]},
             "mask":{"dtype":"BOOL","shape":[3],"data_offsets":[61,64]},
             "short":{"dtype":"I16","shape":[1],"data_offsets":[64,66]},
             "__metadata__":{"format":"pt"}}
            """;
        var path = PathOf("dtypes.safetensors");
        File.WriteAllBytes(path, BuildFile(json, data.ToArray()));

        var t = SafeTensors.Load(path);
        Assert.Equal([1f, -2f, 0.5f, 65504f], t["half"].ToArray());
        Assert.Equal([2, 2], t["half"].shape);
        Assert.Equal([1f, -2.5f, 3.140625f], t["bf"].ToArray());
        Assert.Equal([-7f, 5f], t["i8"].ToArray());
        Assert.Equal([0.1f, -1e10f], t["double"].ToArray());
        Assert.Equal([-3f, 0f, 16_777_216f], t["long"].ToArray());
        Assert.Equal(-5f, t["int"].item());
        Assert.Equal([], t["int"].shape);
        Assert.Equal([200f], t["byte"].ToArray());
        Assert.Equal([1f, 0f, 1f], t["mask"].ToArray());
        Assert.Equal([-300f], t["short"].ToArray());
        Assert.Equal("pt", SafeTensors.ReadMetadata(path)["format"]);
    }

    // ---- refusing bad files -----------------------------------------------------------------------------

    private const string Good = """{"fc.bias":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""";

    public static TheoryData<string, int, string?, string> BadHeaders => new()
    {
        // json, data bytes, tensor the message must name (null: the file as a whole), message fragment
        { """{"fc.weight":{"dtype":"F32","shape":[4,3],"data_offsets":[0,40]}}""", 40, "fc.weight", "shape [4, 3] of F32 needs 48 bytes but data_offsets span 40" },
        { """{"fc.weight":{"dtype":"F16","shape":[4,3],"data_offsets":[0,48]}}""", 48, "fc.weight", "needs 24 bytes" },
        { """{"a":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}}""", 8, "a", "reach past the end of the data buffer" },
        { """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}""", 12, "b", "overlap those of tensor 'a'" },
        { """{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}""", 12, "b", "bytes [4, 8) of the data buffer, between tensor 'a' and this one, belong to no tensor" },
        { """{"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", 8, "b", "bytes [0, 4) of the data buffer, before this tensor, belong to no tensor" },
        { """{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", 8, null, "the last 4 bytes belong to no tensor" },
        { """{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", 8, "a", "appears twice" },
        { """{"a":{"shape":[1],"data_offsets":[0,4]}}""", 4, "a", "no 'dtype'" },
        { """{"a":{"dtype":"F32","data_offsets":[0,4]}}""", 4, "a", "no 'shape'" },
        { """{"a":{"dtype":"F32","shape":[1]}}""", 4, "a", "no 'data_offsets'" },
        { """{"a":{"dtype":"F8_E4M3","shape":[4],"data_offsets":[0,4]}}""", 4, "a", "unsupported dtype \"F8_E4M3\"" },
        { """{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}""", 4, "a", "non-negative whole numbers" },
        { """{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,0]}}""", 4, "a", "end before they begin" },
        { """{"a":{"dtype":"F32","shape":[1],"data_offsets":[0]}}""", 4, "a", "must be [begin, end]" },
        { """{"a":[1,2]}""", 0, "a", "must be a JSON object" },
        { """{"__metadata__":{"epoch":3}}""", 0, null, "entry 'epoch' must be a string" },
        { """{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}""", 4, null, "not valid JSON" },
        { """[1, 2]""", 0, null, "does not start with '{'" },
    };

    [Theory]
    [MemberData(nameof(BadHeaders))]
    public void MalformedHeadersAreRefusedNamingFileAndTensor(string json, int dataBytes, string? tensor, string fragment)
    {
        var path = PathOf("bad.safetensors");
        File.WriteAllBytes(path, BuildFile(json, new byte[dataBytes]));

        var e = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path));
        Assert.StartsWith(path + ": ", e.Message);
        Assert.Contains(fragment, e.Message);
        if (tensor is not null)
        {
            Assert.Contains($"tensor '{tensor}'", e.Message);
        }

        Assert.Throws<InvalidDataException>(() => SafeTensors.ReadMetadata(path));
    }

    [Fact]
    public void TruncatedDataIsRefusedNamingTheLastTensor()
    {
        var path = PathOf("cut.safetensors");
        SafeTensors.Save(new Dictionary<string, Tensor> { ["a"] = torch.ones(3), ["z.weight"] = torch.ones(2, 2) }, path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^4]);

        var e = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("tensor 'z.weight'", e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void FilesShorterThanTheLengthFieldAreRefused(int length)
    {
        var path = PathOf("tiny.safetensors");
        File.WriteAllBytes(path, new byte[length]);
        var e = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains($"{length} bytes long", e.Message);
    }

    [Theory]
    [InlineData(1000UL, "only 8 bytes follow it")]
    [InlineData(ulong.MaxValue, "more than the 100000000-byte limit")]
    [InlineData(200_000_000UL, "more than the 100000000-byte limit")]
    public void HeaderLengthBeyondTheFileIsRefused(ulong declared, string fragment)
    {
        var bytes = BuildFile(Good, F32Bytes(1, 2));
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, declared);
        var path = PathOf("len.safetensors");
        File.WriteAllBytes(path, bytes[..16]);

        var e = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains(fragment, e.Message);
    }

    [Fact]
    public void HeaderThatIsNotUtf8IsRefused()
    {
        var bytes = BuildFile(Good, F32Bytes(1, 2));
        bytes[10] = 0xFF; // inside the first key
        var path = PathOf("utf8.safetensors");
        File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path));
        Assert.Equal($"{path}: the header is not valid UTF-8 text.", e.Message);
    }

    // ---- atomic write -----------------------------------------------------------------------------------

    [Fact]
    public void FailureWhileWritingDataLeavesThePreviousFileAndNoTempFile()
    {
        var path = PathOf("model.safetensors");
        SafeTensors.Save(new Dictionary<string, Tensor> { ["a"] = torch.ones(4) }, path);
        var before = File.ReadAllBytes(path);

        // "z" is written after "a"; its storage is gone, so reading its values fails after data was already written.
        var broken = torch.ones(1000);
        ((CpuStorage)broken.storage).Dispose();
        var tensors = new Dictionary<string, Tensor> { ["a"] = torch.zeros(4), ["z"] = broken };

        Assert.Throws<ObjectDisposedException>(() => SafeTensors.Save(tensors, path));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Empty(TempFiles());
        Assert.Equal([1f, 1, 1, 1], SafeTensors.Load(path)["a"].ToArray());
    }

    private sealed class ThrowingDictionary(Exception error) : IReadOnlyDictionary<string, Tensor>
    {
        public Tensor this[string key] => throw error;

        public IEnumerable<string> Keys => throw error;

        public IEnumerable<Tensor> Values => throw error;

        public int Count => 2;

        public bool ContainsKey(string key) => throw error;

        public bool TryGetValue(string key, out Tensor value) => throw error;

        public IEnumerator<KeyValuePair<string, Tensor>> GetEnumerator()
        {
            yield return new("a", torch.ones(2));
            throw error;
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    [Fact]
    public void FailureWhileEnumeratingLeavesThePreviousFileAndNoTempFile()
    {
        var path = PathOf("model.safetensors");
        SafeTensors.Save(new Dictionary<string, Tensor> { ["a"] = torch.ones(4) }, path);
        var before = File.ReadAllBytes(path);

        var error = new InvalidOperationException("enumeration failed");
        Assert.Same(error, Assert.Throws<InvalidOperationException>(() => SafeTensors.Save(new ThrowingDictionary(error), path)));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Empty(TempFiles());
    }

    [Fact]
    public void SavingOverADirectoryFailsWithoutLeavingTempFiles()
    {
        var path = PathOf("taken");
        Directory.CreateDirectory(path);
        Assert.ThrowsAny<IOException>(() => SafeTensors.Save(new Dictionary<string, Tensor> { ["a"] = torch.ones(1) }, path));
        Assert.True(Directory.Exists(path));
        Assert.Empty(TempFiles());
    }

    [Fact]
    public void ReservedOrNullEntriesAreRefusedBeforeTouchingTheDisk()
    {
        var path = PathOf("never.safetensors");
        Assert.Throws<ArgumentException>(() => SafeTensors.Save(new Dictionary<string, Tensor> { ["__metadata__"] = torch.ones(1) }, path));
        Assert.Throws<ArgumentException>(() => SafeTensors.Save(new Dictionary<string, Tensor> { ["a"] = null! }, path));
        Assert.False(File.Exists(path));
        Assert.Empty(Directory.GetFiles(dir));
    }

    // ---- modules ----------------------------------------------------------------------------------------

    [Fact]
    public void ModuleSaveLoadRestoresOutputsExactly()
    {
        torch.manual_seed(1);
        var trained = new TinyNet();
        torch.manual_seed(2);
        var fresh = new TinyNet();
        var x = torch.randn([5, 3], new Generator(3));
        var path = PathOf("tiny.safetensors");

        Assert.Same(trained, trained.save(path));
        Assert.NotEqual(Bits(trained.call(x)), Bits(fresh.call(x)));
        Assert.Same(fresh, fresh.load(path));

        Assert.Equal(Bits(trained.call(x)), Bits(fresh.call(x)));
        AssertSameBits(SnapshotBits(trained), fresh);
        Assert.Equal(["b", "head.v", "w"], SafeTensors.Load(path).Keys.Order());
        Assert.Equal("pt", SafeTensors.ReadMetadata(path)["format"]);
        Assert.All(fresh.parameters(), p => Assert.True(p.requires_grad));
    }

    [Fact]
    public void LoadingMismatchedShapesIsRefusedAndLeavesTheModuleUnchanged()
    {
        var path = PathOf("wide.safetensors");
        new TinyNet(inputs: 3, hidden: 5).save(path);
        var model = new TinyNet(inputs: 3, hidden: 4);
        var before = SnapshotBits(model);

        var e = Assert.Throws<InvalidDataException>(() => model.load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("'w': checkpoint shape [3, 5], model shape [3, 4]", e.Message);
        Assert.Contains("'head.v': checkpoint shape [5, 2], model shape [4, 2]", e.Message);
        Assert.DoesNotContain("(Parameter", e.Message);
        Assert.Equal($"{path}: the checkpoint does not fit this model: load_state_dict (TinyNet): 'w': checkpoint shape [3, 5], " +
            "model shape [3, 4]; 'b': checkpoint shape [5], model shape [4]; 'head.v': checkpoint shape [5, 2], model shape [4, 2].", e.Message);
        AssertSameBits(before, model);

        // strict: false still refuses a shape mismatch.
        Assert.Throws<InvalidDataException>(() => model.load(path, strict: false));
        AssertSameBits(before, model);
    }

    [Fact]
    public void MissingKeysAreRefusedWhenStrictAndSkippedOtherwise()
    {
        var source = new TinyNet();
        var state = source.state_dict();
        state.Remove("b");
        var path = PathOf("partial.safetensors");
        torch.save(state, path);
        var model = new TinyNet();
        var before = SnapshotBits(model);

        var e = Assert.Throws<InvalidDataException>(() => model.load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("missing key 'b'", e.Message);
        AssertSameBits(before, model);

        model.load(path, strict: false);
        Assert.Equal(before["b"], Bits(model.state_dict()["b"]));
        Assert.Equal(Bits(source.state_dict()["w"]), Bits(model.state_dict()["w"]));
        Assert.Equal(Bits(source.state_dict()["head.v"]), Bits(model.state_dict()["head.v"]));
    }

    [Fact]
    public void UnexpectedKeysAreRefusedWhenStrictAndIgnoredOtherwise()
    {
        var source = new TinyNet();
        var state = source.state_dict();
        state["extra.running_mean"] = torch.zeros(4);
        var path = PathOf("extra.safetensors");
        torch.save(state, path);
        var model = new TinyNet();
        var before = SnapshotBits(model);

        var e = Assert.Throws<InvalidDataException>(() => model.load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("unexpected key 'extra.running_mean'", e.Message);
        AssertSameBits(before, model);

        model.load(path, strict: false);
        AssertSameBits(SnapshotBits(source), model);
    }

    [Fact]
    public void CorruptCheckpointIsRefusedAndLeavesTheModuleUnchanged()
    {
        var path = PathOf("corrupt.safetensors");
        new TinyNet().save(path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^1]);
        var model = new TinyNet();
        var before = SnapshotBits(model);

        var e = Assert.Throws<InvalidDataException>(() => model.load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("tensor 'w'", e.Message);
        AssertSameBits(before, model);
    }
}
