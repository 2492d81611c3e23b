using Engagement.Protection;

namespace Engagement.Protection.Tests;

/// <summary>The key file: written once with mode 600, read back, and every way it can be wrong said in one line naming it.</summary>
public sealed class KeyFileTests : IDisposable
{
    private readonly TempFolder _files = new();

    public void Dispose() => _files.Dispose();

    private string PathOf(string name) => Path.Combine(_files.Root, name);

    [Fact]
    public void CreateNew_WritesAFileOnlyTheOwnerCanRead_ThatLoadsBack()
    {
        var written = KeyFile.CreateNew(PathOf("keys.json"));

        var loaded = KeyFile.Load(PathOf("keys.json"));

        Assert.Equal(written.Current, loaded.Current);
        Assert.Equal(written.Keys[0].Key, loaded.Keys[0].Key);
        Assert.Equal(KeyFile.KeySize, loaded.IndexKey.Length);
        Assert.NotEqual(loaded.IndexKey, loaded.UnsubscribeKey);
        // Base64 as it is ('+' and '/' not escaped), so the file can be read and compared by eye.
        Assert.All(loaded.Keys.Select(k => k.Key).Append(loaded.IndexKey).Append(loaded.UnsubscribeKey),
            key => Assert.Contains(Convert.ToBase64String(key), File.ReadAllText(PathOf("keys.json")), StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PathOf("keys.json")));
        }
    }

    [Fact]
    public void CreateNew_ExistingFile_IsRefusedAndLeftAsItWas()
    {
        File.WriteAllText(PathOf("keys.json"), "precious");

        var error = Assert.Throws<KeyFileException>(() => KeyFile.CreateNew(PathOf("keys.json")));

        Assert.Contains("already exists", error.Message, StringComparison.Ordinal);
        Assert.Equal("precious", File.ReadAllText(PathOf("keys.json")));
    }

    [Fact]
    public void AddKey_KeepsTheOldKeysAndTheModeOfTheFile()
    {
        var first = KeyFile.CreateNew(PathOf("keys.json"));

        var second = KeyFile.AddKey(PathOf("keys.json"));

        Assert.Equal([first.Current, second.Current], second.Keys.Select(k => k.Id));
        Assert.Equal(second.Current, KeyFile.Load(PathOf("keys.json")).Current);
        Assert.False(File.Exists(PathOf("keys.json") + ".new"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PathOf("keys.json")));
        }
    }

    [Fact]
    public void Load_MissingFile_SaysSoAndHowToCreateOne()
    {
        var error = Assert.Throws<KeyFileException>(() => KeyFile.Load(PathOf("nope.json")));

        Assert.StartsWith(PathOf("nope.json") + ": key file not found", error.Message, StringComparison.Ordinal);
        Assert.Contains("engage keys new", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ not json", "not valid JSON (line 1)")]
    [InlineData("[]", "expected a JSON object")]
    [InlineData("""{"format":"engage-keys/1","current":"k1","keys":[{"id":"k1","created":"2026-01-01T00:00:00Z","key":"c2hvcnQ="}],"indexKey":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=","unsubscribeKey":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}""", "keys[0].key: expected 32 bytes in base64")]
    [InlineData("""{"format":"engage-keys/1","current":"k2","keys":[{"id":"k1","created":"2026-01-01T00:00:00Z","key":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}],"indexKey":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=","unsubscribeKey":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}""", "current: k2 is not one of the keys")]
    [InlineData("""{"format":"other"}""", "format: expected \"engage-keys/1\"")]
    [InlineData("""{"format":"engage-keys/1","current":"k1","keys":[]}""", "keys: expected a non-empty array")]
    public void Load_BadFile_IsOneLineNamingTheFileAndTheFault(string text, string expected)
    {
        File.WriteAllText(PathOf("bad.json"), text);

        var error = Assert.Throws<KeyFileException>(() => KeyFile.Load(PathOf("bad.json")));

        Assert.StartsWith(PathOf("bad.json") + ": ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }
}
