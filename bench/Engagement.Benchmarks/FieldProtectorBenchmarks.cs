using BenchmarkDotNet.Attributes;
using Engagement.Local.Security;

namespace Engagement.Benchmarks;

/// <summary>
/// The field protector on a stored value of typical size (a 1.6 KB profile JSON, a 6 KB rendered email): encrypt
/// (AES-256-GCM, nonce, base64, prefix) and decrypt, to read beside the end-to-end figures of <c>ingest --encryption compare</c>.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class FieldProtectorBenchmarks : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("engage-bench-keys-").FullName;
    private FieldProtector _protector = FieldProtector.Plaintext;
    private string _plain = string.Empty;
    private string _stored = string.Empty;

    /// <summary>Bytes of the value.</summary>
    [Params(1600, 6000)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _protector = FieldProtector.From(KeyFile.CreateNew(Path.Combine(_dir, "keys.json")));
        _plain = "{\"email\":\"ann@example.com\",\"body\":\"" + new string('x', Size - 40) + "\"}";
        _stored = _protector.Protect(_plain)!;
    }

    [Benchmark]
    public string? Protect() => _protector.Protect(_plain);

    [Benchmark]
    public string? Unprotect() => _protector.Unprotect(_stored);

    [GlobalCleanup]
    public void Dispose()
    {
        _protector.Dispose();
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }
}
